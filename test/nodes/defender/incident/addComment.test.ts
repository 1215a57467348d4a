import { commentList, graph, graphError, jsonOf, runNode, runNodeError } from '../helpers';

const base = {
	resource: 'incident',
	operation: 'addComment',
	incidentId: '42',
	comment: 'Escalated',
};

describe('Defender › Incident › Add Comment', () => {
	it('POSTs the comment and returns the comment list', async () => {
		const scope = graph()
			.post('/v1.0/security/incidents/42/comments', {
				'@odata.type': 'microsoft.graph.security.alertComment',
				comment: 'Escalated',
			})
			.reply(200, commentList('Escalated'));
		const items = await runNode({ parameters: base });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			{ incidentId: '42', comments: [expect.objectContaining({ comment: 'Escalated' })] },
		]);
	});

	it('names SecurityIncident.ReadWrite.All on 403, reports 404, retries 429', async () => {
		graph()
			.post('/v1.0/security/incidents/42/comments')
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		expect((await runNodeError({ parameters: base })).description).toContain(
			'SecurityIncident.ReadWrite.All',
		);
		graph().post('/v1.0/security/incidents/42/comments').reply(404, graphError('NotFound', 'x'));
		expect((await runNodeError({ parameters: base })).httpCode).toBe('404');
		const scope = graph()
			.post('/v1.0/security/incidents/42/comments')
			.reply(429, graphError('TooManyRequests', 'later'), { 'Retry-After': '0' })
			.post('/v1.0/security/incidents/42/comments')
			.reply(200, commentList('Escalated'));
		await runNode({ parameters: base });
		expect(scope.isDone()).toBe(true);
	});
});
