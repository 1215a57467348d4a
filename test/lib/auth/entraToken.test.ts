import { constants, createHash, verify, X509Certificate } from 'crypto';

import {
	CLOUDS,
	buildTokenRequest,
	certificateThumbprintS256,
	parseTokenResponse,
	resolveCloudEndpoints,
	type ClientAuth,
} from '../../../lib/auth/entraToken';
import { DefenderError } from '../../../lib/errors';
import { ecCertificate, rsaCertificate, type TestCertificate } from './certificates';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const SECRET = 'test-secret-value';
const NOW = Date.parse('2025-01-15T10:00:00Z');
const secretAuth: ClientAuth = { type: 'secret', secret: SECRET };

function decodePart(part: string | undefined): Record<string, unknown> {
	return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<
		string,
		unknown
	>;
}

function thrown(fn: () => unknown): DefenderError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(DefenderError);
		return error as DefenderError;
	}
	throw new Error('expected a DefenderError');
}

describe('clouds', () => {
	it.each([
		[
			'global',
			'https://login.microsoftonline.com',
			'https://graph.microsoft.com/v1.0',
			'https://api.securitycenter.microsoft.com/api',
			'https://graph.microsoft.com/.default',
			'https://api.securitycenter.microsoft.com/.default',
		],
		[
			'usGcc',
			'https://login.microsoftonline.com',
			'https://graph.microsoft.com/v1.0',
			'https://api-gcc.securitycenter.microsoft.us/api',
			'https://graph.microsoft.com/.default',
			'https://api-gcc.securitycenter.microsoft.us/.default',
		],
		[
			'usGccHigh',
			'https://login.microsoftonline.us',
			'https://graph.microsoft.us/v1.0',
			'https://api-gov.securitycenter.microsoft.us/api',
			'https://graph.microsoft.us/.default',
			'https://api-gov.securitycenter.microsoft.us/.default',
		],
		[
			'usDod',
			'https://login.microsoftonline.us',
			'https://dod-graph.microsoft.us/v1.0',
			'https://api-gov.securitycenter.microsoft.us/api',
			'https://dod-graph.microsoft.us/.default',
			'https://api-gov.securitycenter.microsoft.us/.default',
		],
	] as const)('%s', (cloud, loginHost, graphBaseUrl, mdeBaseUrl, graphScope, mdeScope) => {
		expect(resolveCloudEndpoints(cloud)).toEqual({
			loginHost,
			graphBaseUrl,
			mdeBaseUrl,
			scopes: { graph: graphScope, mde: mdeScope },
		});
	});

	it('builds a custom cloud, trimming trailing slashes, with Global scopes by default', () => {
		expect(
			resolveCloudEndpoints('custom', {
				loginHost: 'http://127.0.0.1:4010/',
				graphBaseUrl: 'http://127.0.0.1:4010/graph/v1.0/',
				mdeBaseUrl: 'https://mde-proxy.contoso.example/api',
			}),
		).toEqual({
			loginHost: 'http://127.0.0.1:4010',
			graphBaseUrl: 'http://127.0.0.1:4010/graph/v1.0',
			mdeBaseUrl: 'https://mde-proxy.contoso.example/api',
			scopes: CLOUDS.global.scopes,
		});
	});

	it('takes custom scopes', () => {
		const endpoints = resolveCloudEndpoints('custom', {
			loginHost: 'https://login.microsoftonline.us',
			graphBaseUrl: 'https://graph.microsoft.us/v1.0',
			mdeBaseUrl: 'https://api-gov.securitycenter.microsoft.us/api',
			graphScope: 'https://graph.microsoft.us/.default',
			mdeScope: 'https://api-gov.securitycenter.microsoft.us/.default',
		});
		expect(endpoints.scopes).toEqual({
			graph: 'https://graph.microsoft.us/.default',
			mde: 'https://api-gov.securitycenter.microsoft.us/.default',
		});
	});

	it.each([
		[{ loginHost: '' }, 'Login host is empty.'],
		[{ loginHost: 'not a url' }, 'Login host is not a valid URL.'],
		[{ graphBaseUrl: 'http://graph.contoso.example/v1.0' }, 'Graph base URL must use https.'],
		[
			{ mdeBaseUrl: 'https://api.contoso.example/api?x=1' },
			'Defender for Endpoint API base URL must not contain a query, fragment or credentials.',
		],
		[{ graphScope: 'https://graph.microsoft.com' }, 'Graph scope must end with /.default.'],
	])('rejects a bad custom setting %j', (override, message) => {
		const error = thrown(() =>
			resolveCloudEndpoints('custom', {
				loginHost: 'https://login.microsoftonline.com',
				graphBaseUrl: 'https://graph.microsoft.com/v1.0',
				mdeBaseUrl: 'https://api.securitycenter.microsoft.com/api',
				...override,
			}),
		);
		expect(error.kind).toBe('validation');
		expect(error.message).toBe(message);
	});

	it('rejects an unknown cloud and a custom cloud without settings', () => {
		expect(thrown(() => resolveCloudEndpoints('china' as never)).message).toBe(
			"Unknown cloud 'china'.",
		);
		expect(thrown(() => resolveCloudEndpoints('custom')).kind).toBe('validation');
	});
});

