import { sleep } from 'n8n-workflow';

import { DefenderTrigger } from '../../../nodes/DefenderTrigger/DefenderTrigger.node';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { emulatorCredential } from '../emulatorCredential';
import { createContext } from '../n8nHarness';

const ALERTS = '/v1.0/security/alerts_v2';

/**
 * Polls that meet a slow API or a broken body, against the emulator: the Request Timeout option
 * reaches the HTTP call, a timed-out or malformed poll emits nothing and keeps its cursor, and the
 * next poll delivers every version once.
 */
describe('DefenderTrigger polls through timeouts and malformed bodies', () => {
	let emulator: RunningEmulator;

	beforeAll(async () => {
		emulator = await startEmulator({ alerts: 0, seed: 19, httpsPort: false, rateLimits: false });
	});

	afterAll(async () => {
		await emulator.stop();
	});

	beforeEach(() => {
		emulator.admin.reset();
	});

	function trigger(options: Record<string, unknown>) {
		const staticData: Record<string, unknown> = {};
		const node = new DefenderTrigger();
		const credential = emulatorCredential(emulator);
		const poll = async () => {
			const { context, warnings } = createContext({
				parameters: {
					mode: 'poll',
					resource: 'alerts',
					event: 'createdOrUpdated',
					filters: {},
					options: { lookBack: '1h', ...options },
				},
				credentials: { defenderXdrApi: credential },
				staticData: staticData as never,
				mode: 'trigger',
			});
			return { output: await node.poll.call(context as never), warnings };
		};
		return { poll, staticData };
	}

	const ids = (output: unknown) =>
		((output as Array<Array<{ json: { id: string } }>> | null)?.[0] ?? []).map(
			(item) => item.json.id,
		);

	const newAlert = () => emulator.admin.createAlert({ severity: 'high', status: 'new' });

	it('waits at most Request Timeout for an answer and retries a slow call within the poll', async () => {
		const { poll } = trigger({ requestTimeout: 1 });
		const first = newAlert();
		expect(ids((await poll()).output)).toEqual([first.id]);
		const second = newAlert();
		emulator.requests.clear();
		emulator.faults.add({ path: ALERTS, method: 'GET', delayMs: 2_500 });
		expect(ids((await poll()).output)).toEqual([second.id]);
		// The emulator logs the slow request when it finally answers, after the client gave up.
		await sleep(2_000);
		const lists = emulator.requests
			.list()
			.filter((entry) => entry.path === ALERTS)
			.sort((a, b) => a.seq - b.seq);
		// The first answer came after the client had given up; the retry got the page.
		expect(lists).toHaveLength(2);
		expect(lists[0].durationMs).toBeGreaterThanOrEqual(2_500);
		expect(lists[1].durationMs).toBeLessThan(1_000);
	});

	it('keeps its cursor when every try of a poll times out, and the next poll catches up', async () => {
		const { poll, staticData } = trigger({ requestTimeout: 1 });
		const first = newAlert();
		expect(ids((await poll()).output)).toEqual([first.id]);
		const stored = JSON.stringify(staticData);
		const during = newAlert();
		emulator.faults.add({ path: ALERTS, method: 'GET', delayMs: 1_500, times: 5 });
		const timedOut = await poll();
		expect(timedOut.output).toBeNull();
		expect(timedOut.warnings.join(' ')).toMatch(
			/No response from the API .* after 5 attempts.*retry on the next poll|retry on the next poll.*No response from the API/,
		);
		expect(JSON.stringify(staticData)).toBe(stored);
		expect(ids((await poll()).output)).toEqual([during.id]);
		// Let the last slow answer finish so it is not logged into the next test.
		await sleep(1_500);
	}, 60_000);

	it('refuses a bad Request Timeout with a message saying what to enter', async () => {
		const { poll } = trigger({ requestTimeout: 0 });
		const failure = await poll().catch((error: Error) => error);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toBe(
			'Request Timeout (Seconds) must be a number from 1 to 600.',
		);
	});

	it('emits nothing from a malformed 200 body, keeps its cursor, and delivers on the next poll', async () => {
		const { poll, staticData } = trigger({});
		const first = newAlert();
		expect(ids((await poll()).output)).toEqual([first.id]);
		const stored = JSON.stringify(staticData);
		const updated = emulator.admin.updateAlert(first.id, { status: 'inProgress' });
		const updatedVersion = updated.lastUpdateDateTime;
		const created = newAlert();
		emulator.faults.add({ path: ALERTS, method: 'GET', malformed: true });
		const broken = await poll();
		expect(broken.output).toBeNull();
		expect(broken.warnings.join(' ')).toMatch(/retry on the next poll/);
		expect(JSON.stringify(staticData)).toBe(stored);
		const next = await poll();
		expect(ids(next.output)).toEqual([first.id, created.id]);
		const items = (next.output as Array<Array<{ json: { lastUpdateDateTime: string } }>>)[0];
		expect(items[0].json.lastUpdateDateTime).toBe(updatedVersion);
	});

	it('emits no half window when a later page is malformed: the whole window comes next poll', async () => {
		const { poll, staticData } = trigger({ maxItems: 5_000 });
		expect((await poll()).output).toBeNull();
		const stored = JSON.stringify(staticData);
		const alerts = Array.from({ length: 1_050 }, () => newAlert().id);
		// The second page is requested with the nextLink's $skiptoken.
		emulator.faults.add({ path: `^${ALERTS}\\?.*skiptoken`, method: 'GET', malformed: true });
		emulator.requests.clear();
		const broken = await poll();
		expect(broken.output).toBeNull();
		expect(JSON.stringify(staticData)).toBe(stored);
		const pages = emulator.requests.list().filter((entry) => entry.path === ALERTS);
		expect(pages.map((entry) => entry.status)).toEqual([200, 200]);
		expect(emulator.faults.list()).toEqual([]);
		const next = ids((await poll()).output);
		expect(next).toHaveLength(1_050);
		expect(new Set(next)).toEqual(new Set(alerts));
	}, 60_000);
});
