import {
	alert,
	graph,
	graphError,
	GRAPH,
	jsonOf,
	pairing,
	runNode,
	runNodeError,
} from '../helpers';

const base = { resource: 'alert', operation: 'getMany' };

describe('Defender › Alert › Get Many', () => {
	it('sends the filters as one $filter and $top = limit', async () => {
		const scope = graph()
			.get('/v1.0/security/alerts_v2')
			.query({
				$filter:
					"((status eq 'new' or status eq 'inProgress') and severity eq 'high' and serviceSource eq 'microsoftDefenderForEndpoint' and assignedTo eq 'o''brien@contoso.com' and createdDateTime ge 2026-01-01T00:00:00Z) and lastUpdateDateTime ge 2026-01-02T00:00:00Z",
				$top: 5,
			})
			.reply(200, { value: [alert('a1'), alert('a2')] });
		const items = await runNode({
			parameters: {
				...base,
				returnAll: false,
				limit: 5,
				filters: {
					status: ['new', 'inProgress'],
					severity: ['high'],
					serviceSource: ['microsoftDefenderForEndpoint'],
					assignedTo: "o'brien@contoso.com",
					createdAfter: '2026-01-01T00:00:00Z',
					updatedAfter: '2026-01-02T00:00:00Z',
				},
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items).map((json) => json.id)).toEqual(['a1', 'a2']);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('follows @odata.nextLink with Return All', async () => {
		const scope = graph()
			.get('/v1.0/security/alerts_v2')
			.query({ $top: 1000 })
			.reply(200, {
				value: [alert('a1')],
				'@odata.nextLink': `${GRAPH}/security/alerts_v2?$top=1000&$skiptoken=page2`,
			})
			.get('/v1.0/security/alerts_v2')
			.query({ $top: 1000, $skiptoken: 'page2' })
			.reply(200, { value: [alert('a2')] });
		const items = await runNode({ parameters: { ...base, returnAll: true, filters: {} } });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items).map((json) => json.id)).toEqual(['a1', 'a2']);
	});

	it('stops at the limit even when more pages exist', async () => {
		const scope = graph()
			.get('/v1.0/security/alerts_v2')
			.query({ $top: 2 })
			.reply(200, {
				value: [alert('a1'), alert('a2')],
				'@odata.nextLink': `${GRAPH}/security/alerts_v2?$top=2&$skiptoken=more`,
			});
		const items = await runNode({ parameters: { ...base, returnAll: false, limit: 2 } });
		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(2);
	});

	it('checks category in n8n (Graph cannot), counting only matches towards the limit', async () => {
		const scope = graph()
			.get('/v1.0/security/alerts_v2')
			.query({ $top: 1000 })
			.reply(200, {
				value: [
					alert('a1', { category: 'Malware' }),
					alert('a2', { category: 'Discovery' }),
					alert('a3', { category: 'execution' }),
				],
				'@odata.nextLink': `${GRAPH}/security/alerts_v2?$top=1000&$skiptoken=p2`,
			})
			.get('/v1.0/security/alerts_v2')
			.query({ $top: 1000, $skiptoken: 'p2' })
			.reply(200, {
				value: [alert('a4', { category: 'Malware' }), alert('a5', { category: 'Malware' })],
			});
		const items = await runNode({
			parameters: {
				...base,
				returnAll: false,
				limit: 3,
				filters: { category: 'Malware, Execution' },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items).map((json) => json.id)).toEqual(['a1', 'a3', 'a4']);
	});

	it('refuses a bad date before any request', async () => {
		const error = await runNodeError({
			parameters: { ...base, returnAll: true, filters: { createdAfter: 'last tuesday' } },
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/createdDateTime/);
	});

	it('names the permission on 403', async () => {
		graph()
			.get('/v1.0/security/alerts_v2')
			.query(true)
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const error = await runNodeError({ parameters: { ...base, returnAll: true } });
		expect(error.description).toContain('SecurityAlert.Read.All');
	});
});
