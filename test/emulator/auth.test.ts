/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test harness, not shipped: waits out a real 1-second token */
import {
	createHash,
	createPrivateKey,
	createSign,
	constants,
	generateKeyPairSync,
	randomUUID,
	type KeyObject,
} from 'node:crypto';

import { startEmulator, type RunningEmulator } from './index';
import { call, GRAPH_SCOPE, MDE_SCOPE, requestToken, tokenFor } from './testClient';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Builds a client assertion independently of the emulator's own JWT code. */
function assertion(
	keyInput: KeyObject | string,
	header: Record<string, unknown>,
	claims: Record<string, unknown>,
): string {
	const key = typeof keyInput === 'string' ? createPrivateKey(keyInput) : keyInput;
	const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
	const input = `${b64(header)}.${b64(claims)}`;
	const signer = createSign('RSA-SHA256').update(input);
	const sig =
		header.alg === 'PS256'
			? signer.sign({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
			: signer.sign(key);
	return `${input}.${sig.toString('base64url')}`;
}

function decode(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
		string,
		unknown
	>;
}

function expectEntraError(
	res: { status: number; body: Record<string, unknown> },
	status: number,
	error: string,
	code: number,
): void {
	expect(res.status).toBe(status);
	expect(res.body.error).toBe(error);
	expect(res.body.error_codes).toEqual([code]);
	expect(String(res.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
	expect(res.body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
	expect(res.body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
	expect(res.body.timestamp).toBeDefined();
}

describe('Entra token endpoint', () => {
	let emu: RunningEmulator;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 5, httpsPort: false, rateLimits: false });
	});
	afterAll(() => emu.stop());

	const secretForm = (extra: Record<string, string> = {}) => ({
		grant_type: 'client_credentials',
		client_id: emu.defaultClient.clientId,
		client_secret: emu.defaultClient.clientSecret,
		scope: GRAPH_SCOPE,
		...extra,
	});

	it('issues a Graph token with roles, tenant and expiry for a client secret', async () => {
		const res = await requestToken(emu, secretForm());
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
		const claims = decode(res.body.access_token);
		expect(claims).toMatchObject({
			aud: 'https://graph.microsoft.com',
			tid: emu.tenantId,
			appid: emu.defaultClient.clientId,
			idtyp: 'app',
		});
		expect(claims.roles).toEqual(
			expect.arrayContaining([
				'SecurityAlert.ReadWrite.All',
				'SecurityIncident.ReadWrite.All',
				'ThreatHunting.Read.All',
			]),
		);
		expect(claims.roles).not.toContain('Machine.Isolate');
		expect((claims.exp as number) - (claims.iat as number)).toBe(3599);
	});

	it('issues an MDE token for the WindowsDefenderATP scopes, with MDE roles only', async () => {
		for (const scope of [
			MDE_SCOPE,
			'https://securitycenter.onmicrosoft.com/windowsatpservice/.default',
			'https://api.security.microsoft.com/.default',
		]) {
			const res = await requestToken(emu, secretForm({ scope }));
			const claims = decode(res.body.access_token);
			expect(claims.aud).toBe('https://api.securitycenter.microsoft.com');
			expect(claims.roles).toContain('Machine.Isolate');
			expect(claims.roles).not.toContain('SecurityAlert.ReadWrite.All');
		}
	});

	it('accepts the secret through HTTP Basic (RFC 6749 §2.3.1)', async () => {
		const basic = Buffer.from(
			`${encodeURIComponent(emu.defaultClient.clientId)}:${encodeURIComponent(emu.defaultClient.clientSecret)}`,
		).toString('base64');
		const res = await fetch(emu.loginUrl, {
			method: 'POST',
			headers: {
				authorization: `Basic ${basic}`,
				'content-type': 'application/x-www-form-urlencoded',
			},
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				scope: GRAPH_SCOPE,
			}).toString(),
		});
		expect(res.status).toBe(200);
	});

	it('answers Entra errors for wrong tenant, client, secret, scope and grant', async () => {
		expectEntraError(
			await requestToken(emu, secretForm(), 'another-tenant.onmicrosoft.com'),
			400,
			'invalid_request',
			90002,
		);
		expectEntraError(
			await requestToken(emu, secretForm({ client_id: randomUUID() })),
			400,
			'unauthorized_client',
			700016,
		);
		const wrong = await requestToken(emu, secretForm({ client_secret: 'wrong-secret-value' }));
		expectEntraError(wrong, 401, 'invalid_client', 7000215);
		expect(wrong.text).not.toContain('wrong-secret-value');
		expectEntraError(
			await requestToken(emu, secretForm({ scope: 'https://management.azure.com/.default' })),
			400,
			'invalid_scope',
			70011,
		);
		expectEntraError(
			await requestToken(emu, secretForm({ scope: `${GRAPH_SCOPE} ${MDE_SCOPE}` })),
			400,
			'invalid_scope',
			70011,
		);
		expectEntraError(
			await requestToken(
				emu,
				secretForm({ scope: 'https://graph.microsoft.com/SecurityAlert.Read.All' }),
			),
			400,
			'invalid_scope',
			70011,
		);
		expectEntraError(
			await requestToken(emu, secretForm({ grant_type: 'password' })),
			400,
			'unsupported_grant_type',
			70003,
		);
		const { grant_type: _g, ...noGrant } = secretForm();
		void _g;
		expectEntraError(await requestToken(emu, noGrant), 400, 'invalid_request', 900144);
		const { client_secret: _s, ...noSecret } = secretForm();
		void _s;
		expectEntraError(await requestToken(emu, noSecret), 401, 'invalid_client', 7000218);
	});

	describe('client assertions (certificate credential)', () => {
		let app: Awaited<ReturnType<RunningEmulator['registerCertificateApp']>>;
		const now = () => Math.floor(Date.now() / 1000);
		const claims = (overrides: Record<string, unknown> = {}) => ({
			aud: emu.loginUrl,
			iss: app.clientId,
			sub: app.clientId,
			jti: randomUUID(),
			nbf: now(),
			iat: now(),
			exp: now() + 600,
			...overrides,
		});
		const x5t = () => Buffer.from(app.thumbprintSha1, 'hex').toString('base64url');
		const x5tS256 = () => Buffer.from(app.thumbprintSha256, 'hex').toString('base64url');
		const send = (jwt: string) =>
			requestToken(emu, {
				grant_type: 'client_credentials',
				client_id: app.clientId,
				client_assertion_type: ASSERTION_TYPE,
				client_assertion: jwt,
				scope: GRAPH_SCOPE,
			});

		beforeAll(async () => {
			app = await emu.registerCertificateApp({ roles: ['SecurityAlert.Read.All'] });
		});

		it('accepts RS256 with x5t and PS256 with x5t#S256', async () => {
			const rs = await send(
				assertion(app.privateKeyPem, { alg: 'RS256', typ: 'JWT', x5t: x5t() }, claims()),
			);
			expect(rs.status).toBe(200);
			expect(decode(rs.body.access_token)).toMatchObject({
				appid: app.clientId,
				appidacr: '2',
				roles: ['SecurityAlert.Read.All'],
			});
			const ps = await send(
				assertion(app.privateKeyPem, { alg: 'PS256', typ: 'JWT', 'x5t#S256': x5tS256() }, claims()),
			);
			expect(ps.status).toBe(200);
		});

		it('refuses a bad signature, audience, expiry, issuer or unknown certificate with AADSTS700027', async () => {
			const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
			expectEntraError(
				await send(assertion(other, { alg: 'RS256', x5t: x5t() }, claims())),
				401,
				'invalid_client',
				700027,
			);
			expectEntraError(
				await send(
					assertion(
						app.privateKeyPem,
						{ alg: 'RS256', x5t: x5t() },
						claims({ aud: 'https://login.microsoftonline.com/x/oauth2/v2.0/token' }),
					),
				),
				401,
				'invalid_client',
				700027,
			);
			expectEntraError(
				await send(
					assertion(app.privateKeyPem, { alg: 'RS256', x5t: x5t() }, claims({ exp: now() - 10 })),
				),
				401,
				'invalid_client',
				700027,
			);
			expectEntraError(
				await send(
					assertion(
						app.privateKeyPem,
						{ alg: 'RS256', x5t: x5t() },
						claims({ iss: 'someone-else' }),
					),
				),
				401,
				'invalid_client',
				700027,
			);
			const unknownThumb = createHash('sha1').update('nope').digest('base64url');
			expectEntraError(
				await send(assertion(app.privateKeyPem, { alg: 'RS256', x5t: unknownThumb }, claims())),
				401,
				'invalid_client',
				700027,
			);
			expectEntraError(
				await send(assertion(app.privateKeyPem, { alg: 'HS256', x5t: x5t() }, claims())),
				401,
				'invalid_client',
				700027,
			);
			expectEntraError(await send('not.a.jwt'), 401, 'invalid_client', 700027);
		});
	});

	it('serves OpenID configuration and instance discovery pointing back at itself', async () => {
		const config = await call(emu, 'GET', `/${emu.tenantId}/v2.0/.well-known/openid-configuration`);
		expect(config.body.token_endpoint).toBe(emu.loginUrl);
		expect(config.body.issuer).toBe(`${emu.url}/${emu.tenantId}/v2.0`);
		const keys = await call(emu, 'GET', config.body.jwks_uri.replace(emu.url, ''));
		expect(keys.body.keys[0].kty).toBe('RSA');
		const discovery = await call(emu, 'GET', '/common/discovery/instance?api-version=1.1');
		expect(discovery.body.metadata[0].aliases).toEqual([new URL(emu.url).host]);
		expect(
			(await call(emu, 'GET', '/nope-tenant/v2.0/.well-known/openid-configuration')).status,
		).toBe(400);
	});

	it('never records the token form or the Authorization header in the request log', async () => {
		await tokenFor(emu);
		const logged = JSON.stringify(emu.requests.list());
		expect(logged).not.toContain(emu.defaultClient.clientSecret);
		expect(logged).not.toContain('client_secret');
		expect(logged).not.toMatch(/Bearer|eyJ/);
		expect(
			emu.requests.list().some((e) => e.path.endsWith('/oauth2/v2.0/token') && e.status === 200),
		).toBe(true);
	});
});

