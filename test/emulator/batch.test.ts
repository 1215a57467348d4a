import { startEmulator, type RunningEmulator } from './index';
import { call, tokenFor } from './testClient';

type BatchResponse = { id: string; status: number; headers: Record<string, string>; body?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('$batch (graph-api.md §7.3)', () => {
	let emu: RunningEmulator;
	let token: string;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 30, seed: 2, httpsPort: false, rateLimits: false });
		token = await tokenFor(emu);
	});
	afterAll(() => emu.stop());
	beforeEach(() => emu.requests.clear());

	const batch = (requests: unknown[], t = token) =>
		call(emu, 'POST', '/v1.0/$batch', { token: t, body: { requests } });
	const byId = (responses: BatchResponse[]) => new Map(responses.map((r) => [r.id, r]));

	it('runs up to 20 requests, each logged with its batch parent, and answers per id', async () => {
		const ids = emu.state
			.alertsByCreatedDesc()
			.slice(0, 20)
			.map((a) => a.id);
		const res = await batch(
			ids.map((id, i) => ({
				id: String(i + 1),
				method: 'PATCH',
				url: `/security/alerts_v2/${id}`,
				headers: { 'Content-Type': 'application/json' },
				body: { assignedTo: `a${i}@contoso.com` },
			})),
		);
		expect(res.status).toBe(200);
		const responses = res.body.responses as BatchResponse[];
		expect(responses).toHaveLength(20);
		expect(responses.map((r) => r.id)).not.toEqual(
			responses.map((r) => r.id).sort((a, b) => Number(a) - Number(b)),
		);
		const map = byId(responses);
		for (let i = 0; i < 20; i += 1) {
			expect(map.get(String(i + 1))?.status).toBe(200);
			expect(map.get(String(i + 1))?.body.assignedTo).toBe(`a${i}@contoso.com`);
		}
		const log = emu.requests.list();
		const parent = log.find((e) => e.path === '/v1.0/$batch');
		expect(parent?.status).toBe(200);
		expect(log.filter((e) => e.batchParent === parent?.seq)).toHaveLength(20);
	});

	it('refuses more than 20 requests, duplicate ids, absolute urls and bodies without Content-Type', async () => {
		const get = (id: string) => ({ id, method: 'GET', url: '/security/alerts_v2?$top=1' });
		const tooMany = await batch(Array.from({ length: 21 }, (_, i) => get(String(i))));
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.error.message).toMatch(/21 requests; the limit is 20/);
		expect((await batch([get('a'), get('A')])).body.error.message).toMatch(/used more than once/);
		expect(
			(
				await batch([
					{ id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/security/alerts_v2' },
				])
			).body.error.message,
		).toMatch(/relative 'url'/);
		expect(
			(
				await batch([
					{ id: '1', method: 'PATCH', url: '/security/alerts_v2/x', body: { status: 'new' } },
				])
			).body.error.message,
		).toMatch(/must include Content-Type/);
		expect(
			(await batch([{ id: '1', method: 'GET', url: '/security/alerts_v2', dependsOn: ['9'] }])).body
				.error.message,
		).toMatch(/depends on unknown request '9'/);
		expect(
			(
				await batch([
					{ ...get('1'), dependsOn: ['2'] },
					{ ...get('2'), dependsOn: ['1'] },
				])
			).body.error.message,
		).toMatch(/cycle/);
		expect((await call(emu, 'POST', '/v1.0/$batch', { token, body: '{' })).status).toBe(400);
		expect(emu.requests.list().every((e) => e.batchParent === undefined)).toBe(true);
	});

	it('runs dependents after their dependency and answers 424 when it failed', async () => {
		const alert = emu.state.alertsByCreatedDesc()[0];
		const res = await batch([
			{ id: 'c', method: 'GET', url: `/security/alerts_v2/${alert.id}`, dependsOn: ['b'] },
			{
				id: 'a',
				method: 'PATCH',
				url: `/security/alerts_v2/${alert.id}`,
				headers: { 'content-type': 'application/json' },
				body: { status: 'bogus' },
			},
			{
				id: 'b',
				method: 'POST',
				url: `/security/alerts_v2/${alert.id}/comments`,
				headers: { 'content-type': 'application/json' },
				body: { comment: 'after a' },
				dependsOn: ['a'],
			},
			{ id: 'd', method: 'GET', url: '/security/incidents?$top=1' },
		]);
		const map = byId(res.body.responses);
		expect(map.get('a')?.status).toBe(400);
		expect(map.get('b')?.status).toBe(424);
		expect(map.get('b')?.body.error.code).toBe('FailedDependency');
		expect(map.get('c')?.status).toBe(424);
		expect(map.get('d')?.status).toBe(200);
		expect(emu.state.alerts.get(alert.id)?.comments.some((c) => c.comment === 'after a')).toBe(
			false,
		);

		const ok = await batch([
			{
				id: '2',
				method: 'POST',
				url: `/security/alerts_v2/${alert.id}/comments`,
				headers: { 'content-type': 'application/json' },
				body: { comment: 'second' },
				dependsOn: ['1'],
			},
			{
				id: '1',
				method: 'POST',
				url: `/security/alerts_v2/${alert.id}/comments`,
				headers: { 'content-type': 'application/json' },
				body: { comment: 'first' },
			},
		]);
		expect(
			byId(ok.body.responses)
				.get('2')
				?.body.value.slice(-2)
				.map((c: { comment: string }) => c.comment),
		).toEqual(['first', 'second']);
	});

	it('applies auth and roles to each inner request', async () => {
		const anonymous = await call(emu, 'POST', '/v1.0/$batch', {
			body: { requests: [{ id: '1', method: 'GET', url: '/security/alerts_v2' }] },
		});
		expect(anonymous.status).toBe(401);
		expect(anonymous.body.error.code).toBe('InvalidAuthenticationToken');
		const app = emu.registerApp({
			clientSecret: 'test-secret-value',
			roles: ['SecurityAlert.Read.All'],
		});
		const reader = await tokenFor(emu, undefined, {
			clientId: app.clientId,
			clientSecret: 'test-secret-value',
		});
		const res = await batch(
			[
				{ id: '1', method: 'GET', url: '/security/alerts_v2?$top=1' },
				{ id: '2', method: 'GET', url: '/security/incidents?$top=1' },
			],
			reader,
		);
		const map = byId(res.body.responses);
		expect(map.get('1')?.status).toBe(200);
		expect(map.get('2')?.status).toBe(403);
	});
});

describe('$batch under the rate limit', () => {
	it('answers inner 429 with Retry-After once the app exceeds its limit; each inner request counts', async () => {
		const emu = await startEmulator({
			alerts: 5,
			httpsPort: false,
			rateLimits: { graphSecurity: { limit: 5, windowMs: 60000 } },
		});
		try {
			const token = await tokenFor(emu);
			const requests = Array.from({ length: 8 }, (_, i) => ({
				id: String(i),
				method: 'GET',
				url: '/security/alerts_v2?$top=1',
			}));
			const res = await call(emu, 'POST', '/v1.0/$batch', { token, body: { requests } });
			expect(res.status).toBe(200);
			const statuses = (res.body.responses as BatchResponse[]).map((r) => r.status);
			expect(statuses.filter((s) => s === 200)).toHaveLength(5);
			const throttled = (res.body.responses as BatchResponse[]).filter((r) => r.status === 429);
			expect(throttled).toHaveLength(3);
			expect(Number(throttled[0].headers['retry-after'])).toBeGreaterThan(0);
			expect(throttled[0].body.error.code).toBe('TooManyRequests');
		} finally {
			await emu.stop();
		}
	});
});
