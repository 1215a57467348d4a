/**
 * lib/mde and lib/hunting against the emulator over real HTTP (no nock): tokens minted for both
 * APIs, device actions with the guardrails and waiting on the emulator's action clock, indicator
 * sync run twice, hunting with slices, and the 403/429 paths.
 */
import { resolveCloudEndpoints } from '../../../lib/auth/clouds';
import { EntraTokenProvider } from '../../../lib/auth/tokenCache';
import { DefenderClient } from '../../../lib/client/DefenderClient';
import { runHuntingQuery, runHuntingQuerySliced } from '../../../lib/hunting/runQuery';
import { requestMachineAction } from '../../../lib/mde/actions';
import { runDeviceActions } from '../../../lib/mde/deviceActions';
import { syncIndicators } from '../../../lib/mde/indicatorSync';
import {
	batchDeleteIndicators,
	importIndicators,
	listIndicators,
	submitIndicator,
} from '../../../lib/mde/indicators';
import { getMachine, listMachines } from '../../../lib/mde/machines';
import type { UpstreamIndicator } from '../../../lib/mde/indicatorSyncPlan';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import { createAxiosTransport } from '../http/axiosTransport';
import { clockAndSleep } from './helpers';

const START = Date.parse('2025-03-01T12:00:00Z');

function clientFor(
	emu: RunningEmulator,
	timing: ReturnType<typeof clockAndSleep>,
	app?: { clientId: string; secret: string },
) {
	const endpoints = resolveCloudEndpoints('custom', {
		loginHost: emu.url,
		graphBaseUrl: emu.graphBaseUrl,
		mdeBaseUrl: emu.mdeBaseUrl,
	});
	const tokens = new EntraTokenProvider(createAxiosTransport(), timing.clock, {
		endpoints,
		tenantId: emu.tenantId,
		clientId: app?.clientId ?? emu.defaultClient.clientId,
		auth: { type: 'secret', secret: app?.secret ?? emu.defaultClient.clientSecret },
	});
	return new DefenderClient({
		transport: createAxiosTransport(),
		endpoints,
		tokens,
		sleep: timing.sleep,
		clock: timing.clock,
		random: () => 0.5,
	});
}

function writes(emu: RunningEmulator, prefix: string): number {
	return emu.requests.list().filter((e) => e.method !== 'GET' && e.path.startsWith(prefix)).length;
}

