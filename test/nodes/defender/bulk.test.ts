import type { IDataObject } from 'n8n-workflow';

import {
	alert,
	batchEndpoint,
	commentList,
	graph,
	graphError,
	incident,
	jsonOf,
	pairing,
	runNode,
	runNodeError,
	type BatchCall,
} from './helpers';

const resolveParameters = {
	resource: 'alert',
	operation: 'resolve',
	classification: 'truePositive',
	determination: 'malware',
	comment: 'Contained by SOC',
};

function ids(count: number, prefix = 'a'): string[] {
	return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

/** One item per alert id; the node reads Alert ID per item. */
function perItem(alertIds: string[]) {
	return {
		items: alertIds.map((alertId) => ({ alertId })),
		itemParameters: alertIds.map((alertId) => ({ alertId })),
	};
}

function idFromUrl(url: string): string {
	return decodeURIComponent(url.split('/')[3] ?? '');
}

/** Graph as it answers a resolve + comment: the alert for PATCH, the comment list for POST. */
function answerResolve(request: BatchCall['requests'][number]) {
	const id = idFromUrl(request.url);
	if (request.method === 'PATCH') {
		return { status: 200, body: alert(id, { ...request.body, status: 'resolved' }) };
	}
	return { status: 200, body: commentList(String(request.body?.comment)) };
}

describe('Defender › bulk writes through JSON $batch', () => {
	it('resolves 50 alerts with a comment in 2 rounds of ceil(50 / 20) = 6 $batch calls, results per item', async () => {
		const alertIds = ids(50);
		const { calls, scope } = batchEndpoint(answerResolve, 6);
		const items = await runNode({ parameters: resolveParameters, ...perItem(alertIds) });
		expect(scope.isDone()).toBe(true);
		// Round 1: 50 PATCHes in 20 + 20 + 10; round 2: the 50 comments, likewise.
		expect(calls.map((call) => call.requests.length)).toEqual([20, 20, 10, 20, 20, 10]);
		expect(calls.slice(0, 3).flatMap((c) => c.requests.map((r) => r.method))).toEqual(
			Array(50).fill('PATCH'),
		);
		expect(calls.slice(3).flatMap((c) => c.requests.map((r) => r.method))).toEqual(
			Array(50).fill('POST'),
		);
		expect(items).toHaveLength(50);
		expect(pairing(items)).toEqual(alertIds.map((_, item) => ({ item })));
		jsonOf(items).forEach((json, i) => {
			expect(json.id).toBe(alertIds[i]);
			expect(json.status).toBe('resolved');
			expect(json.comments).toEqual([expect.objectContaining({ comment: 'Contained by SOC' })]);
		});
	});

	it('sends each inner request as Graph documents it (graph-api.md §7.3)', async () => {
		const { calls } = batchEndpoint(answerResolve, 2);
		await runNode({ parameters: resolveParameters, ...perItem(['x/1', 'a1']) });
		const [patches, comments] = calls as [BatchCall, BatchCall];
		expect(patches.requests).toEqual([
			{
				id: '1',
				method: 'PATCH',
				url: '/security/alerts_v2/x%2F1',
				headers: { Prefer: 'include-unknown-enum-members', 'Content-Type': 'application/json' },
				body: { status: 'resolved', classification: 'truePositive', determination: 'malware' },
			},
			{
				id: '2',
				method: 'PATCH',
				url: '/security/alerts_v2/a1',
				headers: { Prefer: 'include-unknown-enum-members', 'Content-Type': 'application/json' },
				body: { status: 'resolved', classification: 'truePositive', determination: 'malware' },
			},
		]);
		expect(comments.requests.map((r) => [r.method, r.url, r.body])).toEqual([
			[
				'POST',
				'/security/alerts_v2/x%2F1/comments',
				{ '@odata.type': 'microsoft.graph.security.alertComment', comment: 'Contained by SOC' },
			],
			[
				'POST',
				'/security/alerts_v2/a1/comments',
				{ '@odata.type': 'microsoft.graph.security.alertComment', comment: 'Contained by SOC' },
			],
		]);
	});

	it('with Continue On Fail reports a failed resolve on its own item and sends no comment for it', async () => {
		const alertIds = ids(25);
		const { calls } = batchEndpoint((request) => {
			if (request.method === 'PATCH' && idFromUrl(request.url) === 'a3') {
				return { status: 404, body: graphError('NotFound', 'Alert a3 not found') };
			}
			if (request.method === 'PATCH' && idFromUrl(request.url) === 'a21') {
				return { status: 403, body: graphError('Forbidden', 'Missing application permission') };
			}
			return answerResolve(request);
		}, 4);
		const items = await runNode({
			parameters: resolveParameters,
			...perItem(alertIds),
			continueOnFail: true,
		});
		expect(calls.map((call) => call.requests.length)).toEqual([20, 5, 20, 3]);
		const commented = calls.slice(2).flatMap((c) => c.requests.map((r) => idFromUrl(r.url)));
		expect(commented).not.toContain('a3');
		expect(commented).not.toContain('a21');
		expect(commented).toHaveLength(23);

		expect(items).toHaveLength(25);
		expect(pairing(items)).toEqual(alertIds.map((_, item) => ({ item })));
		const json = jsonOf(items);
		expect(json[3]).toMatchObject({
			kind: 'notFound',
			status: 404,
			error: 'Alert a3: The alert was not found (404 Not Found).',
		});
		expect(json[21]).toMatchObject({ kind: 'forbidden', status: 403 });
		expect(String(json[21]?.hint)).toContain('SecurityAlert.ReadWrite.All');
		expect(String(json[21]?.hint)).toContain('grant admin consent');
		expect(json[4]?.id).toBe('a4');
		expect(json.filter((j) => j.error)).toHaveLength(2);
	});

	it('without Continue On Fail throws the first failed item after its $batch call and sends nothing more', async () => {
		const alertIds = ids(45);
		const { calls } = batchEndpoint((request) => {
			if (idFromUrl(request.url) === 'a25') {
				return { status: 404, body: graphError('NotFound', 'gone') };
			}
			return answerResolve(request);
		}, 5);
		const error = await runNodeError({ parameters: resolveParameters, ...perItem(alertIds) });
		// PATCH calls 1 (a0–a19) and 2 (a20–a39, with the failure); then it stops.
		expect(calls).toHaveLength(2);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('404');
		expect((error.context as IDataObject).itemIndex).toBe(25);
	});

	it('fails an item with a bad parameter before any request, or makes it an error item', async () => {
		const { calls } = batchEndpoint(answerResolve, 2);
		const params = {
			parameters: resolveParameters,
			items: [{}, {}, {}],
			itemParameters: [
				{ alertId: 'a0' },
				{ alertId: 'a1', determination: 'notMalicious' },
				{ alertId: 'a2' },
			],
		};
		const error = await runNodeError(params);
		expect(calls).toHaveLength(0);
		expect(error.message).toContain("Determination 'notMalicious' does not go with classification");
		expect((error.context as IDataObject).itemIndex).toBe(1);

		const items = await runNode({ ...params, continueOnFail: true });
		expect(calls.map((call) => call.requests.map((r) => idFromUrl(r.url)))).toEqual([
			['a0', 'a2'],
			['a0', 'a2'],
		]);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(jsonOf(items)[1]?.error).toContain('Valid determinations for truePositive');
		expect(jsonOf(items)[2]?.id).toBe('a2');
	});

	it('retries an inner 429 after its Retry-After', async () => {
		let throttled = false;
		const { calls } = batchEndpoint((request) => {
			if (!throttled && idFromUrl(request.url) === 'a1') {
				throttled = true;
				return {
					status: 429,
					headers: { 'retry-after': '0' },
					body: graphError('TooManyRequests', 'Please retry again later.'),
				};
			}
			return answerResolve(request);
		}, 3);
		const items = await runNode({
			parameters: { ...resolveParameters, comment: '' },
			...perItem(['a0', 'a1', 'a2']),
		});
		expect(calls.map((call) => call.requests.map((r) => idFromUrl(r.url)))).toEqual([
			['a0', 'a1', 'a2'],
			['a1'],
		]);
		expect(jsonOf(items).map((json) => json.status)).toEqual(['resolved', 'resolved', 'resolved']);
	});

	it('sends one request per call when Batch Requests is off', async () => {
		const scope = graph()
			.patch('/v1.0/security/alerts_v2/a0')
			.reply(200, alert('a0', { status: 'resolved' }))
			.patch('/v1.0/security/alerts_v2/a1')
			.reply(200, alert('a1', { status: 'resolved' }));
		const batch = graph().post('/v1.0/$batch').reply(500);
		const items = await runNode({
			parameters: { ...resolveParameters, comment: '', options: { batchRequests: false } },
			...perItem(['a0', 'a1']),
		});
		expect(scope.isDone()).toBe(true);
		expect(batch.isDone()).toBe(false);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('does not batch a single item', async () => {
		const scope = graph()
			.patch('/v1.0/security/alerts_v2/a0')
			.reply(200, alert('a0'))
			.post('/v1.0/security/alerts_v2/a0/comments')
			.reply(200, commentList('Contained by SOC'));
		await runNode({ parameters: resolveParameters, ...perItem(['a0']) });
		expect(scope.isDone()).toBe(true);
	});

	it('batches incident tag updates: reads in one round, writes in the next', async () => {
		const { calls } = batchEndpoint((request) => {
			const id = idFromUrl(request.url);
			if (request.method === 'GET')
				return { status: 200, body: incident(id, { customTags: ['old'] }) };
			return { status: 200, body: incident(id, request.body as IDataObject) };
		}, 2);
		const items = await runNode({
			parameters: { resource: 'incident', operation: 'update', updateFields: { addTags: 'vip' } },
			items: [{}, {}, {}],
			itemParameters: [{ incidentId: '1' }, { incidentId: '2' }, { incidentId: '3' }],
		});
		expect(calls.map((call) => call.requests.map((r) => `${r.method} ${r.url}`))).toEqual([
			['GET /security/incidents/1', 'GET /security/incidents/2', 'GET /security/incidents/3'],
			['PATCH /security/incidents/1', 'PATCH /security/incidents/2', 'PATCH /security/incidents/3'],
		]);
		expect(calls[1]?.requests[0]?.body).toEqual({ customTags: ['old', 'vip'] });
		expect(jsonOf(items).map((json) => json.customTags)).toEqual([
			['old', 'vip'],
			['old', 'vip'],
			['old', 'vip'],
		]);
	});

	it('names SecurityIncident.ReadWrite.All for an incident write refused inside a batch', async () => {
		batchEndpoint(() => ({ status: 403, body: graphError('Forbidden', 'Missing permission') }));
		const items = await runNode({
			parameters: { resource: 'incident', operation: 'addComment', comment: 'x' },
			items: [{}, {}],
			itemParameters: [{ incidentId: '1' }, { incidentId: '2' }],
			continueOnFail: true,
		});
		for (const json of jsonOf(items)) {
			expect(json).toMatchObject({ kind: 'forbidden', status: 403 });
			expect(String(json.hint)).toContain('SecurityIncident.ReadWrite.All');
		}
	});
});
