import { GRAPH, graph, graphError, incident, jsonOf, runNode, runNodeError } from '../helpers';

const base = { resource: 'incident', operation: 'getMany' };

describe('Defender › Incident › Get Many', () => {
	it('sends the filters and clamps $top to 50 (graph-api.md §3.2)', async () => {
		const scope = graph()
			.get('/v1.0/security/incidents')
			.query({
				$filter:
					"status eq 'active' and (severity eq 'high' or severity eq 'medium') and classification eq 'truePositive' and determination eq 'compromisedAccount'",
				$top: 50,
			})
			.reply(200, { value: [incident('1'), incident('2')] });
		const items = await runNode({
			parameters: {
				...base,
				returnAll: false,
				limit: 200,
				filters: {
					status: ['active'],
					severity: ['high', 'medium'],
					classification: ['truePositive'],
					determination: ['compromisedUser'],
				},
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items).map((json) => json.id)).toEqual(['1', '2']);
	});

	it('pages through nextLinks with Return All', async () => {
		const scope = graph()
			.get('/v1.0/security/incidents')
			.query({ $top: 50 })
			.reply(200, {
				value: [incident('1')],
				'@odata.nextLink': `${GRAPH}/security/incidents?$top=50&$skip=50`,
			})
			.get('/v1.0/security/incidents')
			.query({ $top: 50, $skip: 50 })
			.reply(200, { value: [incident('2')] });
		const items = await runNode({ parameters: { ...base, returnAll: true } });
		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(2);
	});

	it('names SecurityIncident.Read.All on 403', async () => {
		graph()
			.get('/v1.0/security/incidents')
			.query(true)
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const error = await runNodeError({ parameters: { ...base, returnAll: true } });
		expect(error.description).toContain('SecurityIncident.Read.All');
	});

	it('refuses an unknown status value before any request', async () => {
		const error = await runNodeError({
			parameters: { ...base, returnAll: true, filters: { status: ['closed'] } },
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toContain("'closed'");
	});
});
