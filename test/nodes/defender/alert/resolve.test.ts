import { alert, commentList, graph, graphError, jsonOf, runNode, runNodeError } from '../helpers';

const base = {
	resource: 'alert',
	operation: 'resolve',
	alertId: 'a1',
	classification: 'falsePositive',
	determination: 'notMalicious',
	comment: 'Benign admin script',
};

describe('Defender › Alert › Resolve', () => {
	it('resolves with the verdict, then comments; the output carries the new comments', async () => {
		const scope = graph()
			.patch('/v1.0/security/alerts_v2/a1', {
				status: 'resolved',
				classification: 'falsePositive',
				determination: 'notMalicious',
			})
			.reply(200, alert('a1', { status: 'resolved', classification: 'falsePositive' }))
			.post('/v1.0/security/alerts_v2/a1/comments', {
				'@odata.type': 'microsoft.graph.security.alertComment',
				comment: 'Benign admin script',
			})
			.reply(200, commentList('Benign admin script'));
		const items = await runNode({ parameters: base });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({
			id: 'a1',
			status: 'resolved',
			comments: [expect.objectContaining({ comment: 'Benign admin script' })],
		});
	});

	it('sends no comment when none is given, and no determination when left unchanged', async () => {
		const scope = graph()
			.patch('/v1.0/security/alerts_v2/a1', { status: 'resolved', classification: 'truePositive' })
			.reply(200, alert('a1', { status: 'resolved' }));
		await runNode({
			parameters: { ...base, classification: 'truePositive', determination: '', comment: '' },
		});
		expect(scope.isDone()).toBe(true);
	});

	it('does not comment when resolving fails', async () => {
		graph()
			.patch('/v1.0/security/alerts_v2/a1')
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const comment = graph().post('/v1.0/security/alerts_v2/a1/comments').reply(200, commentList());
		const error = await runNodeError({ parameters: base });
		expect(comment.isDone()).toBe(false);
		expect(error.description).toContain('SecurityAlert.ReadWrite.All');
	});

	it('fails an invalid pair before any request', async () => {
		const scope = graph().patch('/v1.0/security/alerts_v2/a1').reply(200, alert('a1'));
		const error = await runNodeError({
			parameters: { ...base, classification: 'truePositive', determination: 'notMalicious' },
		});
		expect(scope.isDone()).toBe(false);
		expect(error.message).toContain('Valid determinations for truePositive: multiStagedAttack');
	});

	it('needs a classification', async () => {
		const error = await runNodeError({
			parameters: { ...base, classification: '', determination: '' },
		});
		expect(error.message).toBe('Classification is empty.');
	});

	it('reports 404 and 429 that does not stop', async () => {
		graph().patch('/v1.0/security/alerts_v2/a1').reply(404, graphError('NotFound', 'x'));
		expect((await runNodeError({ parameters: base })).httpCode).toBe('404');
		graph()
			.patch('/v1.0/security/alerts_v2/a1')
			.times(5)
			.reply(429, graphError('TooManyRequests', 'later'), { 'Retry-After': '0' });
		expect((await runNodeError({ parameters: base })).httpCode).toBe('429');
	});
});
