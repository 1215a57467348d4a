import nock from 'nock';

import { DefenderError } from '../../../lib/errors';
import {
	CLIENT_ID,
	CLIENT_SECRET,
	GRAPH_HEADERS,
	GRAPH_HOST,
	LOGIN_HOST,
	TOKEN_PATH,
	alert,
	graphError,
	graphScope,
	makeClient,
	makeClientWithTokens,
	tokenReply,
} from './helpers';

const ALERTS = '/v1.0/security/alerts_v2';
const FIRST_TOKEN = 'first-access-token-value';
const SECOND_TOKEN = 'second-access-token-value';

function bearer(token: string) {
	return nock(GRAPH_HOST, { reqheaders: { ...GRAPH_HEADERS, authorization: `Bearer ${token}` } });
}

function tokenEndpoint() {
	return nock(LOGIN_HOST).post(TOKEN_PATH, {
		client_id: CLIENT_ID,
		scope: 'https://graph.microsoft.com/.default',
		grant_type: 'client_credentials',
		client_secret: CLIENT_SECRET,
	});
}

async function failure(promise: Promise<unknown>): Promise<DefenderError> {
	const error = await promise.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(DefenderError);
	return error as DefenderError;
}

function expectNoSecrets(error: DefenderError) {
	const text = `${JSON.stringify(error)} ${error.message} ${error.hint ?? ''} ${error.apiMessage ?? ''}`;
	for (const secret of [CLIENT_SECRET, FIRST_TOKEN, SECOND_TOKEN])
		expect(text).not.toContain(secret);
}

describe('client with its own tokens', () => {
	it('sends the bearer token and reuses it across calls (one token request)', async () => {
		const login = tokenEndpoint().once().reply(200, tokenReply(FIRST_TOKEN));
		const graph = bearer(FIRST_TOKEN)
			.get(`${ALERTS}/a1`)
			.reply(200, alert('a1'))
			.get(`${ALERTS}/a2`)
			.reply(200, alert('a2'));
		const { client } = makeClientWithTokens();

		expect((await client.getAlert('a1')).id).toBe('a1');
		expect((await client.getAlert('a2')).id).toBe('a2');
		expect(login.isDone()).toBe(true);
		expect(graph.isDone()).toBe(true);
	});

	it('on a 401 mints a new token once and retries', async () => {
		const login = tokenEndpoint()
			.reply(200, tokenReply(FIRST_TOKEN))
			.post(TOKEN_PATH)
			.reply(200, tokenReply(SECOND_TOKEN));
		const rejected = bearer(FIRST_TOKEN)
			.get(`${ALERTS}/a1`)
			.reply(
				401,
				graphError('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'),
			);
		const accepted = bearer(SECOND_TOKEN).get(`${ALERTS}/a1`).reply(200, alert('a1'));
		const { client } = makeClientWithTokens();

		expect((await client.getAlert('a1')).id).toBe('a1');
		expect(login.isDone()).toBe(true);
		expect(rejected.isDone()).toBe(true);
		expect(accepted.isDone()).toBe(true);
	});

	it('gives a typed auth error when the new token is rejected too, with no secret in it', async () => {
		const login = tokenEndpoint()
			.reply(200, tokenReply(FIRST_TOKEN))
			.post(TOKEN_PATH)
			.reply(200, tokenReply(SECOND_TOKEN));
		const graph = nock(GRAPH_HOST)
			.get(`${ALERTS}/a1`)
			.times(2)
			.reply(
				401,
				graphError(
					'InvalidAuthenticationToken',
					`Token Bearer ${FIRST_TOKEN} is not valid for this audience.`,
				),
			);
		const { client } = makeClientWithTokens();

		const error = await failure(client.getAlert('a1'));

		expect(error).toMatchObject({
			kind: 'auth',
			status: 401,
			code: 'InvalidAuthenticationToken',
			message: 'Microsoft rejected the access token (401 Unauthorized).',
		});
		expectNoSecrets(error);
		expect(login.isDone()).toBe(true);
		expect(graph.isDone()).toBe(true);
	});

	it('reports a bad client secret from the token endpoint in plain words', async () => {
		tokenEndpoint().reply(401, {
			error: 'invalid_client',
			error_description: 'AADSTS7000215: Invalid client secret provided.\r\nTrace ID: x',
			error_codes: [7000215],
		});
		const { client } = makeClientWithTokens();

		const error = await failure(client.getAlert('a1'));

		expect(error).toMatchObject({
			kind: 'auth',
			code: 'AADSTS7000215',
			message: 'Invalid client secret.',
		});
		expectNoSecrets(error);
	});
});

