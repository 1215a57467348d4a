import { commentList, graph, graphError, jsonOf, runNode, runNodeError } from '../helpers';

const base = { resource: 'alert', operation: 'addComment', alertId: 'a1', comment: 'Looked at it' };

describe('Defender › Alert › Add Comment', () => {
	it('POSTs the comment and returns the whole comment list', async () => {
		const scope = graph()
			.post('/v1.0/security/alerts_v2/a1/comments', {
				'@odata.type': 'microsoft.graph.security.alertComment',
				comment: 'Looked at it',
			})
			.reply(200, commentList('earlier', 'Looked at it'));
		const items = await runNode({ parameters: base });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			{
				alertId: 'a1',
				comments: [
					expect.objectContaining({ comment: 'earlier' }),
					expect.objectContaining({ comment: 'Looked at it' }),
				],
			},
		]);
	});

	it('fails an empty comment before any request', async () => {
		const error = await runNodeError({ parameters: { ...base, comment: ' ' } });
		expect(error.message).toBe('Comment is empty.');
	});

	it('names SecurityAlert.ReadWrite.All on 403', async () => {
		graph()
			.post('/v1.0/security/alerts_v2/a1/comments')
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const error = await runNodeError({ parameters: base });
		expect(error.description).toContain('SecurityAlert.ReadWrite.All');
	});

	it('reports 404', async () => {
		graph().post('/v1.0/security/alerts_v2/a1/comments').reply(404, graphError('NotFound', 'x'));
		const error = await runNodeError({ parameters: base });
		expect(error.httpCode).toBe('404');
	});

	it('retries a 429', async () => {
		const scope = graph()
			.post('/v1.0/security/alerts_v2/a1/comments')
			.reply(429, graphError('TooManyRequests', 'later'), { 'Retry-After': '0' })
			.post('/v1.0/security/alerts_v2/a1/comments')
			.reply(200, commentList('Looked at it'));
		await runNode({ parameters: base });
		expect(scope.isDone()).toBe(true);
	});
});
