import type { IDataObject } from 'n8n-workflow';

import {
	ALERT_ID,
	alert,
	batchEndpoint,
	commentList,
	graph,
	graphError,
	incident,
	jsonOf,
	pairing,
	runNode,
	runNodeError,
	type BatchCall,
} from '../helpers';

const base = { resource: 'case', operation: 'syncDisposition', caseSystem: 'TheHive' };
const ALERT_PATH = `/v1.0/security/alerts_v2/${encodeURIComponent(ALERT_ID)}`;

/** A case as a case system might hold it after ingesting a normalized Defender alert. */
function alertCase(fields: IDataObject = {}): IDataObject {
	return {
		id: 'case-42',
		title: 'Suspicious PowerShell',
		resolution: 'FalsePositive',
		source: 'defender',
		sourceRef: ALERT_ID,
		extraData: { source: 'defender', sourceType: 'alert', defenderAlertId: ALERT_ID },
		...fields,
	};
}

const COMMENT = 'Case case-42 closed in TheHive with resolution: FalsePositive';

function commentBody(comment: string) {
	return { '@odata.type': 'microsoft.graph.security.alertComment', comment };
}

describe('Defender › Case › Sync Closed Case to Defender', () => {
	it('reads the alert, resolves it with the mapped classification and adds the audit comment', async () => {
		const scope = graph()
			.get(ALERT_PATH)
			.reply(200, alert(ALERT_ID, { status: 'inProgress' }))
			.patch(ALERT_PATH, { status: 'resolved', classification: 'falsePositive' })
			.reply(200, alert(ALERT_ID, { status: 'resolved', classification: 'falsePositive' }))
			.post(`${ALERT_PATH}/comments`, commentBody(COMMENT))
			.reply(200, commentList(COMMENT));
		const items = await runNode({ parameters: base, items: [alertCase()] });
		expect(scope.isDone()).toBe(true);
		expect(pairing(items)).toEqual([{ item: 0 }]);
		expect(jsonOf(items)[0]).toEqual({
			...alertCase(),
			defenderSync: {
				status: 'synced',
				caseId: 'case-42',
				resolution: 'FalsePositive',
				classification: 'falsePositive',
				comment: COMMENT,
				idRule: 'idFields',
				entities: [{ type: 'alert', id: ALERT_ID, actions: ['resolved', 'commented'] }],
			},
		});
	});

	it('changes nothing when the alert is already resolved the same way with the comment', async () => {
		const read = graph()
			.get(ALERT_PATH)
			.reply(
				200,
				alert(ALERT_ID, {
					status: 'resolved',
					classification: 'falsePositive',
					determination: 'notMalicious',
					comments: [{ comment: COMMENT, createdByDisplayName: 'app' }],
				}),
			);
		const writes = graph()
			.patch(ALERT_PATH)
			.reply(200, {})
			.post(`${ALERT_PATH}/comments`)
			.reply(200, {});
		const items = await runNode({ parameters: base, items: [alertCase()] });
		expect(read.isDone()).toBe(true);
		expect(writes.pendingMocks()).toHaveLength(2);
		expect((jsonOf(items)[0]?.defenderSync as IDataObject).entities).toEqual([
			{ type: 'alert', id: ALERT_ID, actions: ['alreadyResolved', 'commentExisted'] },
		]);
	});

	it('only adds the comment to an alert someone already resolved the same way', async () => {
		const scope = graph()
			.get(ALERT_PATH)
			.reply(200, alert(ALERT_ID, { status: 'resolved', classification: 'falsePositive' }))
			.post(`${ALERT_PATH}/comments`, commentBody(COMMENT))
			.reply(200, commentList(COMMENT));
		const patch = graph().patch(ALERT_PATH).reply(200, {});
		const items = await runNode({ parameters: base, items: [alertCase()] });
		expect(scope.isDone()).toBe(true);
		expect(patch.isDone()).toBe(false);
		expect((jsonOf(items)[0]?.defenderSync as IDataObject).entities).toEqual([
			{ type: 'alert', id: ALERT_ID, actions: ['alreadyResolved', 'commented'] },
		]);
	});

	describe('id resolution through the node', () => {
		it('rule 2: sourceRef incident:<id> when extraData.source is defender', async () => {
			const scope = graph()
				.get('/v1.0/security/incidents/2972395')
				.reply(200, incident('2972395'))
				.patch('/v1.0/security/incidents/2972395', {
					status: 'resolved',
					classification: 'truePositive',
				})
				.reply(200, incident('2972395', { status: 'resolved' }))
				.post(
					'/v1.0/security/incidents/2972395/comments',
					commentBody('Case 7 closed in TheHive with resolution: TruePositive'),
				)
				.reply(200, commentList('x'));
			const items = await runNode({
				parameters: base,
				items: [
					{
						id: 7,
						resolution: 'TruePositive',
						sourceRef: 'incident:2972395',
						extraData: { source: 'defender' },
					},
				],
			});
			expect(scope.isDone()).toBe(true);
			expect(jsonOf(items)[0]?.defenderSync).toMatchObject({
				idRule: 'defenderSourceRef',
				entities: [{ type: 'incident', id: '2972395', actions: ['resolved', 'commented'] }],
			});
		});

		it('rule 3: a sourceRef starting with da from another source', async () => {
			const scope = graph()
				.get('/v1.0/security/alerts_v2/da0001_5')
				.reply(200, alert('da0001_5'))
				.patch('/v1.0/security/alerts_v2/da0001_5')
				.reply(200, alert('da0001_5'))
				.post('/v1.0/security/alerts_v2/da0001_5/comments')
				.reply(200, commentList('x'));
			const items = await runNode({
				parameters: base,
				items: [
					{
						id: 'c1',
						resolution: 'TruePositive',
						sourceRef: 'da0001_5',
						extraData: { source: 'sentinel' },
					},
				],
			});
			expect(scope.isDone()).toBe(true);
			expect(jsonOf(items)[0]?.defenderSync).toMatchObject({ idRule: 'alertIdSourceRef' });
		});

		it('passes a case without Defender ids through, marked skipped, with no request', async () => {
			const items = await runNode({
				parameters: base,
				items: [
					{
						id: 'c9',
						resolution: 'TruePositive',
						sourceRef: 'SPL-1',
						extraData: { source: 'splunk' },
					},
				],
			});
			expect(jsonOf(items)[0]).toEqual({
				id: 'c9',
				resolution: 'TruePositive',
				sourceRef: 'SPL-1',
				extraData: { source: 'splunk' },
				defenderSync: {
					status: 'skipped',
					reason:
						'No Defender alert or incident id in extraData.defenderAlertId, extraData.defenderIncidentId, sourceRef',
					entities: [],
				},
			});
		});

		it('reads configured field paths', async () => {
			const scope = graph()
				.get('/v1.0/security/incidents/5')
				.reply(200, incident('5'))
				.patch('/v1.0/security/incidents/5')
				.reply(200, incident('5'))
				.post(
					'/v1.0/security/incidents/5/comments',
					commentBody('Case T-1 closed in TheHive with resolution: NoImpact'),
				)
				.reply(200, commentList('x'));
			await runNode({
				parameters: {
					...base,
					caseIdField: 'ticket.key',
					resolutionField: 'ticket.outcome',
					options: { incidentIdField: 'links.defenderIncident', alertIdField: '' },
				},
				items: [
					{
						ticket: { key: 'T-1', outcome: 'NoImpact' },
						links: { defenderIncident: '5' },
						extraData: { defenderAlertId: 'ignored' },
					},
				],
			});
			expect(scope.isDone()).toBe(true);
		});
	});

	it('maps every default resolution row, in one batched execution', async () => {
		const cases = [
			['TruePositive', 'truePositive'],
			['FalsePositive', 'falsePositive'],
			['Duplicate', 'informationalExpectedActivity'],
			['NoImpact', 'informationalExpectedActivity'],
			['Indeterminate', 'truePositive'],
			['', 'truePositive'],
		];
		const { calls } = batchEndpoint((request) => {
			const id = decodeURIComponent(request.url.split('/')[3] ?? '');
			if (request.method === 'GET') return { status: 200, body: alert(id) };
			if (request.method === 'PATCH') return { status: 200, body: alert(id, request.body) };
			return { status: 200, body: commentList(String(request.body?.comment)) };
		}, 3);
		const items = await runNode({
			parameters: base,
			items: cases.map(([resolution], i) => ({
				id: `c${i}`,
				resolution,
				extraData: { defenderAlertId: `a${i}` },
			})),
		});
		expect(calls.map((call) => call.requests[0]?.method)).toEqual(['GET', 'PATCH', 'POST']);
		const patches = (calls[1] as BatchCall).requests;
		expect(patches.map((r) => [r.url, r.body?.classification])).toEqual(
			cases.map(([, classification], i) => [`/security/alerts_v2/a${i}`, classification]),
		);
		expect((calls[2] as BatchCall).requests[5]?.body?.comment).toBe(
			'Case c5 closed in TheHive with resolution: none',
		);
		expect(pairing(items)).toEqual(cases.map((_, item) => ({ item })));
	});

	it('uses an edited mapping with determinations, and the fallback determination', async () => {
		const { calls } = batchEndpoint((request) => {
			const id = decodeURIComponent(request.url.split('/')[3] ?? '');
			if (request.method === 'GET') return { status: 200, body: alert(id) };
			return { status: 200, body: alert(id, request.body) };
		}, 2);
		await runNode({
			parameters: {
				...base,
				commentTemplate: '',
				resolutionMapping: {
					rules: [
						{
							resolution: 'Pentest',
							classification: 'informationalExpectedActivity',
							determination: 'securityTesting',
						},
					],
				},
				otherClassification: 'falsePositive',
				otherDetermination: 'clean',
			},
			items: [
				{ id: 'c1', resolution: 'pentest', extraData: { defenderAlertId: 'a1' } },
				{ id: 'c2', resolution: 'TruePositive', extraData: { defenderAlertId: 'a2' } },
			],
		});
		// No comment template: GETs, then PATCHes, no comments.
		expect(calls).toHaveLength(2);
		expect((calls[1] as BatchCall).requests.map((r) => r.body)).toEqual([
			{
				status: 'resolved',
				classification: 'informationalExpectedActivity',
				determination: 'securityTesting',
			},
			{ status: 'resolved', classification: 'falsePositive', determination: 'notMalicious' },
		]);
	});

	it('fails an item whose mapping row has an invalid pair, before any request', async () => {
		const read = graph().get(ALERT_PATH).reply(200, alert(ALERT_ID));
		const error = await runNodeError({
			parameters: {
				...base,
				resolutionMapping: {
					rules: [
						{
							resolution: 'FalsePositive',
							classification: 'falsePositive',
							determination: 'malware',
						},
					],
				},
			},
			items: [alertCase()],
		});
		expect(read.isDone()).toBe(false);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toContain('Valid determinations for falsePositive: notMalicious');
	});

	describe('close options', () => {
		const linked = {
			id: 'c1',
			resolution: 'TruePositive',
			extraData: { defenderAlertId: 'a1', defenderIncidentId: '9' },
		};

		it('makes no call when neither is on', async () => {
			const items = await runNode({
				parameters: { ...base, closeAlerts: false, closeIncidents: false },
				items: [linked],
			});
			expect(jsonOf(items)[0]?.defenderSync).toEqual({
				status: 'skipped',
				reason: 'Close Alerts on Case Close and Close Incidents on Case Close are both off',
				entities: [],
			});
		});

		it('only touches alerts when incidents are off, reporting the incident as skipped', async () => {
			const scope = graph()
				.get('/v1.0/security/alerts_v2/a1')
				.reply(200, alert('a1'))
				.patch('/v1.0/security/alerts_v2/a1')
				.reply(200, alert('a1'))
				.post('/v1.0/security/alerts_v2/a1/comments')
				.reply(200, commentList('x'));
			const items = await runNode({
				parameters: { ...base, closeAlerts: true, closeIncidents: false },
				items: [linked],
			});
			expect(scope.isDone()).toBe(true);
			expect((jsonOf(items)[0]?.defenderSync as IDataObject).entities).toEqual([
				{ type: 'alert', id: 'a1', actions: ['resolved', 'commented'] },
				{
					type: 'incident',
					id: '9',
					actions: ['skipped'],
					reason: 'Close Incidents on Case Close is off',
				},
			]);
		});

		it('skips the case when the only linked entity type is off', async () => {
			const items = await runNode({
				parameters: { ...base, closeAlerts: false, closeIncidents: true },
				items: [{ id: 'c1', extraData: { defenderAlertId: 'a1' } }],
			});
			expect(jsonOf(items)[0]?.defenderSync).toEqual({
				status: 'skipped',
				reason: 'Close Alerts on Case Close is off',
				entities: [
					{
						type: 'alert',
						id: 'a1',
						actions: ['skipped'],
						reason: 'Close Alerts on Case Close is off',
					},
				],
			});
		});
	});

	it('skips a merged incident with the incident it went to', async () => {
		const read = graph()
			.get('/v1.0/security/incidents/9')
			.reply(200, incident('9', { status: 'redirected', redirectIncidentId: '12' }));
		const items = await runNode({
			parameters: base,
			items: [{ id: 'c1', extraData: { defenderIncidentId: '9' } }],
		});
		expect(read.isDone()).toBe(true);
		expect(jsonOf(items)[0]?.defenderSync).toMatchObject({
			status: 'skipped',
			reason: 'No linked entity could be resolved',
			entities: [
				{
					type: 'incident',
					id: '9',
					actions: ['skipped'],
					reason: 'Incident was merged into incident 12',
				},
			],
		});
	});

	it('fails the case when a linked alert is gone; with Continue On Fail only that case', async () => {
		graph().get('/v1.0/security/alerts_v2/gone').reply(404, graphError('NotFound', 'No alert'));
		const error = await runNodeError({
			parameters: base,
			items: [{ id: 'c1', extraData: { defenderAlertId: 'gone' } }],
		});
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('Alert gone: The alert was not found (404 Not Found).');

		graph().get('/v1.0/security/alerts_v2/gone').reply(404, graphError('NotFound', 'No alert'));
		const items = await runNode({
			parameters: base,
			items: [{ id: 'c1', extraData: { defenderAlertId: 'gone' } }, { id: 'c2' }],
			continueOnFail: true,
		});
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(jsonOf(items)[0]).toMatchObject({ kind: 'notFound', status: 404 });
		expect(jsonOf(items)[1]?.defenderSync).toMatchObject({ status: 'skipped' });
	});

	it('names the write permission when resolving is refused', async () => {
		graph()
			.get(ALERT_PATH)
			.reply(200, alert(ALERT_ID))
			.patch(ALERT_PATH)
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const error = await runNodeError({ parameters: base, items: [alertCase()] });
		expect(error.description).toContain('SecurityAlert.ReadWrite.All');
		expect(error.description).toContain('grant admin consent');
	});

	it('needs Case System when the template uses {system}', async () => {
		const error = await runNodeError({
			parameters: { ...base, caseSystem: '' },
			items: [alertCase()],
		});
		expect(error.message).toBe('The comment needs {system}, but it is empty for this item.');
	});
});
