import { alert, graph, graphError, jsonOf, pairing, runNode, runNodeError } from '../helpers';

const base = { resource: 'alert', operation: 'update', alertId: 'a1' };

describe('Defender › Alert › Update', () => {
	it('PATCHes only the fields given and returns the updated alert', async () => {
		const scope = graph()
			.patch('/v1.0/security/alerts_v2/a1', {
				status: 'inProgress',
				classification: 'truePositive',
				determination: 'malware',
				assignedTo: 'secops@contoso.com',
			})
			.matchHeader('content-type', /application\/json/)
			.reply(200, alert('a1', { status: 'inProgress', classification: 'truePositive' }));
		const items = await runNode({
			parameters: {
				...base,
				updateFields: {
					status: 'inProgress',
					classification: 'truePositive',
					determination: 'malware',
					assignedTo: ' secops@contoso.com ',
				},
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({ id: 'a1', status: 'inProgress', classification: 'truePositive' }),
		]);
		expect(pairing(items)).toEqual([{ item: 0 }]);
	});

	it('unassigns with an empty Assigned To', async () => {
		const scope = graph()
			.patch('/v1.0/security/alerts_v2/a1', { assignedTo: null })
			.reply(200, alert('a1'));
		await runNode({ parameters: { ...base, updateFields: { assignedTo: '' } } });
		expect(scope.isDone()).toBe(true);
	});

	it('sends the CSDL name for a doc alias of a determination', async () => {
		const scope = graph()
			.patch('/v1.0/security/alerts_v2/a1', {
				classification: 'truePositive',
				determination: 'compromisedAccount',
			})
			.reply(200, alert('a1'));
		await runNode({
			parameters: {
				...base,
				updateFields: { classification: 'truePositive', determination: 'compromisedUser' },
			},
		});
		expect(scope.isDone()).toBe(true);
	});

	it('fails an invalid pair before any request, listing the valid determinations', async () => {
		const scope = graph().patch('/v1.0/security/alerts_v2/a1').reply(200, alert('a1'));
		const error = await runNodeError({
			parameters: {
				...base,
				updateFields: { classification: 'falsePositive', determination: 'malware' },
			},
		});
		expect(scope.isDone()).toBe(false);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			"Determination 'malware' does not go with classification 'falsePositive'. Valid determinations for falsePositive: notMalicious, notEnoughDataToValidate, other.",
		);
	});

	it('fails a determination without classification', async () => {
		const error = await runNodeError({
			parameters: { ...base, updateFields: { determination: 'malware' } },
		});
		expect(error.message).toBe('A determination needs a classification.');
	});

	it('fails when no field is given', async () => {
		const error = await runNodeError({ parameters: { ...base, updateFields: {} } });
		expect(error.message).toBe('Nothing to update.');
		expect(error.description).toContain('Update Fields');
	});

	it('names SecurityAlert.ReadWrite.All and admin consent on 403', async () => {
		graph()
			.patch('/v1.0/security/alerts_v2/a1')
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const error = await runNodeError({
			parameters: { ...base, updateFields: { status: 'resolved' } },
		});
		expect(error.httpCode).toBe('403');
		expect(error.description).toContain(
			'Add the Microsoft Graph application permission SecurityAlert.ReadWrite.All to the app registration, then grant admin consent in Entra ID > App registrations > API permissions.',
		);
	});

	it('reports 404 as not found', async () => {
		graph().patch('/v1.0/security/alerts_v2/a1').reply(404, graphError('NotFound', 'No alert'));
		const error = await runNodeError({
			parameters: { ...base, updateFields: { status: 'resolved' } },
		});
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('404');
	});

	it('retries a 429 and then succeeds', async () => {
		const scope = graph()
			.patch('/v1.0/security/alerts_v2/a1', { status: 'resolved' })
			.reply(429, graphError('TooManyRequests', 'Please retry again later.'), {
				'Retry-After': '0',
			})
			.patch('/v1.0/security/alerts_v2/a1', { status: 'resolved' })
			.reply(200, alert('a1', { status: 'resolved' }));
		const items = await runNode({ parameters: { ...base, updateFields: { status: 'resolved' } } });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]?.status).toBe('resolved');
	});
});