describe('error responses', () => {
	it('403 names the missing permission and the consent step', async () => {
		graphScope()
			.patch(`${ALERTS}/a1`)
			.reply(403, graphError('Forbidden', 'Missing role permissions on the request.', 'req-403'));
		const { client } = makeClient();

		const error = await failure(client.updateAlert('a1', { status: 'inProgress' }));

		expect(error.toJSON()).toEqual({
			kind: 'forbidden',
			message: 'The app is not allowed to do this (403 Forbidden).',
			status: 403,
			code: 'Forbidden',
			requestId: 'req-403',
			hint: 'Add the Microsoft Graph application permission SecurityAlert.ReadWrite.All to the app registration, then grant admin consent in Entra ID > App registrations > API permissions.',
			retryAfterMs: undefined,
			apiMessage: 'Missing role permissions on the request.',
		});
	});

	it('404 says which resource was not found', async () => {
		graphScope()
			.get('/v1.0/security/incidents/999')
			.reply(404, graphError('NotFound', 'Incident 999 not found'));
		const { client } = makeClient();

		const error = await failure(client.getIncident('999'));

		expect(error).toMatchObject({
			kind: 'notFound',
			status: 404,
			message: 'The incident was not found (404 Not Found).',
			apiMessage: 'Incident 999 not found',
		});
	});

	it('429 with Retry-After: the fake sleep gets the wait, then the call succeeds', async () => {
		graphScope()
			.get(`${ALERTS}/a1`)
			.reply(429, graphError('TooManyRequests', 'Please retry again later.'), {
				'Retry-After': '7',
			})
			.get(`${ALERTS}/a1`)
			.reply(200, alert('a1'));
		const { client, sleep } = makeClient();

		expect((await client.getAlert('a1')).id).toBe('a1');
		expect(sleep.waits).toEqual([7_000]);
	});

	it('429 that never clears becomes a throttled error with retryAfterMs', async () => {
		graphScope()
			.get(`${ALERTS}/a1`)
			.times(3)
			.reply(429, graphError('TooManyRequests', 'Please retry again later.'), {
				'Retry-After': '2.5',
			});
		const { client, sleep } = makeClient({ maxAttempts: 3 });

		const error = await failure(client.getAlert('a1'));

		expect(error).toMatchObject({ kind: 'throttled', status: 429, retryAfterMs: 2_500 });
		expect(sleep.waits).toEqual([2_500, 2_500]);
	});

	it('503 then success is retried with backoff', async () => {
		graphScope()
			.get(`${ALERTS}/a1`)
			.reply(503, graphError('ServiceUnavailable', 'busy'))
			.get(`${ALERTS}/a1`)
			.reply(200, alert('a1'));
		const { client, sleep } = makeClient();

		expect((await client.getAlert('a1')).id).toBe('a1');
		expect(sleep.waits).toEqual([500]);
	});

	it('a 200 whose body is not JSON is a schema error, not a crash', async () => {
		graphScope()
			.get(`${ALERTS}/a1`)
			.reply(200, '<html>maintenance</html>', { 'Content-Type': 'application/json' });
		const { client } = makeClient();

		const error = await failure(client.getAlert('a1'));

		expect(error).toMatchObject({
			kind: 'schema',
			message: 'The API answered the alert request with a body that is not JSON.',
		});
	});

	it('a 200 with truncated JSON is a schema error', async () => {
		graphScope()
			.get(ALERTS)
			.query(true)
			.reply(200, '{"value": [', { 'Content-Type': 'application/json' });
		const { client } = makeClient();

		expect(await failure(client.listAlertsPage())).toMatchObject({ kind: 'schema' });
	});

	it('a page with a malformed item names the path, not the payload', async () => {
		graphScope()
			.get(ALERTS)
			.query(true)
			.reply(200, { value: [alert('a1'), { title: 'secret-looking-title-value' }] });
		const { client } = makeClient();

		const error = await failure(client.listAlertsPage());

		expect(error.message).toBe(
			'Unexpected alerts page shape from the API: value[1].id: expected string, got undefined.',
		);
		expect(JSON.stringify(error)).not.toContain('secret-looking-title-value');
	});

	it('a network failure becomes a network error', async () => {
		graphScope()
			.get(`${ALERTS}/a1`)
			.times(2)
			.replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
		const { client, sleep } = makeClient({ maxAttempts: 2 });

		const error = await failure(client.getAlert('a1'));

		expect(error).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
		expect(sleep.waits).toEqual([500]);
	});
});
