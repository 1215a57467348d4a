/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test harness, not shipped */
import * as http from 'node:http';

import { startEmulator, type RunningEmulator } from './index';
import { call, requestToken, tokenFor } from './testClient';

/** A raw GET that reports a dropped connection instead of throwing. */
function rawGet(
	url: string,
	token: string,
): Promise<{ status?: number; body?: string; error?: string }> {
	return new Promise((resolve) => {
		const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
			let body = '';
			res.on('data', (c: Buffer) => (body += c.toString()));
			res.on('end', () => resolve({ status: res.statusCode, body }));
		});
		req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
	});
}

/** A raw JSON POST that reports a dropped connection instead of throwing. */
function rawPost(
	url: string,
	token: string,
	body: unknown,
): Promise<{ status?: number; body?: string; error?: string }> {
	return new Promise((resolve) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			},
			(res) => {
				let text = '';
				res.on('data', (c: Buffer) => (text += c.toString()));
				res.on('end', () => resolve({ status: res.statusCode, body: text }));
			},
		);
		req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
		req.end(JSON.stringify(body));
	});
}

describe('fault injection', () => {
	let emu: RunningEmulator;
	let token: string;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 10, httpsPort: false, rateLimits: false });
		token = await tokenFor(emu);
	});
	afterAll(() => emu.stop());
	beforeEach(() => {
		emu.faults.clear();
		emu.requests.clear();
	});

	it('answers an injected status in Graph shape, `times` times, then recovers', async () => {
		emu.faults.add({ path: '/v1.0/security/alerts_v2', status: 503, times: 2, retryAfter: '3' });
		for (let i = 0; i < 2; i += 1) {
			const res = await call(emu, 'GET', '/v1.0/security/alerts_v2', { token });
			expect(res.status).toBe(503);
			expect(res.body.error.code).toBe('ServiceUnavailable');
			expect(res.headers.get('retry-after')).toBe('3');
		}
		expect((await call(emu, 'GET', '/v1.0/security/alerts_v2', { token })).status).toBe(200);
		expect(emu.requests.list().map((e) => e.status)).toEqual([503, 503, 200]);
	});

	it('injects 429 bursts with the documented body, with and without Retry-After', async () => {
		emu.faults.add({ path: '/v1.0/security/', status: 429, times: 3, retryAfter: '2.128' });
		emu.faults.add({ path: '/v1.0/security/', status: 429 });
		const statuses: number[] = [];
		const retryAfter: (string | null)[] = [];
		for (let i = 0; i < 5; i += 1) {
			const res = await call(emu, 'GET', '/v1.0/security/incidents', { token });
			statuses.push(res.status);
			retryAfter.push(res.headers.get('retry-after'));
			if (res.status === 429)
				expect(res.body.error).toMatchObject({
					code: 'TooManyRequests',
					innerError: { code: '429', status: '429' },
				});
		}
		expect(statuses).toEqual([429, 429, 429, 429, 200]);
		expect(retryAfter).toEqual(['2.128', '2.128', '2.128', null, null]);
	});

	it('matches by method and by regular expression against path and query', async () => {
		emu.faults.add({ method: 'PATCH', path: '/v1.0/security/alerts_v2', status: 500 });
		emu.faults.add({ path: '^/v1\\.0/security/alerts_v2\\?.*\\$skiptoken=', status: 502 });
		expect((await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=2', { token })).status).toBe(200);
		const page = await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=2', { token });
		expect((await call(emu, 'GET', page.body['@odata.nextLink'], { token })).status).toBe(502);
		const id = emu.state.alertsByCreatedDesc()[0].id;
		expect(
			(
				await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${id}`, {
					token,
					body: { assignedTo: null },
				})
			).status,
		).toBe(500);
	});

	it('delays a response', async () => {
		emu.faults.add({ path: '/v1.0/security/alerts_v2', delayMs: 300 });
		const started = Date.now();
		const res = await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=1', { token });
		expect(res.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(emu.requests.list()[0].durationMs).toBeGreaterThanOrEqual(290);
	});

	it('drops the connection (reset) and logs it with status 0', async () => {
		emu.faults.add({ path: '/v1.0/security/alerts_v2', reset: true });
		const res = await rawGet(`${emu.graphBaseUrl}/security/alerts_v2`, token);
		expect(res.error).toMatch(/ECONNRESET|socket hang up/);
		expect(emu.requests.list()[0]).toMatchObject({ status: 0, path: '/v1.0/security/alerts_v2' });
	});

	it('answers 200 with a malformed JSON body', async () => {
		emu.faults.add({ path: '/v1.0/security/incidents', malformed: true });
		const res = await rawGet(`${emu.graphBaseUrl}/security/incidents`, token);
		expect(res.status).toBe(200);
		expect(() => JSON.parse(res.body as string)).toThrow();
	});

	it('sends a custom body', async () => {
		emu.faults.add({
			path: '/api/machines',
			status: 500,
			body: { error: { code: 'InternalServerError', message: 'retry the operation' } },
		});
		const res = await call(emu, 'GET', '/api/machines', {
			token: await tokenFor(emu, 'https://api.securitycenter.microsoft.com/.default'),
		});
		expect(res.status).toBe(500);
		expect(res.body.error.message).toBe('retry the operation');
	});

	it('takes the token endpoint down in Entra shape (outage)', async () => {
		emu.faults.add({
			path: `/${emu.tenantId}/oauth2/v2.0/token`,
			status: 503,
			times: 2,
			retryAfter: '5',
		});
		const form = {
			grant_type: 'client_credentials',
			client_id: emu.defaultClient.clientId,
			client_secret: emu.defaultClient.clientSecret,
			scope: 'https://graph.microsoft.com/.default',
		};
		const down = await requestToken(emu, form);
		expect(down.status).toBe(503);
		expect(down.body.error).toBe('temporarily_unavailable');
		expect(down.body.error_description).toMatch(/^AADSTS90033:/);
		expect(down.headers.get('retry-after')).toBe('5');
		expect((await requestToken(emu, form)).status).toBe(503);
		expect((await requestToken(emu, form)).status).toBe(200);
	});

	it('afterProcessing: runs the comment POST, then drops the answer (the change is made)', async () => {
		const id = emu.state.alertsByCreatedDesc()[0].id;
		const before = emu.state.alerts.get(id)?.comments.length ?? 0;
		emu.faults.add({
			method: 'POST',
			path: `/v1.0/security/alerts_v2/${id}/comments`,
			reset: true,
			afterProcessing: true,
		});
		const dropped = await rawPost(`${emu.graphBaseUrl}/security/alerts_v2/${id}/comments`, token, {
			'@odata.type': 'microsoft.graph.security.alertComment',
			comment: 'kept though lost',
		});
		expect(dropped.error).toMatch(/ECONNRESET|socket hang up/);
		const comments = emu.state.alerts.get(id)?.comments ?? [];
		expect(comments).toHaveLength(before + 1);
		expect(comments[comments.length - 1]?.comment).toBe('kept though lost');
		expect(emu.requests.list()[0]).toMatchObject({ method: 'POST', status: 0 });
	});

	it('afterProcessing: answers late or with an error status after the change is made', async () => {
		const id = emu.state.alertsByCreatedDesc()[1].id;
		emu.faults.add({
			method: 'PATCH',
			path: `/v1.0/security/alerts_v2/${id}`,
			delayMs: 300,
			afterProcessing: true,
		});
		emu.faults.add({
			method: 'PATCH',
			path: `/v1.0/security/alerts_v2/${id}`,
			status: 504,
			afterProcessing: true,
		});
		let late = false;
		const slow = call(emu, 'PATCH', `/v1.0/security/alerts_v2/${id}`, {
			token,
			body: { status: 'inProgress' },
		}).then((res) => {
			late = true;
			return res;
		});
		// The change is visible while the answer is still held back.
		for (let i = 0; i < 50 && emu.state.alerts.get(id)?.status !== 'inProgress'; i += 1) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		expect(emu.state.alerts.get(id)?.status).toBe('inProgress');
		expect(late).toBe(false);
		expect((await slow).status).toBe(200);
		const failed = await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${id}`, {
			token,
			body: { status: 'resolved', classification: 'falsePositive' },
		});
		expect(failed.status).toBe(504);
		expect(failed.body.error.code).toBe('GatewayTimeout');
		expect(emu.state.alerts.get(id)?.status).toBe('resolved');
	});

	it('afterProcessing inside a $batch: the inner request runs and answers 504', async () => {
		const id = emu.state.alertsByCreatedDesc()[2].id;
		const before = emu.state.alerts.get(id)?.comments.length ?? 0;
		emu.faults.add({
			method: 'POST',
			path: `/v1.0/security/alerts_v2/${id}/comments`,
			reset: true,
			afterProcessing: true,
		});
		const res = await call(emu, 'POST', '/v1.0/$batch', {
			token,
			body: {
				requests: [
					{
						id: '1',
						method: 'POST',
						url: `/security/alerts_v2/${id}/comments`,
						headers: { 'Content-Type': 'application/json' },
						body: { '@odata.type': 'microsoft.graph.security.alertComment', comment: 'in batch' },
					},
				],
			},
		});
		expect(res.status).toBe(200);
		expect(res.body.responses[0].status).toBe(504);
		expect(emu.state.alerts.get(id)?.comments).toHaveLength(before + 1);
	});

	it('rejects faults that would do nothing or are malformed', () => {
		expect(() => emu.faults.add({ path: '/x' })).toThrow(
			/at least one of status, reset, malformed or delayMs/,
		);
		expect(() => emu.faults.add({ path: '/x', status: 99 })).toThrow(
			/status must be an HTTP status code/,
		);
		expect(() => emu.faults.add({ path: '^(', status: 500 })).toThrow(
			/not a valid regular expression/,
		);
		expect(() => emu.faults.add({ path: '/x', status: 500, times: 0 })).toThrow(/positive integer/);
		expect(() => emu.faults.add({ path: '/x', malformed: true, afterProcessing: true })).toThrow(
			/afterProcessing takes reset, delayMs or status/,
		);
	});
});

describe('admin API over HTTP', () => {
	let emu: RunningEmulator;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 20, seed: 3, httpsPort: false, rateLimits: false });
	});
	afterAll(() => emu.stop());

	it('creates and updates alerts, moving or setting lastUpdateDateTime, and shows raw state', async () => {
		const created = await call(emu, 'POST', '/_emulator/alerts', {
			body: {
				title: 'Injected alert',
				severity: 'high',
				serviceSource: 'microsoftDefenderForOffice365',
			},
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			title: 'Injected alert',
			severity: 'high',
			status: 'new',
			serviceSource: 'microsoftDefenderForOffice365',
		});
		expect(created.body.id).toMatch(/^fa/);
		const incident = emu.state.incidents.get(created.body.incidentId);
		expect(incident?.alertIds).toEqual([created.body.id]);
		const moved = await call(emu, 'PATCH', `/_emulator/alerts/${created.body.id}`, {
			body: { status: 'inProgress' },
		});
		expect(moved.body.lastUpdateDateTime > created.body.lastUpdateDateTime).toBe(true);
		const tie = await call(emu, 'PATCH', `/_emulator/alerts/${created.body.id}`, {
			body: { lastUpdateDateTime: '2030-01-01T00:00:00Z' },
		});
		expect(tie.body.lastUpdateDateTime).toBe('2030-01-01T00:00:00.0000000Z');
		const raw = await call(emu, 'GET', `/_emulator/state/alerts/${created.body.id}`);
		expect(raw.body.status).toBe('inProgress');
		expect((await call(emu, 'PATCH', '/_emulator/alerts/missing', { body: {} })).status).toBe(404);
		expect(
			(await call(emu, 'POST', '/_emulator/alerts', { body: { notAField: 1 } })).body.error,
		).toMatch(/'notAField' is not a property of an alert/);
	});

	it('creates incidents around existing alerts and updates them', async () => {
		const alertIds = emu.state
			.alertsByCreatedDesc()
			.slice(0, 2)
			.map((a) => a.id);
		const created = await call(emu, 'POST', '/_emulator/incidents', {
			body: { alertIds, displayName: 'Grouped' },
		});
		expect(created.status).toBe(201);
		for (const id of alertIds) expect(emu.state.alerts.get(id)?.incidentId).toBe(created.body.id);
		const updated = await call(emu, 'PATCH', `/_emulator/incidents/${created.body.id}`, {
			body: { status: 'inProgress' },
		});
		expect(updated.body.status).toBe('inProgress');
	});

	it('registers apps, manages faults and the request log, seeds and resets', async () => {
		const app = await call(emu, 'POST', '/_emulator/apps', {
			body: {
				clientSecret: 'test-secret-value',
				roles: ['SecurityAlert.Read.All'],
				displayName: 'Reader',
			},
		});
		expect(app.status).toBe(201);
		expect(app.body).toMatchObject({ displayName: 'Reader', roles: ['SecurityAlert.Read.All'] });
		expect(JSON.stringify(app.body)).not.toContain('test-secret-value');
		const token = await tokenFor(emu, undefined, {
			clientId: app.body.clientId,
			clientSecret: 'test-secret-value',
		});
		await call(emu, 'DELETE', '/_emulator/requests');
		const fault = await call(emu, 'POST', '/_emulator/faults', {
			body: [{ path: '/v1.0/security/alerts_v2', status: 500 }],
		});
		expect(fault.status).toBe(201);
		expect((await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=3', { token })).status).toBe(500);
		expect((await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=3', { token })).status).toBe(200);
		const log = await call(emu, 'GET', '/_emulator/requests');
		expect(
			log.body.value.map((e: { status: number; query: Record<string, string> }) => [
				e.status,
				e.query.$top,
			]),
		).toEqual([
			[500, '3'],
			[200, '3'],
		]);
		expect(log.body.value[0]).toMatchObject({ method: 'GET', path: '/v1.0/security/alerts_v2' });
		expect(log.body.value[0].time).toMatch(/Z$/);
		expect((await call(emu, 'POST', '/_emulator/faults', { body: { path: '/x' } })).status).toBe(
			400,
		);
		const seeded = await call(emu, 'POST', '/_emulator/seed', { body: { seed: 9, alerts: 7 } });
		expect(seeded.body.alerts).toBe(7);
		const reset = await call(emu, 'POST', '/_emulator/reset');
		expect(reset.body.alerts).toBe(20);
		expect(await requestTokenStatus(emu, app.body.clientId)).toBe(400);
		expect((await call(emu, 'GET', '/_emulator/nothing')).status).toBe(404);
	});
});

async function requestTokenStatus(emu: RunningEmulator, clientId: string): Promise<number> {
	const res = await requestToken(emu, {
		grant_type: 'client_credentials',
		client_id: clientId,
		client_secret: 'test-secret-value',
		scope: 'https://graph.microsoft.com/.default',
	});
	return res.status;
}
