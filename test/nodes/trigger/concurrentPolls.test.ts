import { DefenderTrigger } from '../../../nodes/DefenderTrigger/DefenderTrigger.node';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { emulatorCredential } from '../emulatorCredential';
import { createContext } from '../n8nHarness';

/**
 * n8n can start two polls of one workflow close together (at start-up it activates a workflow
 * twice; a quick deactivate/activate does the same). Each gets its own copy of the static data,
 * read before the other saved. Within one process the trigger must still emit each version once.
 */
describe('DefenderTrigger: polls of one workflow that overlap', () => {
	let emulator: RunningEmulator;

	beforeAll(async () => {
		emulator = await startEmulator({ alerts: 0, seed: 23, httpsPort: false, rateLimits: false });
	});

	afterAll(async () => {
		await emulator.stop();
	});

	beforeEach(() => {
		emulator.admin.reset();
		emulator.faults.clear();
	});

	const node = new DefenderTrigger();
	const parameters = {
		mode: 'poll',
		resource: 'alerts',
		event: 'createdOrUpdated',
		filters: {},
		options: { lookBack: '1h', maxItems: 10 },
	};

	/** One poll the way n8n runs it: a fresh copy of the stored static data. */
	async function poll(workflowId: string, stored: Record<string, unknown>, mode = 'trigger') {
		const staticData = JSON.parse(JSON.stringify(stored)) as Record<string, unknown>;
		const { context } = createContext({
			parameters,
			credentials: { defenderXdrApi: emulatorCredential(emulator) },
			staticData: staticData as never,
			mode: mode as 'trigger',
			workflowId,
		});
		const output = (await node.poll.call(context as never)) as Array<
			Array<{ json: { id: string; lastUpdateDateTime: string } }>
		> | null;
		const versions = (output?.[0] ?? []).map(
			(item) => `${item.json.id}|${item.json.lastUpdateDateTime}`,
		);
		return { versions, staticData };
	}

	const newAlerts = (count: number) =>
		Array.from({ length: count }, () =>
			emulator.admin.createAlert({ severity: 'high', status: 'new' }),
		);

	it('two polls started from the same stored state emit each version once, in order', async () => {
		const alerts = newAlerts(25);
		// The list answers slowly, so the second poll starts while the first is still reading.
		emulator.faults.add({
			path: '/v1.0/security/alerts_v2',
			method: 'GET',
			delayMs: 300,
			times: 1,
		});
		const [first, second] = await Promise.all([poll('wf-overlap', {}), poll('wf-overlap', {})]);
		const third = await poll('wf-overlap', second.staticData);
		const emitted = [...first.versions, ...second.versions, ...third.versions];
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted).toEqual(alerts.map((alert) => `${alert.id}|${alert.lastUpdateDateTime}`));
		expect(first.versions).toHaveLength(10);
		expect(second.versions).toHaveLength(10);
	});

	it('a poll handed a copy saved before the previous poll emitted does not emit that page again', async () => {
		newAlerts(4);
		const before = await poll('wf-stale', {});
		expect(before.versions).toHaveLength(4);
		const later = newAlerts(2);
		// n8n did not save the first poll's state before this one read it: an empty copy.
		const stale = await poll('wf-stale', {});
		expect(stale.versions).toEqual(later.map((alert) => `${alert.id}|${alert.lastUpdateDateTime}`));
	});

	it('keeps workflows apart, and a manual poll neither uses nor moves the memory', async () => {
		const alerts = newAlerts(3);
		const versions = alerts.map((alert) => `${alert.id}|${alert.lastUpdateDateTime}`);
		expect((await poll('wf-a', {})).versions).toEqual(versions);
		expect((await poll('wf-b', {})).versions).toEqual(versions);
		expect((await poll('wf-a', {}, 'manual')).versions).toEqual(versions);
		expect((await poll('wf-a', {})).versions).toEqual([]);
	});
});
