import nock from 'nock';
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { DefenderXdrApi } from '../../credentials/DefenderXdrApi.credentials';
import { mdeTokenProblem, tokenForUrl } from '../../lib/auth/credentialTokens';
import { createContext } from '../nodes/n8nHarness';

const testNode: INode = {
	id: 'test',
	name: 'Temp-Node',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const LOGIN = 'https://login.example.test';
const GRAPH = 'https://graph.example.test/v1.0';
const MDE = 'https://mde.example.test/api';
const TENANT = '11111111-2222-3333-4444-555555555555';
const SECRET = 'test-secret-value-do-not-leak';

const baseData = () => ({
	cloud: 'custom',
	loginHost: LOGIN,
	graphBaseUrl: GRAPH,
	mdeBaseUrl: MDE,
	tenantId: TENANT,
	clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
	authentication: 'clientSecret',
	clientSecret: SECRET,
	graphAccessToken: '',
	mdeAccessToken: '',
	tokenExpiry: '',
});

function tokenEndpoint() {
	return nock(LOGIN).post(`/${TENANT}/oauth2/v2.0/token`);
}

function answerTokens(body: string) {
	const form = new URLSearchParams(body);
	const scope = form.get('scope') ?? '';
	return { token_type: 'Bearer', expires_in: 3599, access_token: scope.includes('graph') ? 'graph-token-1' : 'mde-token-1' };
}

async function preAuthenticate(data: Record<string, unknown>) {
	const credential = new DefenderXdrApi();
	const { httpRequest } = await import('../nodes/n8nHarness');
	return await credential.preAuthentication.call({ helpers: { httpRequest } } as never, data as never);
}

describe('Defender XDR credential', () => {
	it('mints one token per API with the client secret and the right scopes', async () => {
		const bodies: string[] = [];
		const scope = tokenEndpoint()
			.times(2)
			.reply(200, (_uri, body) => {
				bodies.push(String(body));
				return answerTokens(String(body));
			});
		const output = await preAuthenticate(baseData());
		expect(scope.isDone()).toBe(true);
		expect(output.graphAccessToken).toBe('graph-token-1');
		expect(output.mdeAccessToken).toBe('mde-token-1');
		const scopes = bodies.map((b) => new URLSearchParams(b).get('scope')).sort();
		expect(scopes).toEqual([
			'https://api.securitycenter.microsoft.com/.default',
			'https://graph.microsoft.com/.default',
		]);
		for (const body of bodies) {
			const form = new URLSearchParams(body);
			expect(form.get('grant_type')).toBe('client_credentials');
			expect(form.get('client_secret')).toBe(SECRET);
		}
	});

	it('signs a PS256 client assertion with x5t#S256 for certificate authentication', async () => {
		const selfsigned = await import('selfsigned');
		const pems = await selfsigned.generate([{ name: 'commonName', value: 'defender-test' }], {
			keySize: 2048,
		});
		const bodies: string[] = [];
		tokenEndpoint()
			.times(2)
			.reply(200, (_uri, body) => {
				bodies.push(String(body));
				return answerTokens(String(body));
			});
		await preAuthenticate({
			...baseData(),
			authentication: 'certificate',
			clientSecret: '',
			privateKey: pems.private,
			certificate: pems.cert,
		});
		const form = new URLSearchParams(bodies[0]);
		expect(form.get('client_secret')).toBeNull();
		expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
		const [header, claims] = (form.get('client_assertion') ?? '')
			.split('.')
			.slice(0, 2)
			.map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
		expect(header).toMatchObject({ alg: 'PS256', typ: 'JWT' });
		expect(typeof header['x5t#S256']).toBe('string');
		expect(claims.aud).toBe(`${LOGIN}/${TENANT}/oauth2/v2.0/token`);
		expect(claims.iss).toBe(baseData().clientId);
		expect(claims.sub).toBe(baseData().clientId);
	});

	it('reuses fresh tokens: a second execution makes no token request', async () => {
		const harness = createContext({
			credentials: { defenderXdrApi: { type: new DefenderXdrApi(), data: baseData() } },
		});
		tokenEndpoint().times(2).reply(200, (_uri, body) => answerTokens(String(body)));
		const api = nock(GRAPH.replace('/v1.0', ''))
			.get('/v1.0/security/alerts_v2')
			.times(2)
			.matchHeader('authorization', 'Bearer graph-token-1')
			.reply(200, { value: [] });
		const request = { method: 'GET' as const, url: `${GRAPH}/security/alerts_v2` };
		await harness.context.helpers.httpRequestWithAuthentication('defenderXdrApi', request);
		await harness.context.helpers.httpRequestWithAuthentication('defenderXdrApi', request);
		expect(api.isDone()).toBe(true);
		expect(harness.store.log.filter((entry) => entry.tokenRequest)).toHaveLength(2);
	});

	it('mints again after a 401 and retries once', async () => {
		const data = { ...baseData() };
		const harness = createContext({ credentials: { defenderXdrApi: { type: new DefenderXdrApi(), data } } });
		let issued = 0;
		tokenEndpoint()
			.times(4)
			.reply(200, (_uri, body) => {
				issued += 1;
				const token = answerTokens(String(body));
				return { ...token, access_token: `${token.access_token}-${issued}` };
			});
		const graphHost = GRAPH.replace('/v1.0', '');
		nock(graphHost).get('/v1.0/security/incidents').reply(401, { error: { code: 'InvalidAuthenticationToken' } });
		nock(graphHost)
			.get('/v1.0/security/incidents')
			.matchHeader('authorization', /Bearer graph-token-1-\d/)
			.reply(200, { value: [{ id: '1' }] });
		const result = await harness.context.helpers.httpRequestWithAuthentication('defenderXdrApi', {
			method: 'GET',
			url: `${GRAPH}/security/incidents`,
		});
		expect(result).toEqual({ value: [{ id: '1' }] });
		expect(issued).toBe(4);
	});

	it('keeps Graph working when the Defender for Endpoint token cannot be minted, and says why', async () => {
		tokenEndpoint().reply(200, (_uri, body) => answerTokens(String(body)));
		tokenEndpoint().reply(400, {
			error: 'invalid_resource',
			error_description: 'AADSTS500011: The resource principal named https://api.securitycenter.microsoft.com was not found in the tenant.',
			error_codes: [500011],
		});
		const output = await preAuthenticate(baseData());
		const merged = { ...baseData(), ...output };
		expect(tokenForUrl(merged, `${GRAPH}/security/alerts_v2`)).toBeDefined();
		expect(tokenForUrl(merged, `${MDE}/machines`)).toBeUndefined();
		expect(mdeTokenProblem(merged)?.message).toMatch(/Defender for Endpoint/);
	});

	it.each([
		[90002, /tenant/i],
		[700016, /client/i],
		[7000215, /secret/i],
	])('explains AADSTS%s in plain words without echoing the secret', async (code, pattern) => {
		tokenEndpoint().reply(400, {
			error: 'invalid_request',
			error_description: `AADSTS${code}: something went wrong with client_secret=${SECRET}.`,
			error_codes: [code],
		});
		const failure = await preAuthenticate(baseData()).catch((error: Error) => error);
		expect(failure).toBeInstanceOf(Error);
		const text = JSON.stringify(failure) + String((failure as Error).message);
		expect((failure as Error).message).toMatch(pattern);
		expect(text).not.toContain(SECRET);
		// n8n's credential test shows error.code instead of the message when one is set.
		expect((failure as Error).message).toContain(`(AADSTS${code})`);
		expect((failure as { code?: string }).code).toBeUndefined();
		// n8n wraps it in a NodeApiError before its credential test reads the message; a status
		// would turn our words into a generic "Authorization failed".
		const wrapped = new NodeApiError(testNode, failure as unknown as JsonObject);
		expect(wrapped.message).toMatch(pattern);
		expect(wrapped.message).toContain(`(AADSTS${code})`);
	});

	it('sends the Graph token to Graph, the MDE token to the MDE API and nothing elsewhere', () => {
		const data = { ...baseData(), graphAccessToken: 'g', mdeAccessToken: 'm' };
		expect(tokenForUrl(data, `${GRAPH}/$batch`)).toBe('g');
		expect(tokenForUrl(data, `${GRAPH}?$top=1`)).toBe('g');
		expect(tokenForUrl(data, `${MDE}/machines/abc/isolate`)).toBe('m');
		expect(tokenForUrl(data, 'https://attacker.example.test/v1.0/security')).toBeUndefined();
		expect(tokenForUrl(data, `${GRAPH}evil/security`)).toBeUndefined();
	});

	it('adds the bearer header through authenticate() only for the credential hosts', async () => {
		const credential = new DefenderXdrApi();
		const data = { ...baseData(), graphAccessToken: 'g', mdeAccessToken: 'm' };
		const authenticate = credential.authenticate as (c: unknown, o: unknown) => Promise<{ headers?: Record<string, string> }>;
		const graph = await authenticate(data, { url: `${GRAPH}/security/alerts_v2`, headers: {} });
		expect(graph.headers?.Authorization).toBe('Bearer g');
		const other = await authenticate(data, { url: 'https://elsewhere.example.test/x', headers: {} });
		expect(other.headers?.Authorization).toBeUndefined();
	});
});
