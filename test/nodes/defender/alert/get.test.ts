import {
	ALERT_ID,
	alert,
	graph,
	graphError,
	jsonOf,
	pairing,
	runNode,
	runNodeError,
} from '../helpers';

const parameters = { resource: 'alert', operation: 'get', alertId: ALERT_ID };

describe('Defender › Alert › Get', () => {
	it('gets the alert by id', async () => {
		const scope = graph()
			.get(`/v1.0/security/alerts_v2/${encodeURIComponent(ALERT_ID)}`)
			.reply(200, alert(ALERT_ID, { severity: 'high' }));
		const items = await runNode({ parameters });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([expect.objectContaining({ id: ALERT_ID, severity: 'high' })]);
		expect(pairing(items)).toEqual([{ item: 0 }]);
	});

	it('reads the id per item and pairs each output with its input', async () => {
		const scope = graph()
			.get('/v1.0/security/alerts_v2/a1')
			.reply(200, alert('a1'))
			.get('/v1.0/security/alerts_v2/a2')
			.reply(200, alert('a2'));
		const items = await runNode({
			parameters,
			items: [{}, {}],
			itemParameters: [{ alertId: 'a1' }, { alertId: ' a2 ' }],
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items).map((json) => json.id)).toEqual(['a1', 'a2']);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('fails an empty id before any request', async () => {
		const error = await runNodeError({ parameters: { ...parameters, alertId: '  ' } });
		expect(error.message).toBe('Alert ID is empty.');
		expect(error.constructor.name).toBe('NodeOperationError');
	});

	it('encodes the id so it cannot change the path', async () => {
		const scope = graph()
			.get('/v1.0/security/alerts_v2/..%2Fincidents%2F1')
			.reply(404, graphError('NotFound', 'Alert not found'));
		const error = await runNodeError({ parameters: { ...parameters, alertId: '../incidents/1' } });
		expect(scope.isDone()).toBe(true);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('404');
	});

	it('names the read permission on 403', async () => {
		graph()
			.get(`/v1.0/security/alerts_v2/${encodeURIComponent(ALERT_ID)}`)
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const error = await runNodeError({ parameters });
		expect(error.httpCode).toBe('403');
		expect(error.description).toContain('SecurityAlert.Read.All');
		expect(error.description).toContain('grant admin consent');
	});

	it('retries a 429 after its Retry-After, then returns the alert', async () => {
		const scope = graph()
			.get(`/v1.0/security/alerts_v2/${encodeURIComponent(ALERT_ID)}`)
			.reply(429, graphError('TooManyRequests', 'Please retry again later.'), {
				'Retry-After': '0',
			})
			.get(`/v1.0/security/alerts_v2/${encodeURIComponent(ALERT_ID)}`)
			.reply(200, alert(ALERT_ID));
		const items = await runNode({ parameters });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]?.id).toBe(ALERT_ID);
	});

	it('reports a 429 that does not stop as throttled', async () => {
		const scope = graph()
			.get(`/v1.0/security/alerts_v2/${encodeURIComponent(ALERT_ID)}`)
			.times(5)
			.reply(429, graphError('TooManyRequests', 'Please retry again later.'), {
				'Retry-After': '0',
			});
		const error = await runNodeError({ parameters });
		expect(scope.isDone()).toBe(true);
		expect(error.httpCode).toBe('429');
		expect(error.message).toMatch(/after 5 attempts/);
	});

	it('turns a failed item into an error item with Continue On Fail', async () => {
		graph()
			.get('/v1.0/security/alerts_v2/missing')
			.reply(404, graphError('NotFound', 'Alert not found'))
			.get('/v1.0/security/alerts_v2/a2')
			.reply(200, alert('a2'));
		const items = await runNode({
			parameters,
			items: [{}, {}],
			itemParameters: [{ alertId: 'missing' }, { alertId: 'a2' }],
			continueOnFail: true,
		});
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(jsonOf(items)[0]).toMatchObject({ kind: 'notFound', status: 404 });
		expect(jsonOf(items)[1]?.id).toBe('a2');
	});
});
