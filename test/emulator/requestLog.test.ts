import { startEmulator, type RunningEmulator } from './index';
import {
	NOT_RECORDED_ACCESS_TOKEN,
	NOT_RECORDED_TOKEN_FORM,
	RequestLog,
	recordExchange,
} from './requestLog';
import { call, GRAPH_SCOPE, MDE_SCOPE, requestToken, tokenFor } from './testClient';

const SECRET = 'test-secret-value-request-log';

describe('request log body recording', () => {
	describe('recordExchange', () => {
		it('keeps headers and bodies but never the Authorization header', () => {
			const recorded = recordExchange({
				req: {
					path: '/v1.0/security/alerts_v2/a1',
					headers: {
						authorization: 'Bearer eyJ.secret.sig',
						'content-type': 'application/json',
						prefer: 'x',
					},
					body: Buffer.from('{"status":"resolved"}'),
				},
				response: { status: 200, body: { id: 'a1', status: 'resolved' } },
			});
			expect(recorded).toEqual({
				requestHeaders: { 'content-type': 'application/json', prefer: 'x' },
				requestBody: '{"status":"resolved"}',
				responseBody: '{"id":"a1","status":"resolved"}',
			});
		});

		it('leaves out the token form and masks the issued token, but keeps token errors', () => {
			const req = {
				path: '/tenant/oauth2/v2.0/token',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					Authorization: 'Basic abc',
				},
				body: Buffer.from(`client_secret=${SECRET}`),
			};
			const issued = recordExchange({
				req,
				response: { status: 200, body: { token_type: 'Bearer', access_token: 'eyJ.issued.sig' } },
			});
			expect(issued.requestBody).toBe(NOT_RECORDED_TOKEN_FORM);
			expect(issued.requestHeaders).toEqual({
				'content-type': 'application/x-www-form-urlencoded',
			});
			expect(JSON.parse(issued.responseBody!)).toEqual({
				token_type: 'Bearer',
				access_token: NOT_RECORDED_ACCESS_TOKEN,
			});
			const refused = recordExchange({
				req,
				response: { status: 401, body: { error: 'invalid_client' } },
			});
			expect(refused.responseBody).toBe('{"error":"invalid_client"}');
		});

		it('records no body for empty requests and dropped connections', () => {
			expect(
				recordExchange({ req: { path: '/api/machines', headers: {}, body: Buffer.alloc(0) } }),
			).toEqual({ requestHeaders: {} });
		});
	});

	it('RequestLog stays lean unless recordBodies is on', () => {
		const entry = {
			seq: 1,
			method: 'GET',
			path: '/api/machines',
			query: {},
			status: 200,
			time: 't',
			durationMs: 1,
		};
		const exchange = {
			req: { path: '/api/machines', headers: { a: 'b' }, body: Buffer.from('x') },
			response: { status: 200, body: 'y' },
		};
		const lean = new RequestLog();
		lean.add(entry, exchange);
		expect(lean.list()).toEqual([entry]);
		const full = new RequestLog({ recordBodies: true });
		full.add(entry, exchange);
		expect(full.list()).toEqual([
			{ ...entry, requestHeaders: { a: 'b' }, requestBody: 'x', responseBody: 'y' },
		]);
	});

	describe('in a running emulator', () => {
		let emu: RunningEmulator;
		let lean: RunningEmulator;

		beforeAll(async () => {
			emu = await startEmulator({
				alerts: 3,
				seed: 4,
				httpsPort: false,
				rateLimits: false,
				recordBodies: true,
			});
			lean = await startEmulator({ alerts: 3, seed: 4, httpsPort: false, rateLimits: false });
			emu.registerApp({ clientId: 'c0ffee00-0000-4000-8000-000000000001', clientSecret: SECRET });
		});

		afterAll(async () => {
			await emu?.stop();
			await lean?.stop();
		});

		it('records what crossed the wire except the secret, the token and the Authorization header', async () => {
			emu.requests.clear();
			const client = { clientId: 'c0ffee00-0000-4000-8000-000000000001', clientSecret: SECRET };
			const token = await tokenFor(emu, GRAPH_SCOPE, client);
			const wrong = await requestToken(emu, {
				grant_type: 'client_credentials',
				client_id: client.clientId,
				client_secret: `${SECRET}-wrong`,
				scope: GRAPH_SCOPE,
			});
			expect(wrong.status).toBe(401);
			const [alertId] = [...emu.state.alerts.keys()];
			const patched = await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${alertId}`, {
				token,
				body: { status: 'inProgress' },
				headers: { 'x-probe': 'kept' },
			});
			expect(patched.status).toBe(200);

			const log = emu.requests.list();
			const text = JSON.stringify(log);
			expect(text).not.toContain(SECRET);
			expect(text).not.toContain(token);
			expect(text).not.toContain(token.split('.')[2]);
			const [issued, refused] = log.filter((e) => e.path.endsWith('/oauth2/v2.0/token'));
			expect(issued.requestBody).toBe(NOT_RECORDED_TOKEN_FORM);
			expect(JSON.parse(issued.responseBody!).access_token).toBe(NOT_RECORDED_ACCESS_TOKEN);
			expect(refused.responseBody).toContain('AADSTS7000215');
			const patch = log.find((e) => e.method === 'PATCH')!;
			expect(patch.requestHeaders).toMatchObject({
				'x-probe': 'kept',
				'content-type': 'application/json',
			});
			expect(patch.requestHeaders!.authorization).toBeUndefined();
			expect(JSON.parse(patch.requestBody!)).toEqual({ status: 'inProgress' });
			expect(JSON.parse(patch.responseBody!)).toMatchObject({ id: alertId, status: 'inProgress' });
		});

		it('issuedTokens() lists every token the token endpoint issued, with client and resource', async () => {
			const before = emu.issuedTokens().length;
			const graph = await tokenFor(emu, GRAPH_SCOPE);
			const mde = await tokenFor(emu, MDE_SCOPE);
			const issued = emu.issuedTokens().slice(before);
			expect(issued.map((t) => [t.token, t.clientId, t.resource])).toEqual([
				[graph, emu.defaultClient.clientId, 'graph'],
				[mde, emu.defaultClient.clientId, 'mde'],
			]);
			// A copy: changing it does not change the emulator's list.
			issued[0].token = 'changed';
			expect(emu.issuedTokens()[before].token).toBe(graph);
			emu.admin.reset();
			expect(emu.issuedTokens().length).toBe(before + 2);
		});

		it('receivedAssertions() lists the client assertions sent, which the request log never holds', async () => {
			const app = await emu.registerCertificateApp();
			const assertion = `eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ0ZXN0In0.${'s'.repeat(40)}`;
			const answer = await requestToken(emu, {
				grant_type: 'client_credentials',
				client_id: app.clientId,
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: assertion,
				scope: GRAPH_SCOPE,
			});
			expect(answer.status).toBe(401);
			expect(emu.receivedAssertions().slice(-1)).toEqual([assertion]);
			expect(JSON.stringify(emu.requests.list())).not.toContain('s'.repeat(40));
		});

		it('by default keeps only the lean entry', async () => {
			const token = await tokenFor(lean, MDE_SCOPE);
			expect((await call(lean, 'GET', '/api/machines?$top=1', { token })).status).toBe(200);
			for (const entry of lean.requests.list()) {
				expect(Object.keys(entry).sort()).toEqual([
					'durationMs',
					'method',
					'path',
					'query',
					'seq',
					'status',
					'time',
				]);
			}
			expect(lean.issuedTokens().map((t) => t.token)).toEqual([token]);
		});
	});
});
