import { sleep, type INodeExecutionData } from 'n8n-workflow';

import { DefenderTrigger } from '../../../nodes/DefenderTrigger/DefenderTrigger.node';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { emulatorCredential } from '../emulatorCredential';
import { createContext } from '../n8nHarness';

const ALERTS = '/v1.0/security/alerts_v2';

/**
 * Two activations of one workflow, each with its own copy of the stored state, polling at once:
 * what n8n 2.41 does when a workflow is activated again during its activation poll. The second
 * poll waits and goes on from where the first ended once the first page started an execution.
 */
describe('DefenderTrigger polls of one workflow that overlap', () => {
	let emulator: RunningEmulator;
	let workflowCount = 0;

	beforeAll(async () => {
		emulator = await startEmulator({ alerts: 0, seed: 23, httpsPort: false, rateLimits: false });
	});

	afterAll(async () => {
		await emulator.stop();
	});

	beforeEach(() => {
		emulator.admin.reset();
	});

	/** Activations of one workflow: each gets a copy of the stored state, as n8n loads it. */
	function workflow() {
		const workflowId = `overlap-${++workflowCount}`;
		const node = new DefenderTrigger();
		const credential = emulatorCredential(emulator);
		const parameters = {
			mode: 'poll',
			resource: 'alerts',
			event: 'createdOrUpdated',
			filters: {},
			options: { lookBack: '1h', maxItems: 2 },
		};
		const activation = (stored: Record<string, unknown> = {}) => {
			const staticData = JSON.parse(JSON.stringify(stored)) as Record<string, unknown>;
			const poll = async () => {
				const { context } = createContext({
					parameters,
					credentials: { defenderXdrApi: credential },
					staticData: staticData as never,
					mode: 'trigger',
					workflowId,
				});
				return await node.poll.call(context as never);
			};
			return { poll, staticData };
		};
		/** What n8n does with a page it takes: an execution starts at the trigger. */
		const startExecution = async (output: unknown) => {
			const items = (output as INodeExecutionData[][])[0];
			const { context } = createContext({ parameters, items, mode: 'trigger', workflowId });
			await node.execute.call(context as never);
		};
		return { activation, startExecution };
	}

	const ids = (output: unknown) =>
		((output as Array<Array<{ json: { id: string } }>> | null)?.[0] ?? []).map(
			(item) => item.json.id,
		);

	const newAlerts = (count: number) =>
		Array.from(
			{ length: count },
			() => emulator.admin.createAlert({ severity: 'high', status: 'new' }).id,
		);

	it('emits the next page, not the same one, when the first page started an execution', async () => {
		const created = newAlerts(4);
		const { activation, startExecution } = workflow();
		const first = activation();
		const second = activation();
		emulator.faults.add({ path: ALERTS, method: 'GET', delayMs: 800 });
		const firstPoll = first.poll();
		await sleep(200);
		const secondPoll = second.poll();
		const firstPage = await firstPoll;
		await startExecution(firstPage);
		const secondPage = await secondPoll;

		expect(ids(firstPage)).toEqual(created.slice(0, 2));
		expect(ids(secondPage)).toEqual(created.slice(2, 4));
		// The second activation's state goes on from there: nothing comes again.
		expect(await second.poll()).toBeNull();
	});

	it('reads the same page again when the first poll failed and stored nothing', async () => {
		const created = newAlerts(3);
		const { activation } = workflow();
		const warmed = activation();
		expect(ids(await warmed.poll())).toEqual(created.slice(0, 2));

		const first = activation(warmed.staticData);
		const second = activation(warmed.staticData);
		emulator.faults.add({ path: ALERTS, method: 'GET', delayMs: 800, malformed: true });
		const firstPoll = first.poll();
		await sleep(200);
		const secondPoll = second.poll();
		expect(await firstPoll).toBeNull();
		expect(ids(await secondPoll)).toEqual([created[2]]);
	});
});
