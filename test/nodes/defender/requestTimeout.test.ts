import { sleep, type INodeExecutionData } from 'n8n-workflow';

import { Defender } from '../../../nodes/Defender/Defender.node';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { emulatorCredential } from '../emulatorCredential';
import { createContext } from '../n8nHarness';

/** The Defender node's Request Timeout option against the emulator. */
describe('Defender node Request Timeout', () => {
	let emulator: RunningEmulator;

	beforeAll(async () => {
		emulator = await startEmulator({ alerts: 3, seed: 23, httpsPort: false, rateLimits: false });
	});

	afterAll(async () => {
		await emulator.stop();
	});

	async function getAlert(alertId: string, requestOptions: Record<string, unknown>) {
		const { context } = createContext({
			parameters: { resource: 'alert', operation: 'get', alertId, requestOptions },
			items: [{ json: {} }],
			credentials: { defenderXdrApi: emulatorCredential(emulator) },
		});
		const output = await new Defender().execute.call(context as never);
		return output[0] as INodeExecutionData[];
	}

	it('gives up on a slow answer after the timeout and gets the alert on the retry', async () => {
		const alert = [...emulator.state.alerts.values()][0];
		await getAlert(alert.id, {});
		emulator.requests.clear();
		emulator.faults.add({ path: `/v1.0/security/alerts_v2/${alert.id}`, delayMs: 2_500 });
		const output = await getAlert(alert.id, { requestTimeout: 1 });
		expect(output.map((item) => item.json.id)).toEqual([alert.id]);
		// The slow request is logged when it finally answers.
		await sleep(2_000);
		const gets = emulator.requests
			.list()
			.filter((entry) => entry.path === `/v1.0/security/alerts_v2/${alert.id}`)
			.sort((a, b) => a.seq - b.seq);
		expect(gets).toHaveLength(2);
		expect(gets[0].durationMs).toBeGreaterThanOrEqual(2_500);
	});

	it.each([0, 601, 'later'])('refuses Request Timeout %p with a clear message', async (value) => {
		const alert = [...emulator.state.alerts.values()][0];
		const failure = await getAlert(alert.id, { requestTimeout: value }).catch(
			(error: Error) => error,
		);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toBe(
			'Request Timeout (Seconds) must be a number from 1 to 600.',
		);
	});
});