describe('buildTokenRequest with a secret', () => {
	it('posts client credentials for the Graph scope', () => {
		expect(
			buildTokenRequest({
				endpoints: CLOUDS.global,
				tenantId: TENANT,
				clientId: CLIENT,
				auth: secretAuth,
				resource: 'graph',
				now: NOW,
			}),
		).toEqual({
			url: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
			body:
				`client_id=${CLIENT}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default` +
				'&grant_type=client_credentials&client_secret=test-secret-value',
		});
	});

	it('uses the MDE scope and the gov login host', () => {
		const request = buildTokenRequest({
			endpoints: CLOUDS.usGccHigh,
			tenantId: 'contoso.onmicrosoft.com',
			clientId: CLIENT,
			auth: secretAuth,
			resource: 'mde',
			now: NOW,
		});
		expect(request.url).toBe(
			'https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token',
		);
		expect(new URLSearchParams(request.body).get('scope')).toBe(
			'https://api-gov.securitycenter.microsoft.us/.default',
		);
	});

	it.each(['', '../common', 'x/y', 'a b', 'tenant?x=1'])('rejects tenant %j', (tenantId) => {
		const error = thrown(() =>
			buildTokenRequest({
				endpoints: CLOUDS.global,
				tenantId,
				clientId: CLIENT,
				auth: secretAuth,
				resource: 'graph',
				now: NOW,
			}),
		);
		expect(error.message).toBe('The Directory (tenant) ID is missing or malformed.');
	});

	it('rejects an empty client id and an empty secret', () => {
		const base = {
			endpoints: CLOUDS.global,
			tenantId: TENANT,
			resource: 'graph' as const,
			now: NOW,
		};
		expect(
			thrown(() => buildTokenRequest({ ...base, clientId: ' ', auth: secretAuth })).message,
		).toBe('The Application (client) ID is missing or malformed.');
		expect(
			thrown(() =>
				buildTokenRequest({ ...base, clientId: CLIENT, auth: { type: 'secret', secret: '' } }),
			).message,
		).toBe('The client secret is empty.');
	});
});

