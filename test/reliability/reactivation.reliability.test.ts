/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test harness, not shipped */
/**
 * A polling workflow activated again while its activation poll is still running: what an editor
 * who publishes twice in quick succession does, and what a restart followed by an early
 * re-publish does. n8n 2.41 discards the result of a superseded scheduled poll, but not of a
 * superseded activation poll, so both activation polls emit, both from the same stored state.
 * Nothing may be lost and nothing emitted twice.
 */
import { startStack, type Stack } from '../e2e/harness/stack';
import { createWorkflow } from '../e2e/harness/workflows';
import { compareVersions, ExecutionCollector, versionKey } from './harness/executions';
import { FaultLedger } from './harness/faultLedger';
import {
	activateWorkflow,
	ALERTS_PATH,
	deactivateWorkflow,
	keepLog,
	pause,
	pollNow,
	pollWorkflow,
	SYNCHRONOUS_ACTIVATION,
} from './harness/pollWorkflow';

const BACKLOG = 300;
const MAX_ITEMS_PER_POLL = 25;
const SLOW_LIST_MS = 3_000;
const RACES = 4;

describe('re-activation while the activation poll runs', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({
			emulator: { alerts: 0, seed: 43, rateLimits: false },
			n8nEnv: { ...SYNCHRONOUS_ACTIVATION, N8N_LOG_LEVEL: 'debug' },
		});
	}, 900_000);

	afterAll(async () => {
		if (stack)
			process.stdout.write(
				`[reactivation] n8n log kept at ${keepLog(stack.n8n, 'defender-reactivation')}\n`,
			);
		await stack?.stop();
	});

	it("emits every alert once when a second activation overtakes the first one's poll", async () => {
		const { emulator, n8n } = stack;
		const expected = new Set<string>();
		for (let i = 0; i < BACKLOG; i++) {
			expected.add(versionKey(emulator.admin.createAlert({ severity: 'medium', status: 'new' })));
		}
		const workflowId = await createWorkflow(
			n8n,
			pollWorkflow(stack, 'reactivation alerts', { lookBack: '1h', maxItems: MAX_ITEMS_PER_POLL }),
		);
		const executions = new ExecutionCollector(() => n8n, workflowId);
		const ledger = new FaultLedger(emulator);
		await activateWorkflow(n8n, workflowId);

		for (let race = 0; race < RACES; race++) {
			await deactivateWorkflow(n8n, workflowId);
			// The first activation's list request answers slowly; the second activation starts meanwhile.
			ledger.add({ path: ALERTS_PATH, method: 'GET', delayMs: SLOW_LIST_MS });
			const hit = ledger.nextHit();
			const first = activateWorkflow(n8n, workflowId);
			await hit;
			await pause(300);
			await deactivateWorkflow(n8n, workflowId).catch(() => undefined);
			await activateWorkflow(n8n, workflowId);
			await first.catch(() => undefined);
			await pause(SLOW_LIST_MS);
		}
		// Drain the rest one poll at a time; any repeat shows here too.
		for (let poll = 0; poll < Math.ceil(BACKLOG / MAX_ITEMS_PER_POLL) + 2; poll++) {
			await pollNow(n8n, workflowId);
		}
		await deactivateWorkflow(n8n, workflowId);
		await executions.settle();

		const emittedKeys = executions.emittedKeys();
		const { lost, duplicated, unexpected } = compareVersions(expected, emittedKeys);
		process.stdout.write(
			`[reactivation] alerts ${BACKLOG}, races ${RACES}, emitted ${emittedKeys.length}, lost ${lost.length}, duplicated ${duplicated.length}, unexpected ${unexpected.length}, executions ${executions.list().length}\n`,
		);
		expect({
			lost: lost.slice(0, 5),
			duplicated: duplicated.slice(0, 5),
			unexpected: unexpected.slice(0, 5),
		}).toEqual({ lost: [], duplicated: [], unexpected: [] });
		expect(emittedKeys).toHaveLength(BACKLOG);
	});
});
