/**
 * The lib client against the emulator over real HTTP (no nock): Entra tokens minted by the
 * EntraTokenProvider, listing and paging in both nextLink and time-boundary modes, updates,
 * comments, batch, and the error paths (401 re-mint, 429 retry, 403 forbidden).
 */
import { resolveCloudEndpoints } from '../../lib/auth/clouds';
import type { ClientAuth } from '../../lib/auth/entraToken';
import { EntraTokenProvider } from '../../lib/auth/tokenCache';
import { DefenderClient } from '../../lib/client/DefenderClient';
import { DefenderError } from '../../lib/errors';
import { systemClock } from '../../lib/ports';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator';
import { createAxiosTransport, recordingSleep } from '../lib/http/axiosTransport';

function clientFor(emu: RunningEmulator, auth?: { clientId: string; auth: ClientAuth }) {
	const endpoints = resolveCloudEndpoints('custom', {
		loginHost: emu.url,
		graphBaseUrl: emu.graphBaseUrl,
		mdeBaseUrl: emu.mdeBaseUrl,
	});
	const tokens = new EntraTokenProvider(createAxiosTransport(), systemClock, {
		endpoints,
		tenantId: emu.tenantId,
		clientId: auth?.clientId ?? emu.defaultClient.clientId,
		auth: auth?.auth ?? { type: 'secret', secret: emu.defaultClient.clientSecret },
	});
	const sleep = recordingSleep();
	const client = new DefenderClient({
		transport: createAxiosTransport(),
		endpoints,
		tokens,
		sleep,
	});
	return { client, sleep, tokens };
}

async function collect<T>(pages: AsyncGenerator<T[]>): Promise<{ items: T[]; pages: number }> {
	const items: T[] = [];
	let count = 0;
	for await (const page of pages) {
		count += 1;
		items.push(...page);
	}
	return { items, pages: count };
}

function graphListCalls(emu: RunningEmulator, path: string): number {
	return emu.requests.list().filter((e) => e.method === 'GET' && e.path === `/v1.0${path}`).length;
}

