import { randomBytes } from 'crypto';

import { DefenderTrigger } from '../../../nodes/DefenderTrigger/DefenderTrigger.node';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { emulatorCredential } from '../emulatorCredential';
import { createContext } from '../n8nHarness';

/** The trigger in Polling mode against the emulator: real credential, real lib, real HTTP. */
describe('DefenderTrigger polling mode', () => {
	let emulator: RunningEmulator;

	beforeAll(async () => {
		emulator = await startEmulator({ alerts: 0, seed: 11, httpsPort: false, rateLimits: false });
	});

	afterAll(async () => {
		await emulator.stop();
	});

	beforeEach(() => {
		emulator.admin.reset();
	});


	/** One trigger instance: static data and the credential persist across its polls. */
	function trigger(parameters: Record<string, unknown>, credential = emulatorCredential(emulator)) {
		const staticData: Record<string, unknown> = {};
		const node = new DefenderTrigger();
		const poll = async (mode: 'trigger' | 'manual' = 'trigger') => {
			const { context, warnings } = createContext({
				parameters: { mode: 'poll', resource: 'alerts', event: 'created', filters: {}, options: {}, ...parameters },
				credentials: { defenderXdrApi: credential },
				staticData: staticData as never,
				mode,
			});
			const output =
				mode === 'manual'
					? await node.execute.call(context as never)
					: await node.poll.call(context as never);
			return { output, warnings };
		};
		return { poll, staticData };
	}

	const ids = (output: unknown) =>
		((output as Array<Array<{ json: { id: string } }>> | null)?.[0] ?? []).map((item) => item.json.id);

	const newAlert = (extra: Record<string, unknown> = {}) =>
		emulator.admin.createAlert({ severity: 'high', status: 'new', ...extra });

	it('starts at activation, then emits each new alert exactly once, oldest first', async () => {
		newAlert();
		const { poll } = trigger({});
		expect(ids((await poll()).output)).toEqual([]);
		const first = newAlert();
		const second = newAlert();
		expect(ids((await poll()).output)).toEqual([first.id, second.id]);
		expect((await poll()).output).toBeNull();
		const third = newAlert();
		expect(ids((await poll()).output)).toEqual([third.id]);
	});

	it('looks back on the first poll when asked to', async () => {
		const earlier = [newAlert(), newAlert(), newAlert()];
		const { poll } = trigger({ options: { lookBack: '1h' } });
		expect(ids((await poll()).output)).toEqual(earlier.map((alert) => alert.id));
	});

	it('emits updates as new versions with the fields that changed', async () => {
		const { poll } = trigger({ event: 'createdOrUpdated', options: { lookBack: '1h' } });
		const alert = newAlert();
		const created = (await poll()).output as Array<Array<{ json: Record<string, unknown> }>>;
		expect(created[0][0].json._defender).toMatchObject({ event: 'created' });
		emulator.admin.updateAlert(alert.id, { status: 'inProgress', assignedTo: 'analyst@contoso.com' });
		const updated = (await poll()).output as Array<Array<{ json: Record<string, unknown> }>>;
		expect(updated[0]).toHaveLength(1);
		expect(updated[0][0].json._defender).toMatchObject({
			event: 'updated',
			changes: { status: ['new', 'inProgress'], assignedTo: [null, 'analyst@contoso.com'] },
		});
		expect((await poll()).output).toBeNull();
	});

	it('keeps only alerts matching every filter', async () => {
		const { poll } = trigger({
			options: { lookBack: '1h' },
			filters: { severity: ['high'], serviceSource: ['microsoftDefenderForEndpoint'] },
		});
		const match = newAlert({ serviceSource: 'microsoftDefenderForEndpoint' });
		newAlert({ severity: 'low', serviceSource: 'microsoftDefenderForEndpoint' });
		newAlert({ serviceSource: 'microsoftDefenderForIdentity' });
		expect(ids((await poll()).output)).toEqual([match.id]);
	});

	it('caps a poll at Max Items and delivers the rest next time, oldest first', async () => {
		const alerts = Array.from({ length: 5 }, () => newAlert());
		const { poll } = trigger({ options: { lookBack: '1h', maxItems: 2 } });
		const seen = [...ids((await poll()).output), ...ids((await poll()).output), ...ids((await poll()).output)];
		expect(seen).toEqual(alerts.map((alert) => alert.id));
		expect((await poll()).output).toBeNull();
	});

	it('loses nothing through a throttled poll: the cursor stays and the next poll catches up', async () => {
		const { poll, staticData } = trigger({ options: { lookBack: '1h' } });
		const before = newAlert();
		expect(ids((await poll()).output)).toEqual([before.id]);
		const stored = JSON.stringify(staticData);
		const during = newAlert();
		emulator.faults.add({ path: '/v1.0/security/alerts_v2', status: 503, times: 10 });
		const throttled = await poll();
		expect(throttled.output).toBeNull();
		expect(throttled.warnings.join(' ')).toMatch(/retry on the next poll/);
		expect(JSON.stringify(staticData)).toBe(stored);
		emulator.faults.clear();
		expect(ids((await poll()).output)).toEqual([during.id]);
	});

	it('fails loudly on the first poll when the secret is wrong, without echoing it', async () => {
		const wrongSecret = randomBytes(12).toString('hex');
		const { poll } = trigger({}, emulatorCredential(emulator, { clientSecret: wrongSecret }));
		const failure = await poll().catch((error: Error) => error);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toMatch(/secret/i);
		expect(JSON.stringify(failure)).not.toContain(wrongSecret);
		expect((failure as Error).message).not.toContain(wrongSecret);
	});

	it('"Fetch Test Event" returns the newest alert and leaves the cursor alone', async () => {
		newAlert();
		const newest = newAlert();
		const { poll, staticData } = trigger({ options: { testEventCount: 1 } });
		const { output } = await poll('manual');
		expect(ids(output)).toEqual([newest.id]);
		expect(staticData).toEqual({});
	});

	it('emits incidents with their alerts fetched in a second step', async () => {
		const alert = newAlert();
		const incident = emulator.admin.createIncident({ alertIds: [alert.id] });
		const { poll } = trigger({ resource: 'incidents', options: { lookBack: '1h' } });
		const output = (await poll()).output as Array<Array<{ json: Record<string, unknown> }>>;
		const emitted = output[0].find((item) => item.json.id === incident.id);
		expect(emitted).toBeDefined();
		expect((emitted!.json.alerts as Array<{ id: string }>).map((a) => a.id)).toContain(alert.id);
	});
});