describe('buildTokenRequest with a certificate', () => {
	let cert: TestCertificate;
	let other: TestCertificate;

	beforeAll(async () => {
		[cert, other] = await Promise.all([rsaCertificate(), rsaCertificate('other')]);
	});

	function certificateRequest(auth: ClientAuth = { type: 'certificate', ...cert }) {
		return buildTokenRequest({
			endpoints: CLOUDS.global,
			tenantId: TENANT,
			clientId: CLIENT,
			auth,
			resource: 'graph',
			now: NOW,
			newId: () => '0f8fad5b-d9cb-469f-a165-70867728950e',
		});
	}

	it('sends a PS256 client assertion instead of a secret', () => {
		const request = certificateRequest();
		const form = new URLSearchParams(request.body);
		expect([...form.keys()]).toEqual([
			'client_id',
			'scope',
			'grant_type',
			'client_assertion_type',
			'client_assertion',
		]);
		expect(form.get('client_assertion_type')).toBe(
			'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
		);

		const [header, claims, signature] = (form.get('client_assertion') ?? '').split('.');
		const der = new X509Certificate(cert.certificatePem).raw;
		expect(decodePart(header)).toEqual({
			alg: 'PS256',
			typ: 'JWT',
			'x5t#S256': createHash('sha256').update(der).digest('base64url'),
		});
		const seconds = NOW / 1000;
		expect(decodePart(claims)).toEqual({
			aud: request.url,
			iss: CLIENT,
			sub: CLIENT,
			jti: '0f8fad5b-d9cb-469f-a165-70867728950e',
			nbf: seconds,
			iat: seconds,
			exp: seconds + 600,
		});

		const valid = verify(
			'sha256',
			Buffer.from(`${header}.${claims}`),
			{
				key: new X509Certificate(cert.certificatePem).publicKey,
				padding: constants.RSA_PKCS1_PSS_PADDING,
				saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
			},
			Buffer.from(signature ?? '', 'base64url'),
		);
		expect(valid).toBe(true);
		expect(certificateThumbprintS256(cert.certificatePem)).toBe(decodePart(header)['x5t#S256']);
	});

	it('uses a fresh jti by default', () => {
		const jti = (body: string) =>
			decodePart(new URLSearchParams(body).get('client_assertion')?.split('.')[1]).jti;
		const first = buildTokenRequest({
			endpoints: CLOUDS.global,
			tenantId: TENANT,
			clientId: CLIENT,
			auth: { type: 'certificate', ...cert },
			resource: 'mde',
			now: NOW,
		});
		const second = buildTokenRequest({
			endpoints: CLOUDS.global,
			tenantId: TENANT,
			clientId: CLIENT,
			auth: { type: 'certificate', ...cert },
			resource: 'mde',
			now: NOW,
		});
		expect(jti(first.body)).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		expect(jti(first.body)).not.toBe(jti(second.body));
	});

	it('refuses a key that does not belong to the certificate', () => {
		const error = thrown(() =>
			certificateRequest({
				type: 'certificate',
				certificatePem: cert.certificatePem,
				privateKeyPem: other.privateKeyPem,
			}),
		);
		expect(error).toMatchObject({
			kind: 'validation',
			message: 'The private key does not belong to the certificate.',
		});
	});

	it('refuses unreadable PEM without echoing it', () => {
		const garbage = '-----BEGIN PRIVATE KEY-----\nnot-a-key-test-value\n-----END PRIVATE KEY-----';
		const keyError = thrown(() =>
			certificateRequest({
				type: 'certificate',
				certificatePem: cert.certificatePem,
				privateKeyPem: garbage,
			}),
		);
		expect(keyError.message).toBe('The private key could not be read.');
		expect(JSON.stringify(keyError)).not.toContain('not-a-key-test-value');

		const certError = thrown(() =>
			certificateRequest({
				type: 'certificate',
				certificatePem: 'nope',
				privateKeyPem: cert.privateKeyPem,
			}),
		);
		expect(certError.message).toBe('The certificate could not be read.');
	});

	it('refuses a non-RSA key (PS256 needs RSA)', async () => {
		const ec = await ecCertificate();
		expect(thrown(() => certificateRequest({ type: 'certificate', ...ec })).message).toBe(
			'The private key must be an RSA key.',
		);
	});
});