describe('lib client against the emulator', () => {
	let emu: RunningEmulator;
	const start = async (options: EmulatorOptions) => {
		emu = await startEmulator({ httpsPort: false, rateLimits: false, ...options });
		return emu;
	};
	afterEach(async () => {
		await emu?.stop();
	});

	it('lists and pages alerts by @odata.nextLink, every alert once, parsed by the lib schemas', async () => {
		await start({ alerts: 730, seed: 21 });
		const { client } = clientFor(emu);
		const first = await client.listAlertsPage({ top: 100, count: true });
		expect(first.items).toHaveLength(100);
		expect(first.count).toBe(730);
		expect(first.nextLink).toMatch(/\$skiptoken=/);
		emu.requests.clear();
		const { items, pages } = await collect(client.iterateAlerts({ top: 100 }));
		expect(items).toHaveLength(730);
		expect(new Set(items.map((a) => a.id)).size).toBe(730);
		expect(pages).toBe(8);
		expect(graphListCalls(emu, '/security/alerts_v2')).toBe(8);
		expect(items.map((a) => a.id)).toEqual(emu.state.alertsByCreatedDesc().map((a) => a.id));
		const withEvidence = items.find((a) => (a.evidence?.length ?? 0) > 0);
		expect(withEvidence?.evidence?.length).toBeGreaterThanOrEqual(5);
	});

	it('pages alerts by time boundary when no nextLink comes, without losing or repeating ties', async () => {
		await start({ alerts: 260, seed: 22, alertsNextLink: false });
		// Ten alerts share one lastUpdateDateTime across a page boundary.
		const sorted = [...emu.state.alerts.values()].sort((a, b) =>
			a.lastUpdateDateTime < b.lastUpdateDateTime ? -1 : 1,
		);
		const tie = sorted[45].lastUpdateDateTime;
		for (const alert of sorted.slice(45, 55))
			emu.admin.updateAlert(alert.id, { lastUpdateDateTime: tie });
		const { client } = clientFor(emu);
		emu.requests.clear();
		const { items } = await collect(
			client.iterateAlerts({ orderBy: 'lastUpdateDateTime asc', top: 50 }),
		);
		expect(items).toHaveLength(260);
		expect(new Set(items.map((a) => a.id)).size).toBe(260);
		const times = items.map((a) => a.lastUpdateDateTime as string);
		expect(times).toEqual([...times].sort());
		const calls = emu.requests.list().filter((e) => e.path === '/v1.0/security/alerts_v2');
		expect(calls.every((c) => c.status === 200)).toBe(true);
		expect(calls.some((c) => /lastUpdateDateTime ge /.test(c.query.$filter ?? ''))).toBe(true);
		expect(calls.every((c) => Number(c.query.$skip ?? 0) <= 500)).toBe(true);
	});

	it('pages incidents (50 per page) and reads an incident with its alerts', async () => {
		await start({ alerts: 400, seed: 23 });
		const { client } = clientFor(emu);
		emu.requests.clear();
		const { items } = await collect(client.iterateIncidents());
		expect(items).toHaveLength(emu.state.incidents.size);
		const calls = emu.requests.list().filter((e) => e.path === '/v1.0/security/incidents');
		expect(calls.every((c) => Number(c.query.$top ?? 50) <= 50 && c.status === 200)).toBe(true);
		const withAlerts = emu.state.incidentsByCreatedDesc().find((i) => i.alertIds.length > 2);
		const incident = await client.getIncident(withAlerts?.id as string, { expandAlerts: true });
		expect(incident.alerts?.map((a) => a.id)).toEqual(withAlerts?.alertIds);
		const alerts = await client.listIncidentAlerts(withAlerts?.id as string);
		expect(alerts.map((a) => a.id)).toEqual(withAlerts?.alertIds);
	});

	it('updates and comments on alerts and incidents', async () => {
		await start({ alerts: 30, seed: 24 });
		const { client } = clientFor(emu);
		const target = emu.state.alertsByCreatedDesc().find((a) => a.status === 'new');
		const before = target?.lastUpdateDateTime as string;
		const updated = await client.updateAlert(target?.id as string, {
			status: 'resolved',
			classification: 'truePositive',
			determination: 'malware',
			assignedTo: 'secops@contoso.com',
		});
		expect(updated).toMatchObject({
			status: 'resolved',
			classification: 'truePositive',
			determination: 'malware',
		});
		expect(emu.state.alerts.get(target?.id as string)?.status).toBe('resolved');
		expect((updated.lastUpdateDateTime as string) > before).toBe(true);
		const comments = await client.addAlertComment(target?.id as string, 'Closed by the playbook');
		expect(comments.at(-1)).toMatchObject({
			comment: 'Closed by the playbook',
			createdByDisplayName: 'Defender XDR emulator client',
		});
		const incident = emu.state.incidentsByCreatedDesc().find((i) => i.status === 'active');
		const inc = await client.updateIncident(incident?.id as string, {
			status: 'inProgress',
			customTags: ['n8n'],
		});
		expect(inc).toMatchObject({ status: 'inProgress', customTags: ['n8n'] });
		const incComments = await client.addIncidentComment(incident?.id as string, 'Triage started');
		expect(incComments.at(-1)?.comment).toBe('Triage started');
		await expect(client.getAlert('does-not-exist')).rejects.toMatchObject({
			kind: 'notFound',
			status: 404,
		});
	});

	it('authenticates with a certificate (client assertion) as well as a secret', async () => {
		await start({ alerts: 5, seed: 25 });
		const app = await emu.registerCertificateApp({ roles: ['SecurityAlert.Read.All'] });
		const { client } = clientFor(emu, {
			clientId: app.clientId,
			auth: {
				type: 'certificate',
				privateKeyPem: app.privateKeyPem,
				certificatePem: app.certificatePem,
			},
		});
		expect((await client.listAlertsPage({ top: 5 })).items).toHaveLength(5);
	});

	it('re-mints the token once after a 401 and retries a 429 after Retry-After', async () => {
		await start({ alerts: 10, seed: 26 });
		const { client, sleep } = clientFor(emu);
		await client.listAlertsPage({ top: 1 });
		// The emulator's clock jumps past the token's expiry; the client's cache still holds it.
		emu.clock.advance(3600 * 1000);
		emu.requests.clear();
		expect((await client.listAlertsPage({ top: 1 })).items).toHaveLength(1);
		expect(emu.requests.list().map((e) => e.status)).toEqual([401, 200, 200]);
		emu.faults.add({ path: '/v1.0/security/alerts_v2', status: 429, retryAfter: '2', times: 2 });
		expect((await client.listAlertsPage({ top: 1 })).items).toHaveLength(1);
		expect(sleep.waits.slice(-2)).toEqual([2000, 2000]);
	});

	it('maps a missing permission to a forbidden DefenderError', async () => {
		await start({ alerts: 5, seed: 27 });
		emu.registerApp({
			clientId: 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff',
			clientSecret: 'test-secret-value',
			roles: ['SecurityAlert.Read.All'],
		});
		const { client } = clientFor(emu, {
			clientId: 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff',
			auth: { type: 'secret', secret: 'test-secret-value' },
		});
		const id = emu.state.alertsByCreatedDesc()[0].id;
		const error = await client.updateAlert(id, { status: 'inProgress' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DefenderError);
		expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
		expect(JSON.stringify(error)).not.toContain('test-secret-value');
	});

	it('runs a $batch of updates and reads results in input order', async () => {
		await start({ alerts: 10, seed: 28 });
		const { client } = clientFor(emu);
		const ids = emu.state
			.alertsByCreatedDesc()
			.slice(0, 3)
			.map((a) => a.id);
		const results = await client.batch([
			...ids.map((id) => ({
				method: 'PATCH' as const,
				url: `/security/alerts_v2/${id}`,
				body: { assignedTo: 'batch@contoso.com' },
			})),
			{ method: 'GET' as const, url: '/security/alerts_v2/does-not-exist' },
		]);
		expect(results.map((r) => r.status)).toEqual([200, 200, 200, 404]);
		expect(results[3].error?.kind).toBe('notFound');
		for (const id of ids) expect(emu.state.alerts.get(id)?.assignedTo).toBe('batch@contoso.com');
	});

	it('calls the Defender for Endpoint API with its own token', async () => {
		await start({ alerts: 20, seed: 29 });
		const { client } = clientFor(emu);
		const machine = [...emu.state.machines.values()][0];
		const action = (await client.request({
			api: 'mde',
			method: 'POST',
			path: `/machines/${machine.id}/isolate`,
			body: { Comment: 'Isolated by a playbook', IsolationType: 'Full' },
		})) as { id: string; status: string };
		expect(action.status).toBe('Pending');
		const again = await client
			.request({
				api: 'mde',
				method: 'POST',
				path: `/machines/${machine.id}/isolate`,
				body: { Comment: 'again', IsolationType: 'Full' },
			})
			.catch((e: unknown) => e);
		expect(again).toMatchObject({ kind: 'validation', status: 400 });
		const tokenCalls = emu.requests.list().filter((e) => e.path.endsWith('/oauth2/v2.0/token'));
		expect(tokenCalls).toHaveLength(1);
	});
});