describe('lib/mde and lib/hunting against the emulator', () => {
	let emu: RunningEmulator;
	let timing: ReturnType<typeof clockAndSleep>;
	let client: DefenderClient;

	const start = async (options: EmulatorOptions = {}) => {
		timing = clockAndSleep(START);
		emu = await startEmulator({
			httpsPort: false,
			rateLimits: false,
			seed: 8,
			alerts: 300,
			now: () => timing.clock.now(),
			...options,
		});
		client = clientFor(emu, timing);
	};
	afterEach(async () => {
		await emu?.stop();
	});

	function untaggedMachine(): string {
		const machine = [...emu.state.machines.values()].find((m) => m.machineTags.length === 0);
		if (!machine) throw new Error('the seeded tenant has no untagged machine');
		return machine.id;
	}

	it('lists devices with filters and reads one', async () => {
		await start();
		const all = await listMachines(client, { pageSize: 7 });
		expect(all).toHaveLength(emu.state.machines.size);
		expect(new Set(all.map((m) => m.id)).size).toBe(all.length);

		const tagged = all.find((m) => (m.machineTags ?? []).length > 0);
		const tag = tagged?.machineTags?.[0] as string;
		const byTag = await listMachines(client, { filters: { tag } });
		expect(byTag.length).toBeGreaterThan(0);
		expect(byTag.every((m) => m.machineTags?.includes(tag))).toBe(true);

		const one = await getMachine(client, all[0]?.id as string);
		expect(one.computerDnsName).toBe(all[0]?.computerDnsName);
	});

	it('isolates, waits until Succeeded, then skips the now isolated device on a re-run', async () => {
		await start({ actionClock: 4000 });
		const id = untaggedMachine();

		const first = await runDeviceActions(
			client,
			{
				machineIds: [id],
				action: { type: 'isolate', comment: 'Contain INC-42', isolationType: 'Selective' },
			},
			{ sleep: timing.sleep, clock: timing.clock },
		);
		expect(first.results[0]).toMatchObject({
			outcome: 'completed',
			status: 'Succeeded',
			succeeded: true,
			machineAction: {
				type: 'Isolate',
				scope: 'Selective',
				machineId: id,
				requestorComment: 'Contain INC-42',
			},
		});
		expect(timing.waits).toEqual([10_000]);

		const again = await runDeviceActions(
			client,
			{ machineIds: [id], action: { type: 'isolate', comment: 'again' } },
			{ sleep: timing.sleep, clock: timing.clock },
		);
		expect(again.results[0]).toMatchObject({
			outcome: 'skipped',
			code: 'alreadyInState',
			reason: expect.stringContaining('already isolated (Selective)'),
		});
		expect(writes(emu, '/api/machines/')).toBe(1);

		const release = await runDeviceActions(
			client,
			{ machineIds: [id], action: { type: 'unisolate', comment: 'Released' } },
			{ sleep: timing.sleep, clock: timing.clock },
		);
		expect(release.results[0]).toMatchObject({ outcome: 'completed', status: 'Succeeded' });
	});

	it('a repeat while the first is running comes back as "already in progress" with the running action', async () => {
		await start({ actionClock: 60_000 });
		const id = untaggedMachine();

		const first = await requestMachineAction(client, id, { type: 'isolate', comment: 'first' });
		expect(first.outcome).toBe('requested');
		const second = await requestMachineAction(client, id, { type: 'isolate', comment: 'second' });
		expect(second).toMatchObject({
			outcome: 'alreadyInProgress',
			pendingAction: {
				id: first.outcome === 'requested' ? first.action.id : '',
				status: 'Pending',
			},
		});

		const guarded = await runDeviceActions(
			client,
			{ machineIds: [id], action: { type: 'isolate', comment: 'third' } },
			{ sleep: timing.sleep, clock: timing.clock, wait: false },
		);
		expect(guarded.results[0]).toMatchObject({ outcome: 'skipped', code: 'actionRunning' });
	});

	it('never isolates a device with the protected tag, and dry run sends nothing', async () => {
		await start();
		const [a, b] = [...emu.state.machines.values()].filter((m) => m.machineTags.length === 0);
		if (!a || !b) throw new Error('the seeded tenant has too few untagged machines');
		a.machineTags.push('do-not-isolate');

		const report = await runDeviceActions(
			client,
			{ machineIds: [a.id, b.id], action: { type: 'isolate', comment: 'x' } },
			{ sleep: timing.sleep, clock: timing.clock, guardrails: { dryRun: true } },
		);
		expect(report.results.map((r) => [r.machineId, r.outcome, r.code])).toEqual([
			[a.id, 'skipped', 'protectedTag'],
			[b.id, 'wouldRun', 'ok'],
		]);
		expect(writes(emu, '/api/machines/')).toBe(0);
	});

	it('names Machine.Isolate when the app lacks it', async () => {
		await start();
		const app = emu.registerApp({ clientSecret: 'test-secret-value', roles: ['Machine.Read.All'] });
		const limited = clientFor(emu, timing, { clientId: app.clientId, secret: 'test-secret-value' });

		const report = await runDeviceActions(
			limited,
			{ machineIds: [untaggedMachine()], action: { type: 'isolate', comment: 'x' } },
			{ sleep: timing.sleep, clock: timing.clock },
		);
		expect(report.results[0]).toMatchObject({
			outcome: 'error',
			error: { kind: 'forbidden', status: 403 },
			reason: expect.stringContaining('permission Machine.Isolate'),
		});
	});

	it('waits out a 429 from the MDE API per Retry-After', async () => {
		await start();
		emu.faults.add({ method: 'GET', path: '/api/machines', status: 429, retryAfter: '4' });
		const machines = await listMachines(client);
		expect(machines.length).toBe(emu.state.machines.size);
		expect(timing.waits).toContain(4000);
	});

	it('imports, lists and batch-deletes indicators', async () => {
		await start();
		const before = (await listIndicators(client)).length;
		const inputs = Array.from({ length: 620 }, (_, i) => ({
			value: `198.51.${Math.floor(i / 200)}.${i % 200}`,
			action: 'Block',
			title: `IP ${i}`,
			description: 'bulk',
		}));
		const imported = await importIndicators(client, inputs);
		expect(imported).toMatchObject({ requests: 2, failed: 0 });
		const created = await listIndicators(client, { filters: { title: 'IP 3' } });
		expect(created.map((i) => i.indicatorValue)).toEqual(['198.51.0.3']);
		expect((await listIndicators(client)).length).toBe(before + 620);

		const one = await submitIndicator(client, {
			value: 'evil.example',
			action: 'Audit',
			title: 't',
			description: 'd',
		});
		expect(one).toMatchObject({ indicatorType: 'DomainName', generateAlert: true });

		const deleted = await batchDeleteIndicators(
			client,
			imported.results.map((r) => r.id as string),
		);
		expect(deleted.deleted).toHaveLength(620);
		expect(deleted.requests).toBe(2);
		expect((await listIndicators(client)).length).toBe(before + 1);
	});

	it('syncs a feed, and a second run with the same feed changes nothing', async () => {
		await start();
		const seeded = (await listIndicators(client)).find((i) =>
			['IpAddress', 'DomainName', 'Url', 'FileSha256'].includes(i.indicatorType),
		);
		const feed: UpstreamIndicator[] = [
			...Array.from({ length: 30 }, (_, i) => ({
				value: `203.0.113.${i + 1}`,
				type: 'ipv4',
				confidence: 100,
			})),
			{ value: 'c2.evil.example', type: 'domain', confidence: 100 },
			{
				value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
				type: 'sha256',
				confidence: 100,
			},
			{ value: 'd41d8cd98f00b204e9800998ecf8427e', type: 'md5', confidence: 100 },
			{ value: '203.0.113.200', type: 'ipv4', confidence: 50 },
			{ value: seeded?.indicatorValue as string, type: seeded?.indicatorType, confidence: 100 },
		];
		const settings = {
			sourceTag: 'ti-feed',
			action: 'Audit',
			expiresInDays: 30,
			filters: { minConfidence: 90, excludeWeakHashes: true },
		};

		const first = await syncIndicators(client, feed, settings, { clock: timing.clock });
		expect(first.counts).toMatchObject({
			created: 32,
			updated: 0,
			deleted: 0,
			failed: 0,
			skipped: 3,
		});
		expect(first.skipped.map((s) => s.code).sort()).toEqual([
			'belowConfidence',
			'otherSource',
			'weakHash',
		]);
		const stored = emu.state.indicators;
		const ours = [...stored.values()].filter((i) => i.description.startsWith('[n8n:ti-feed] '));
		expect(ours).toHaveLength(32);
		expect(ours.every((i) => i.action === 'Audit' && i.generateAlert === true)).toBe(true);

		emu.requests.clear();
		timing.clock.advance(3_600_000);
		const second = await syncIndicators(client, feed, settings, { clock: timing.clock });
		expect(second.counts).toMatchObject({
			created: 0,
			updated: 0,
			deleted: 0,
			expired: 0,
			failed: 0,
			unchanged: 32,
		});
		expect(writes(emu, '/api/indicators')).toBe(0);

		const third = await syncIndicators(
			client,
			feed.slice(1),
			{ ...settings, removal: 'delete' as const },
			{ clock: timing.clock },
		);
		expect(third.counts).toMatchObject({ deleted: 1, created: 0, unchanged: 31 });
		expect([...stored.values()].some((i) => i.indicatorValue === '203.0.113.1')).toBe(false);
	});

	it('runs a hunting query, and the same range in slices gives the same rows', async () => {
		await start();
		const whole = await runHuntingQuery(
			client,
			{ query: 'AlertInfo | project AlertId, Timestamp', timespan: 'P10D' },
			{ clock: timing.clock },
		);
		expect(whole.rowCount).toBeGreaterThan(0);
		expect(whole.schema.map((c) => c.name)).toEqual(['AlertId', 'Timestamp']);

		const sliced = await runHuntingQuerySliced(
			client,
			{ query: 'AlertInfo | project AlertId, Timestamp', timespan: 'P10D', slices: 4 },
			{ clock: timing.clock },
		);
		expect(sliced.slices).toHaveLength(4);
		expect(sliced.slices.reduce((n, s) => n + s.rowCount, 0)).toBe(sliced.rowCount);
		expect(sliced.rows.map((r) => r.AlertId).sort()).toEqual(
			whole.rows.map((r) => r.AlertId).sort(),
		);

		await expect(runHuntingQuery(client, { query: 'NoSuchTable | take 1' })).rejects.toMatchObject({
			message: 'Advanced hunting rejected the query (400).',
			apiMessage: expect.stringContaining('NoSuchTable'),
		});
	});
});
