import { graph, graphError, incident, jsonOf, runNode, runNodeError } from '../helpers';

const base = { resource: 'incident', operation: 'update', incidentId: '42' };

describe('Defender › Incident › Update', () => {
	it('PATCHes every plain field and replaces tags as given', async () => {
		const body = {
			status: 'inProgress',
			severity: 'low',
			displayName: 'Phishing wave',
			description: 'Several users clicked',
			summary: 'Credential phishing',
			resolvingComment: 'n/a',
			assignedTo: 'tier2@contoso.com',
			classification: 'truePositive',
			determination: 'phishing',
			customTags: ['phish', 'wave-3'],
		};
		const scope = graph()
			.patch('/v1.0/security/incidents/42', body)
			.reply(200, incident('42', body));
		const items = await runNode({
			parameters: {
				...base,
				updateFields: { ...body, customTags: undefined, replaceTags: 'phish, wave-3, phish' },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({ id: '42', customTags: ['phish', 'wave-3'] });
	});

	it('clears all tags with an empty Replace', async () => {
		const scope = graph()
			.patch('/v1.0/security/incidents/42', { customTags: [] })
			.reply(200, incident('42'));
		await runNode({ parameters: { ...base, updateFields: { replaceTags: '' } } });
		expect(scope.isDone()).toBe(true);
	});

	it('adds and removes tags by reading the incident first and sending the full list', async () => {
		const scope = graph()
			.get('/v1.0/security/incidents/42')
			.reply(200, incident('42', { customTags: ['keep', 'Old', 'also'] }))
			.patch('/v1.0/security/incidents/42', {
				status: 'active',
				customTags: ['keep', 'also', 'new'],
			})
			.reply(200, incident('42', { customTags: ['keep', 'also', 'new'] }));
		const items = await runNode({
			parameters: {
				...base,
				updateFields: { status: 'active', addTags: 'new, keep', removeTags: 'old' },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]?.customTags).toEqual(['keep', 'also', 'new']);
	});

	it('sends no PATCH when adding tags the incident already has', async () => {
		const read = graph()
			.get('/v1.0/security/incidents/42')
			.reply(200, incident('42', { customTags: ['a', 'b'] }));
		const patch = graph().patch('/v1.0/security/incidents/42').reply(200, incident('42'));
		const items = await runNode({ parameters: { ...base, updateFields: { addTags: 'b' } } });
		expect(read.isDone()).toBe(true);
		expect(patch.isDone()).toBe(false);
		expect(jsonOf(items)[0]?.customTags).toEqual(['a', 'b']);
	});

	it('refuses Replace together with Add or Remove', async () => {
		const error = await runNodeError({
			parameters: { ...base, updateFields: { replaceTags: 'x', addTags: 'y' } },
		});
		expect(error.message).toBe(
			'Replace Custom Tags cannot be combined with Add or Remove Custom Tags.',
		);
	});

	it('checks the other fields before reading for tags', async () => {
		const read = graph().get('/v1.0/security/incidents/42').reply(200, incident('42'));
		const error = await runNodeError({
			parameters: {
				...base,
				updateFields: { addTags: 'x', classification: 'falsePositive', determination: 'phishing' },
			},
		});
		expect(read.isDone()).toBe(false);
		expect(error.message).toContain('Valid determinations for falsePositive');
	});

	it('fails when no field is given', async () => {
		const error = await runNodeError({ parameters: { ...base, updateFields: {} } });
		expect(error.message).toBe('Nothing to update.');
	});

	it('names SecurityIncident.ReadWrite.All and admin consent on 403', async () => {
		graph()
			.patch('/v1.0/security/incidents/42')
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const error = await runNodeError({
			parameters: { ...base, updateFields: { severity: 'high' } },
		});
		expect(error.description).toContain(
			'Add the Microsoft Graph application permission SecurityIncident.ReadWrite.All to the app registration, then grant admin consent',
		);
	});

	it('reports 404 of the read and retries 429', async () => {
		graph().get('/v1.0/security/incidents/42').reply(404, graphError('NotFound', 'x'));
		const error = await runNodeError({ parameters: { ...base, updateFields: { addTags: 'x' } } });
		expect(error.httpCode).toBe('404');

		const scope = graph()
			.patch('/v1.0/security/incidents/42', { severity: 'high' })
			.reply(429, graphError('TooManyRequests', 'later'), { 'Retry-After': '0' })
			.patch('/v1.0/security/incidents/42', { severity: 'high' })
			.reply(200, incident('42'));
		await runNode({ parameters: { ...base, updateFields: { severity: 'high' } } });
		expect(scope.isDone()).toBe(true);
	});
});
