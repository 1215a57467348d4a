import {
	commentList,
	graph,
	graphError,
	incident,
	jsonOf,
	runNode,
	runNodeError,
} from '../helpers';

const base = {
	resource: 'incident',
	operation: 'resolve',
	incidentId: '42',
	classification: 'informationalExpectedActivity',
	determination: 'securityTesting',
	comment: 'Red team exercise',
};

describe('Defender › Incident › Resolve', () => {
	it('resolves with verdict and resolving comment, then adds the comment', async () => {
		const scope = graph()
			.patch('/v1.0/security/incidents/42', {
				status: 'resolved',
				classification: 'informationalExpectedActivity',
				determination: 'securityTesting',
				resolvingComment: 'Planned test',
			})
			.reply(200, incident('42', { status: 'resolved' }))
			.post('/v1.0/security/incidents/42/comments', {
				'@odata.type': 'microsoft.graph.security.alertComment',
				comment: 'Red team exercise',
			})
			.reply(200, commentList('Red team exercise'));
		const items = await runNode({
			parameters: { ...base, options: { resolvingComment: 'Planned test' } },
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({
			id: '42',
			status: 'resolved',
			comments: [expect.objectContaining({ comment: 'Red team exercise' })],
		});
	});

	it('does not comment when resolving fails, and names the permission', async () => {
		graph()
			.patch('/v1.0/security/incidents/42')
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const comment = graph().post('/v1.0/security/incidents/42/comments').reply(200, commentList());
		const error = await runNodeError({ parameters: base });
		expect(comment.isDone()).toBe(false);
		expect(error.description).toContain('SecurityIncident.ReadWrite.All');
	});

	it('fails an invalid pair before any request', async () => {
		const error = await runNodeError({
			parameters: { ...base, classification: 'falsePositive', determination: 'securityTesting' },
		});
		expect(error.message).toBe(
			"Determination 'securityTesting' does not go with classification 'falsePositive'. Valid determinations for falsePositive: notMalicious, notEnoughDataToValidate, other.",
		);
	});

	it('reports 404 and retries 429', async () => {
		graph().patch('/v1.0/security/incidents/42').reply(404, graphError('NotFound', 'x'));
		expect((await runNodeError({ parameters: base })).httpCode).toBe('404');
		const scope = graph()
			.patch('/v1.0/security/incidents/42')
			.reply(429, graphError('TooManyRequests', 'later'), { 'Retry-After': '0' })
			.patch('/v1.0/security/incidents/42')
			.reply(200, incident('42', { status: 'resolved' }))
			.post('/v1.0/security/incidents/42/comments')
			.reply(200, commentList('Red team exercise'));
		await runNode({ parameters: base });
		expect(scope.isDone()).toBe(true);
	});
});