describe('bearer tokens on API routes', () => {
	let emu: RunningEmulator;
	beforeAll(async () => {
		emu = await startEmulator({
			alerts: 5,
			httpsPort: false,
			rateLimits: false,
			tokenLifetimeSeconds: 1,
		});
	});
	afterAll(() => emu.stop());

	it('answers 401 InvalidAuthenticationToken without, with a tampered, or with an expired token', async () => {
		const none = await call(emu, 'GET', '/v1.0/security/alerts_v2');
		expect(none.status).toBe(401);
		expect(none.body.error).toMatchObject({
			code: 'InvalidAuthenticationToken',
			message: 'Access token is empty.',
		});
		expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
		const token = await tokenFor(emu);
		const [h, p, s] = token.split('.');
		const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
		payload.roles = ['SecurityAlert.ReadWrite.All', 'Extra.Role'];
		const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
		expect(
			(await call(emu, 'GET', '/v1.0/security/alerts_v2', { token: tampered })).body.error.message,
		).toMatch(/invalid signature/);
		expect((await call(emu, 'GET', '/v1.0/security/alerts_v2', { token })).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const expired = await call(emu, 'GET', '/v1.0/security/alerts_v2', { token });
		expect(expired.status).toBe(401);
		expect(expired.body.error.message).toBe('Lifetime validation failed, the token is expired.');
	});

	it('expires tokens when the emulator clock moves forward', async () => {
		const token = await tokenFor(emu);
		emu.clock.advance(1000);
		expect((await call(emu, 'GET', '/v1.0/security/alerts_v2', { token })).status).toBe(401);
		emu.clock.reset();
	});

	it('refuses a token for the wrong API (audience) with 401 in each API shape', async () => {
		const graphToken = await tokenFor(emu, GRAPH_SCOPE);
		const mde = await call(emu, 'GET', '/api/machines', { token: graphToken });
		expect(mde.status).toBe(401);
		expect(mde.body.error).toMatchObject({
			code: 'Unauthorized',
			message: 'Access token validation failure. Invalid audience.',
		});
		expect(mde.body.error.target).toMatch(/^[0-9a-f-]{36}$/);
		const mdeToken = await tokenFor(emu, MDE_SCOPE);
		const graph = await call(emu, 'GET', '/v1.0/security/alerts_v2', { token: mdeToken });
		expect(graph.status).toBe(401);
		expect(graph.body.error.code).toBe('InvalidAuthenticationToken');
	});
});

describe('application roles per route (graph-api.md §1.4)', () => {
	let emu: RunningEmulator;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 5, httpsPort: false, rateLimits: false });
	});
	afterAll(() => emu.stop());

	const tokenWith = async (roles: string[], scope = GRAPH_SCOPE): Promise<string> => {
		const app = emu.registerApp({ clientSecret: 'test-secret-value', roles });
		return tokenFor(emu, scope, { clientId: app.clientId, clientSecret: 'test-secret-value' });
	};

	it('lets a read-only app read alerts but not update or comment them', async () => {
		const token = await tokenWith(['SecurityAlert.Read.All']);
		const id = emu.state.alertsByCreatedDesc()[0].id;
		expect((await call(emu, 'GET', '/v1.0/security/alerts_v2', { token })).status).toBe(200);
		const patch = await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${id}`, {
			token,
			body: { status: 'inProgress' },
		});
		expect(patch.status).toBe(403);
		expect(patch.body.error.code).toBe('Forbidden');
		expect(patch.body.error.message).toMatch(
			/requires one of SecurityAlert\.ReadWrite\.All\. Roles in the token: SecurityAlert\.Read\.All/,
		);
		expect(
			(
				await call(emu, 'POST', `/v1.0/security/alerts_v2/${id}/comments`, {
					token,
					body: { comment: 'x' },
				})
			).status,
		).toBe(403);
		expect((await call(emu, 'GET', '/v1.0/security/incidents', { token })).status).toBe(403);
		expect(
			(
				await call(emu, 'POST', '/v1.0/security/runHuntingQuery', {
					token,
					body: { Query: 'AlertInfo' },
				})
			).status,
		).toBe(403);
	});

	it('answers 403 to an app without any role (no roles claim)', async () => {
		const token = await tokenWith([]);
		expect(decode(token).roles).toBeUndefined();
		const res = await call(emu, 'GET', '/v1.0/security/alerts_v2', { token });
		expect(res.status).toBe(403);
		expect(res.body.error.message).toMatch(/Roles in the token: none/);
	});

	it('checks MDE action roles per action, in the MDE error shape', async () => {
		const token = await tokenWith(['Machine.Read.All'], MDE_SCOPE);
		const machine = [...emu.state.machines.values()][0];
		expect((await call(emu, 'GET', '/api/machines', { token })).status).toBe(200);
		const res = await call(emu, 'POST', `/api/machines/${machine.id}/isolate`, {
			token,
			body: { Comment: 'x', IsolationType: 'Full' },
		});
		expect(res.status).toBe(403);
		expect(res.body.error).toMatchObject({ code: 'Forbidden' });
		expect(res.body.error.message).toMatch(/Machine\.Isolate/);
		expect(res.body.error.target).toBeDefined();
	});
});
