import nock from 'nock';

import { CLOUDS } from '../../../lib/auth/entraToken';
import { EntraTokenProvider } from '../../../lib/auth/tokenCache';
import { DefenderError } from '../../../lib/errors';
import { createAxiosTransport, manualClock, recordingSleep } from '../http/axiosTransport';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const SECRET = 'test-secret-value';
const LOGIN = 'https://login.microsoftonline.com';
const TOKEN_PATH = `/${TENANT}/oauth2/v2.0/token`;

const graphForm = {
	client_id: CLIENT,
	scope: 'https://graph.microsoft.com/.default',
	grant_type: 'client_credentials',
	client_secret: SECRET,
};
const mdeForm = { ...graphForm, scope: 'https://api.securitycenter.microsoft.com/.default' };

function tokenBody(accessToken: string, expiresIn = 3599) {
	return { token_type: 'Bearer', expires_in: expiresIn, access_token: accessToken };
}

function provider(options: { retry?: boolean } = {}) {
	const clock = manualClock();
	const sleep = recordingSleep();
	const tokens = new EntraTokenProvider(createAxiosTransport(), clock, {
		endpoints: CLOUDS.global,
		tenantId: TENANT,
		clientId: CLIENT,
		auth: { type: 'secret', secret: SECRET },
		retry: options.retry ? { sleep, random: () => 0.5 } : undefined,
	});
	return { tokens, clock, sleep };
}

describe('EntraTokenProvider', () => {
	it('posts the form to the token endpoint and reuses the token', async () => {
		const scope = nock(LOGIN)
			.post(TOKEN_PATH, graphForm)
			.matchHeader('content-type', 'application/x-www-form-urlencoded')
			.once()
			.reply(200, tokenBody('graph-token-1'));
		const { tokens } = provider();

		expect(await tokens.getToken('graph')).toBe('graph-token-1');
		expect(await tokens.getToken('graph')).toBe('graph-token-1');
		expect(scope.isDone()).toBe(true);
	});

	it('shares one request between concurrent callers', async () => {
		const scope = nock(LOGIN).post(TOKEN_PATH).once().reply(200, tokenBody('graph-token-1'));
		const { tokens } = provider();

		const results = await Promise.all([
			tokens.getToken('graph'),
			tokens.getToken('graph'),
			tokens.getToken('graph'),
		]);

		expect(results).toEqual(['graph-token-1', 'graph-token-1', 'graph-token-1']);
		expect(scope.isDone()).toBe(true);
	});

	it('keeps one token per API', async () => {
		const scope = nock(LOGIN)
			.post(TOKEN_PATH, graphForm)
			.reply(200, tokenBody('graph-token'))
			.post(TOKEN_PATH, mdeForm)
			.reply(200, tokenBody('mde-token'));
		const { tokens } = provider();

		expect(await tokens.getToken('graph')).toBe('graph-token');
		expect(await tokens.getToken('mde')).toBe('mde-token');
		expect(await tokens.getToken('graph')).toBe('graph-token');
		expect(scope.isDone()).toBe(true);
	});

	it('refreshes five minutes before expiry', async () => {
		const scope = nock(LOGIN)
			.post(TOKEN_PATH)
			.reply(200, tokenBody('first', 3600))
			.post(TOKEN_PATH)
			.reply(200, tokenBody('second', 3600));
		const { tokens, clock } = provider();

		expect(await tokens.getToken('graph')).toBe('first');
		clock.advance(55 * 60_000 - 1);
		expect(await tokens.getToken('graph')).toBe('first');
		clock.advance(1);
		expect(await tokens.getToken('graph')).toBe('second');
		expect(scope.isDone()).toBe(true);
	});

	it('mints again after invalidate', async () => {
		const scope = nock(LOGIN)
			.post(TOKEN_PATH)
			.reply(200, tokenBody('first'))
			.post(TOKEN_PATH)
			.reply(200, tokenBody('second'));
		const { tokens } = provider();

		expect(await tokens.getToken('graph')).toBe('first');
		tokens.invalidate('graph');
		expect(await tokens.getToken('graph')).toBe('second');
		expect(scope.isDone()).toBe(true);
	});

	it('does not cache a failure and never leaks the secret', async () => {
		nock(LOGIN)
			.post(TOKEN_PATH)
			.reply(401, {
				error: 'invalid_client',
				error_description: `AADSTS7000215: Invalid client secret provided (${SECRET}).\r\nTrace ID: 1`,
				error_codes: [7000215],
			})
			.post(TOKEN_PATH)
			.reply(200, tokenBody('after-fix'));
		const { tokens } = provider();

		const error = await tokens.getToken('graph').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DefenderError);
		expect(error).toMatchObject({
			kind: 'auth',
			code: 'AADSTS7000215',
			message: 'Invalid client secret.',
		});
		expect(JSON.stringify(error)).not.toContain(SECRET);
		expect((error as Error).message).not.toContain(SECRET);
		expect(await tokens.getToken('graph')).toBe('after-fix');
	});

	it('retries a throttled token endpoint when retry is configured', async () => {
		nock(LOGIN)
			.post(TOKEN_PATH)
			.reply(429, { error: 'temporarily_unavailable' }, { 'Retry-After': '3' })
			.post(TOKEN_PATH)
			.reply(200, tokenBody('tok'));
		const { tokens, sleep } = provider({ retry: true });

		expect(await tokens.getToken('graph')).toBe('tok');
		expect(sleep.waits).toEqual([3_000]);
	});

	it('turns a network failure into a network error without the form body', async () => {
		nock(LOGIN)
			.post(TOKEN_PATH)
			.replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
		const { tokens } = provider();

		const error = await tokens.getToken('graph').catch((e: unknown) => e);
		expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
		expect(JSON.stringify(error)).not.toContain(SECRET);
	});
});