describe('parseTokenResponse', () => {
	it('returns the token and its expiry', () => {
		expect(
			parseTokenResponse(
				{
					status: 200,
					headers: {},
					body: { token_type: 'Bearer', expires_in: 3599, access_token: 'test-access-token' },
				},
				NOW,
			),
		).toEqual({ accessToken: 'test-access-token', expiresAtMs: NOW + 3_599_000 });
	});

	it('accepts a JSON string body and expires_in as text', () => {
		expect(
			parseTokenResponse(
				{ status: 200, headers: {}, body: '{"expires_in":"600","access_token":"tok"}' },
				NOW,
			),
		).toEqual({ accessToken: 'tok', expiresAtMs: NOW + 600_000 });
	});

	it('fails clearly without an access token or with a non-JSON body', () => {
		expect(
			thrown(() => parseTokenResponse({ status: 200, headers: {}, body: { expires_in: 1 } }, NOW))
				.message,
		).toBe('The Entra ID token endpoint answered without an access token.');
		expect(
			thrown(() => parseTokenResponse({ status: 404, headers: {}, body: '<html>404</html>' }, NOW)),
		).toMatchObject({
			kind: 'auth',
			message: 'The Entra ID token endpoint answered with something that is not JSON (HTTP 404).',
		});
	});

	const aadsts = (code: number, description: string, status = 400) => ({
		status,
		headers: {},
		body: {
			error: 'invalid_client',
			error_description: `AADSTS${code}: ${description}\r\nTrace ID: 0000\r\nCorrelation ID: 1111\r\nTimestamp: 2025-01-15 10:00:00Z`,
			error_codes: [code],
			trace_id: 'trace-0000',
		},
	});

	it.each([
		[
			90002,
			"Tenant 'x' not found. Check to make sure you have the correct tenant ID.",
			'Tenant not found: check the Directory (tenant) ID.',
		],
		[
			900023,
			'Specified tenant identifier is neither a valid DNS name, nor a valid external domain.',
			'Tenant not found: check the Directory (tenant) ID.',
		],
		[
			700016,
			"Application with identifier 'x' was not found in the directory 'y'.",
			'Application not found in the tenant: check the Application (client) ID.',
		],
		[
			7000215,
			'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.',
			'Invalid client secret.',
		],
		[
			7000222,
			'The provided client secret keys for app are expired.',
			'The client secret has expired.',
		],
		[
			700027,
			'Client assertion failed signature validation.',
			'The certificate was not accepted: its signature or thumbprint does not match the app registration.',
		],
		[
			700024,
			'Client assertion is not within its valid time range.',
			'The client assertion is outside its valid time range.',
		],
		[
			50012,
			'Client assertion contains an invalid signature.',
			'The client credentials were rejected.',
		],
		[
			65001,
			'The user or administrator has not consented to use the application.',
			'Admin consent is missing for this application.',
		],
		[
			70011,
			'The provided request must include a scope input parameter.',
			'The requested scope is not valid for this cloud or API.',
		],
		[
			1002012,
			'The provided value for scope https://graph.microsoft.com is not valid.',
			'The requested scope is not valid: client credentials need a scope ending in /.default.',
		],
		[
			500011,
			'The resource principal named https://api.securitycenter.microsoft.com was not found in the tenant named x.',
			'The API (resource) was not found in this tenant.',
		],
		[
			53003,
			'Access has been blocked by Conditional Access policies.',
			'Blocked by a Conditional Access policy.',
		],
	])('AADSTS%i becomes plain words', (code, description, message) => {
		const error = thrown(() => parseTokenResponse(aadsts(code, description), NOW));
		expect(error).toMatchObject({ kind: 'auth', status: 400, code: `AADSTS${code}`, message });
		expect(error.hint).toBeTruthy();
		expect(error.apiMessage).not.toContain('Trace ID');
		expect(error.apiMessage).not.toContain('AADSTS');
	});

	it('keeps only the first sentence of the description', () => {
		const error = thrown(() =>
			parseTokenResponse(
				aadsts(
					7000215,
					'Invalid client secret provided. Ensure the secret being sent is the value.',
				),
				NOW,
			),
		);
		expect(error.apiMessage).toBe('Invalid client secret provided.');
	});

	it('names unknown codes generically', () => {
		const error = thrown(() => parseTokenResponse(aadsts(123456, 'Something new happened.'), NOW));
		expect(error.message).toBe('Entra ID refused the token request (HTTP 400, AADSTS123456).');
		expect(error.kind).toBe('auth');
	});

	it('never echoes the secret, an assertion or a token', () => {
		const jwt = 'eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
		const response = aadsts(
			7000215,
			`Secret ${SECRET} and assertion ${jwt} rejected; client_secret=${SECRET}.`,
		);
		const error = thrown(() => parseTokenResponse(response, NOW, [SECRET]));
		const json = JSON.stringify(error);
		expect(json).not.toContain(SECRET);
		expect(json).not.toContain(jwt);
		expect(error.message).not.toContain(SECRET);
	});

	it('maps 429 and 5xx to throttled and server', () => {
		expect(thrown(() => parseTokenResponse(aadsts(50196, 'Loop detected.', 429), NOW)).kind).toBe(
			'throttled',
		);
		expect(
			thrown(() => parseTokenResponse(aadsts(90033, 'Service unavailable.', 503), NOW)).kind,
		).toBe('server');
	});
});
