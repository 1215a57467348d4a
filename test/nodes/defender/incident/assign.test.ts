import { graph, graphError, incident, jsonOf, runNode, runNodeError } from '../helpers';

const base = { resource: 'incident', operation: 'assign', incidentId: '42' };

describe('Defender › Incident › Assign or Unassign', () => {
	it('assigns the owner', async () => {
		const scope = graph()
			.patch('/v1.0/security/incidents/42', { assignedTo: 'tier2@contoso.com' })
			.reply(200, incident('42', { assignedTo: 'tier2@contoso.com' }));
		const items = await runNode({
			parameters: { ...base, assignment: 'assign', assignTo: 'tier2@contoso.com' },
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]?.assignedTo).toBe('tier2@contoso.com');
	});

	it('unassigns with null', async () => {
		const scope = graph()
			.patch('/v1.0/security/incidents/42', { assignedTo: null })
			.reply(200, incident('42'));
		await runNode({ parameters: { ...base, assignment: 'unassign' } });
		expect(scope.isDone()).toBe(true);
	});

	it('needs an owner to assign', async () => {
		const error = await runNodeError({
			parameters: { ...base, assignment: 'assign', assignTo: '' },
		});
		expect(error.message).toBe('Assign To is empty.');
	});

	it('names SecurityIncident.ReadWrite.All on 403, reports 404, retries 429', async () => {
		const parameters = { ...base, assignment: 'unassign' };
		graph()
			.patch('/v1.0/security/incidents/42')
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		expect((await runNodeError({ parameters })).description).toContain(
			'SecurityIncident.ReadWrite.All',
		);
		graph().patch('/v1.0/security/incidents/42').reply(404, graphError('NotFound', 'x'));
		expect((await runNodeError({ parameters })).httpCode).toBe('404');
		const scope = graph()
			.patch('/v1.0/security/incidents/42')
			.reply(429, graphError('TooManyRequests', 'later'), { 'Retry-After': '0' })
			.patch('/v1.0/security/incidents/42')
			.reply(200, incident('42'));
		await runNode({ parameters });
		expect(scope.isDone()).toBe(true);
	});
});
