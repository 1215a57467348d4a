import { alert, graph, graphError, incident, jsonOf, runNode, runNodeError } from '../helpers';

const base = { resource: 'incident', operation: 'get', incidentId: '2972395' };

describe('Defender › Incident › Get', () => {
	it('gets the incident without its alerts by default', async () => {
		const scope = graph()
			.get('/v1.0/security/incidents/2972395')
			.query({})
			.reply(200, incident('2972395'));
		const items = await runNode({ parameters: base });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([expect.objectContaining({ id: '2972395', status: 'active' })]);
	});

	it('expands the alerts when asked', async () => {
		const scope = graph()
			.get('/v1.0/security/incidents/2972395')
			.query({ $expand: 'alerts' })
			.reply(200, incident('2972395', { alerts: [alert('a1'), alert('a2')] }));
		const items = await runNode({ parameters: { ...base, includeAlerts: true } });
		expect(scope.isDone()).toBe(true);
		expect((jsonOf(items)[0]?.alerts as Array<{ id: string }>).map((a) => a.id)).toEqual([
			'a1',
			'a2',
		]);
	});

	it('refuses an id that is not a number before any request', async () => {
		const error = await runNodeError({ parameters: { ...base, incidentId: 'INC-7' } });
		expect(error.message).toBe("Incident ID 'INC-7' is not a Defender incident ID.");
	});

	it('names SecurityIncident.Read.All on 403, reports 404, and retries 429', async () => {
		graph()
			.get('/v1.0/security/incidents/2972395')
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const forbidden = await runNodeError({ parameters: base });
		expect(forbidden.description).toContain('SecurityIncident.Read.All');
		expect(forbidden.description).toContain('grant admin consent');

		graph().get('/v1.0/security/incidents/2972395').reply(404, graphError('NotFound', 'x'));
		expect((await runNodeError({ parameters: base })).httpCode).toBe('404');

		const scope = graph()
			.get('/v1.0/security/incidents/2972395')
			.reply(429, graphError('TooManyRequests', 'later'), { 'Retry-After': '0' })
			.get('/v1.0/security/incidents/2972395')
			.reply(200, incident('2972395'));
		await runNode({ parameters: base });
		expect(scope.isDone()).toBe(true);
	});
});
