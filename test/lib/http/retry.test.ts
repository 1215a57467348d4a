import nock from 'nock';

import { DefenderError } from '../../../lib/errors';
import { backoffDelay, withRetry } from '../../../lib/http/retry';
import type { HttpRequest } from '../../../lib/ports';
import { createAxiosTransport, manualClock, recordingSleep, socketError } from './axiosTransport';

const GRAPH = 'https://graph.microsoft.com';
const PATH = '/v1.0/security/alerts_v2';
const request: HttpRequest = {
	method: 'GET',
	url: `${GRAPH}${PATH}`,
	headers: { Authorization: 'Bearer test-access-token-value' },
};

function setup(options: { random?: () => number; maxAttempts?: number; maxDelayMs?: number } = {}) {
	const transport = createAxiosTransport();
	const sleep = recordingSleep();
	const clock = manualClock();
	const run = () =>
		withRetry(() => transport.request(request), {
			sleep,
			clock,
			random: options.random ?? (() => 0.5),
			maxAttempts: options.maxAttempts,
			maxDelayMs: options.maxDelayMs,
			request: { method: request.method, url: request.url },
		});
	return { transport, sleep, clock, run };
}

const throttledBody = {
	error: {
		code: 'TooManyRequests',
		message: 'Please retry again later.',
		innerError: { code: '429', 'request-id': '94fb3b52-452a-4535-a601-69e0a90e3aa2' },
	},
};

describe('withRetry', () => {
	it('waits the integer Retry-After of a 429, then returns the success', async () => {
		const scope = nock(GRAPH)
			.get(PATH)
			.reply(429, throttledBody, { 'Retry-After': '10' })
			.get(PATH)
			.reply(200, { value: [] });
		const { sleep, run } = setup();

		const response = await run();

		expect(response.status).toBe(200);
		expect(response.body).toEqual({ value: [] });
		expect(sleep.waits).toEqual([10_000]);
		expect(scope.isDone()).toBe(true);
	});

	it('reads fractional Retry-After seconds', async () => {
		nock(GRAPH)
			.get(PATH)
			.reply(429, throttledBody, { 'Retry-After': '2.128' })
			.get(PATH)
			.reply(200, {});
		const { sleep, run } = setup();
		await run();
		expect(sleep.waits).toEqual([2_128]);
	});

	it('reads an HTTP-date Retry-After relative to the injected clock', async () => {
		const { sleep, clock, run } = setup();
		const at = new Date(clock.now() + 30_000).toUTCString();
		nock(GRAPH).get(PATH).reply(503, 'busy', { 'Retry-After': at }).get(PATH).reply(200, {});
		await run();
		expect(sleep.waits).toEqual([30_000]);
	});

	it('waits no longer than the cap when Retry-After is larger', async () => {
		nock(GRAPH)
			.get(PATH)
			.reply(429, throttledBody, { 'Retry-After': '120' })
			.get(PATH)
			.reply(200, {});
		const { sleep, run } = setup();
		await run();
		expect(sleep.waits).toEqual([60_000]);
	});

	it('backs off exponentially with full jitter when there is no Retry-After', async () => {
		nock(GRAPH)
			.get(PATH)
			.reply(503)
			.get(PATH)
			.reply(504)
			.get(PATH)
			.replyWithError(socketError('ECONNRESET', 'read ECONNRESET'))
			.get(PATH)
			.reply(200, { ok: true });
		const { sleep, run } = setup({ random: () => 0.5 });

		const response = await run();

		expect(response.body).toEqual({ ok: true });
		// base 1 s: ceilings 1 s, 2 s, 4 s; jitter 0.5
		expect(sleep.waits).toEqual([500, 1_000, 2_000]);
	});

	it('gives up after five tries with a throttled error carrying retryAfterMs', async () => {
		const scope = nock(GRAPH).get(PATH).times(5).reply(429, throttledBody, { 'Retry-After': '7' });
		const { sleep, run } = setup();

		const error = await run().catch((e: unknown) => e);

		expect(error).toBeInstanceOf(DefenderError);
		expect(error).toMatchObject({
			kind: 'throttled',
			status: 429,
			code: 'TooManyRequests',
			retryAfterMs: 7_000,
			requestId: '94fb3b52-452a-4535-a601-69e0a90e3aa2',
		});
		expect((error as Error).message).toContain('after 5 attempts');
		expect(sleep.waits).toEqual([7_000, 7_000, 7_000, 7_000]);
		expect(scope.isDone()).toBe(true);
	});

	it('raises a server error when 503 persists', async () => {
		nock(GRAPH)
			.get(PATH)
			.times(3)
			.reply(503, { error: { code: 'ServiceUnavailable', message: 'x' } });
		const { run, sleep } = setup({ maxAttempts: 3 });
		await expect(run()).rejects.toMatchObject({ kind: 'server', status: 503 });
		expect(sleep.waits).toHaveLength(2);
	});

	it('retries "socket hang up" and raises a network error when it never recovers', async () => {
		nock(GRAPH).get(PATH).times(3).replyWithError('socket hang up');
		const { run, sleep } = setup({ maxAttempts: 3, random: () => 0 });

		const error = await run().catch((e: unknown) => e);

		expect(error).toMatchObject({ kind: 'network' });
		expect((error as Error).message).toBe(
			`No response from the API to ${GRAPH}${PATH} after 3 attempts.`,
		);
		expect(sleep.waits).toEqual([0, 0]);
		expect(JSON.stringify(error)).not.toContain('test-access-token-value');
	});

	it.each(['ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'])('retries %s', async (code) => {
		nock(GRAPH).get(PATH).replyWithError(socketError(code)).get(PATH).reply(200, {});
		const { run, sleep } = setup();
		await expect(run()).resolves.toMatchObject({ status: 200 });
		expect(sleep.waits).toEqual([500]);
	});

	it('does not retry a DNS failure and does not leak the request in the error', async () => {
		nock(GRAPH)
			.get(PATH)
			.replyWithError(socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND graph.microsoft.com'));
		const { run, sleep } = setup();

		const error = await run().catch((e: unknown) => e);

		expect(error).toMatchObject({ kind: 'network', code: 'ENOTFOUND' });
		expect(sleep.waits).toEqual([]);
		expect(JSON.stringify(error)).not.toContain('test-access-token-value');
		expect((error as { cause?: unknown }).cause).toBeUndefined();
	});

	it('returns other error statuses untouched for the caller to map', async () => {
		nock(GRAPH)
			.get(PATH)
			.reply(400, { error: { code: 'BadRequest', message: 'bad filter' } });
		const { run, sleep } = setup();
		const response = await run();
		expect(response.status).toBe(400);
		expect(sleep.waits).toEqual([]);
	});

	it('passes a DefenderError thrown by the wrapped function through without retrying', async () => {
		const sleep = recordingSleep();
		const failure = new DefenderError('auth', 'no token');
		await expect(withRetry(() => Promise.reject(failure), { sleep })).rejects.toBe(failure);
		expect(sleep.waits).toEqual([]);
	});
});

describe('backoffDelay', () => {
	it('caps the exponential ceiling', () => {
		const almostOne = () => 0.999999;
		const waits = [1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, almostOne, 1_000, 3_000));
		expect(waits).toEqual([999, 1_999, 2_999, 2_999, 2_999]);
	});
});
