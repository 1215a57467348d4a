import type { BatchRequest } from '../../../lib/client/batch';
import { DefenderError } from '../../../lib/errors';
import { graphError, graphScope, makeClient } from './helpers';

const BATCH = '/v1.0/$batch';
const PREFER = { Prefer: 'include-unknown-enum-members' };

function patchRequest(i: number): BatchRequest {
	return { method: 'PATCH', url: `/security/alerts_v2/a${i}`, body: { status: 'inProgress' } };
}

function innerPatch(i: number, id: number) {
	return {
		id: String(id),
		method: 'PATCH',
		url: `/security/alerts_v2/a${i}`,
		headers: { ...PREFER, 'Content-Type': 'application/json' },
		body: { status: 'inProgress' },
	};
}

function ok(id: number, i: number) {
	return {
		id: String(id),
		status: 200,
		headers: { 'Content-Type': 'application/json' },
		body: { id: `a${i}` },
	};
}

describe('batch', () => {
	it('sends at most 20 requests per $batch and returns results in input order', async () => {
		const requests = Array.from({ length: 45 }, (_, i) => patchRequest(i));
		const chunks = [
			Array.from({ length: 20 }, (_, k) => k),
			Array.from({ length: 20 }, (_, k) => 20 + k),
			Array.from({ length: 5 }, (_, k) => 40 + k),
		];
		const scope = graphScope().matchHeader('content-type', 'application/json');
		for (const chunk of chunks) {
			scope
				.post(BATCH, { requests: chunk.map((i, k) => innerPatch(i, k + 1)) })
				// answers arrive in reverse order
				.reply(200, { responses: chunk.map((i, k) => ok(k + 1, i)).reverse() });
		}
		const { client } = makeClient();

		const results = await client.batch(requests);

		expect(results).toHaveLength(45);
		expect(results.map((r) => (r.body as { id: string }).id)).toEqual(
			requests.map((_, i) => `a${i}`),
		);
		expect(results.every((r) => r.status === 200 && r.error === undefined)).toBe(true);
		expect(results[0]?.headers).toEqual({ 'content-type': 'application/json' });
		expect(scope.isDone()).toBe(true);
	});

	it('sends GETs without a body or Content-Type', async () => {
		const scope = graphScope()
			.post(BATCH, {
				requests: [{ id: '1', method: 'GET', url: '/security/incidents/5', headers: PREFER }],
			})
			.reply(200, { responses: [{ id: '1', status: 200, body: { id: '5' } }] });
		const { client } = makeClient();

		expect(await client.batch([{ method: 'GET', url: '/security/incidents/5' }])).toEqual([
			{ status: 200, headers: {}, body: { id: '5' } },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('retries only the inner requests that were throttled, after their Retry-After', async () => {
		const scope = graphScope()
			.post(BATCH, { requests: [innerPatch(0, 1), innerPatch(1, 2), innerPatch(2, 3)] })
			.reply(200, {
				responses: [
					ok(1, 0),
					{
						id: '2',
						status: 429,
						headers: { 'Retry-After': '4' },
						body: graphError('TooManyRequests', 'x'),
					},
					{
						id: '3',
						status: 429,
						headers: { 'retry-after': '9' },
						body: graphError('TooManyRequests', 'x'),
					},
				],
			})
			.post(BATCH, { requests: [innerPatch(1, 1), innerPatch(2, 2)] })
			.reply(200, { responses: [ok(2, 2), ok(1, 1)] });
		const { client, sleep } = makeClient();

		const results = await client.batch([patchRequest(0), patchRequest(1), patchRequest(2)]);

		expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
		expect(results.map((r) => (r.body as { id: string }).id)).toEqual(['a0', 'a1', 'a2']);
		expect(sleep.waits).toEqual([9_000]);
		expect(scope.isDone()).toBe(true);
	});

	it('gives up on a request that stays throttled, with a throttled error in its result', async () => {
		const throttled = {
			id: '1',
			status: 429,
			headers: { 'Retry-After': '1' },
			body: graphError('TooManyRequests', 'x'),
		};
		graphScope()
			.post(BATCH)
			.times(2)
			.reply(200, { responses: [throttled] });
		const { client, sleep } = makeClient({ maxAttempts: 2 });

		const [result] = await client.batch([patchRequest(0)]);

		expect(result?.status).toBe(429);
		expect(result?.error).toBeInstanceOf(DefenderError);
		expect(result?.error).toMatchObject({ kind: 'throttled', retryAfterMs: 1_000 });
		expect(sleep.waits).toEqual([1_000]);
	});

	it('maps inner failures to typed errors with the right hints', async () => {
		graphScope()
			.post(BATCH)
			.reply(200, {
				responses: [
					{ id: '2', status: 404, body: graphError('NotFound', 'No alert') },
					{
						id: '1',
						status: 403,
						body: {
							error: {
								code: '',
								message: 'You do not have the required permissions to access this item.',
							},
						},
					},
				],
			});
		const { client } = makeClient();

		const [forbidden, missing] = await client.batch([
			{ method: 'PATCH', url: '/security/incidents/5', body: { status: 'resolved' } },
			{ method: 'GET', url: '/security/alerts_v2/nope' },
		]);

		expect(forbidden?.error).toMatchObject({ kind: 'forbidden', code: undefined });
		expect(forbidden?.error?.hint).toContain('SecurityIncident.ReadWrite.All');
		expect(missing?.error).toMatchObject({
			kind: 'notFound',
			message: 'The alert was not found (404 Not Found).',
		});
	});

	it('reports a request the batch answer left out', async () => {
		graphScope()
			.post(BATCH)
			.reply(200, { responses: [{ id: '1', status: 204 }] });
		const { client } = makeClient();

		const results = await client.batch([patchRequest(0), patchRequest(1)]);

		expect(results[0]).toEqual({ status: 204, headers: {}, body: undefined });
		expect(results[1]?.error).toMatchObject({
			kind: 'server',
			message: 'The batch answer has no response for request 2.',
		});
	});

	it('refuses absolute URLs and unknown methods before sending', async () => {
		const { client } = makeClient();
		await expect(
			client.batch([{ method: 'GET', url: 'https://graph.microsoft.com/v1.0/security/incidents' }]),
		).rejects.toMatchObject({
			kind: 'validation',
			message:
				'Batch request 1 must use a URL relative to the Graph version, e.g. /security/alerts_v2/{id}.',
		});
		await expect(client.batch([{ method: 'HEAD' as never, url: '/x' }])).rejects.toMatchObject({
			kind: 'validation',
		});
	});

	it('returns an empty list for no requests without calling Graph', async () => {
		const { client } = makeClient();
		expect(await client.batch([])).toEqual([]);
	});
});
