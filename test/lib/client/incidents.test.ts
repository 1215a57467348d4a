import { GRAPH, GRAPH_HOST, alert, graphScope, incident, makeClient } from './helpers';

const INCIDENTS = '/v1.0/security/incidents';

describe('incidents', () => {
	it('listIncidentsPage clamps $top to 50 and parses the page', async () => {
		const scope = graphScope()
			.get(INCIDENTS)
			.query({ $filter: "status eq 'active'", $top: '50' })
			.reply(200, { value: [incident('1'), incident('2')] });
		const { client } = makeClient();

		const page = await client.listIncidentsPage({ filter: "status eq 'active'", top: 100 });

		expect(page.items.map((i) => i.id)).toEqual(['1', '2']);
		expect(scope.isDone()).toBe(true);
	});

	it('getIncident can expand alerts', async () => {
		const scope = graphScope()
			.get(`${INCIDENTS}/2972395`)
			.query({ $expand: 'alerts' })
			.reply(200, incident('2972395', { alerts: [alert('a1'), alert('a2')] }))
			.get(`${INCIDENTS}/2972395`)
			.reply(200, incident('2972395'));
		const { client } = makeClient();

		const expanded = await client.getIncident('2972395', { expandAlerts: true });
		const plain = await client.getIncident('2972395');

		expect(expanded.alerts?.map((a) => a.id)).toEqual(['a1', 'a2']);
		expect(plain.alerts).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('listIncidentAlerts follows nextLinks and returns every alert', async () => {
		const next = `${GRAPH}/security/incidents/7/alerts?$skiptoken=abc%3D%3D`;
		const scope = graphScope()
			.get(`${INCIDENTS}/7/alerts`)
			.reply(200, { value: [alert('a1')], '@odata.nextLink': next })
			.get(`${INCIDENTS}/7/alerts`)
			.query({ $skiptoken: 'abc==' })
			.reply(200, { value: [alert('a2')] });
		const { client } = makeClient();

		expect((await client.listIncidentAlerts('7')).map((a) => a.id)).toEqual(['a1', 'a2']);
		expect(scope.isDone()).toBe(true);
	});

	it('updateIncident sends every supported field, normalised', async () => {
		const body = {
			status: 'resolved',
			severity: 'high',
			classification: 'informationalExpectedActivity',
			determination: 'confirmedActivity',
			assignedTo: 'soc@contoso.example',
			customTags: ['Demo', 'n8n'],
			displayName: 'Renamed',
			description: 'Described',
			summary: 'Summed up',
			resolvingComment: 'Expected admin activity',
		};
		const scope = graphScope()
			.matchHeader('content-type', 'application/json')
			.patch(`${INCIDENTS}/5`, body)
			.reply(200, incident('5', body));
		const { client } = makeClient();

		const updated = await client.updateIncident('5', {
			...body,
			status: 'Resolved',
			determination: 'confirmedUserActivity',
		});

		expect(updated).toMatchObject({ id: '5', status: 'resolved', customTags: ['Demo', 'n8n'] });
		expect(scope.isDone()).toBe(true);
	});

	it('updateIncident validates before sending', async () => {
		const { client } = makeClient();
		await expect(client.updateIncident('5', { status: 'new' })).rejects.toMatchObject({
			kind: 'validation',
			message:
				"incident status cannot be 'new'. Allowed values: active, resolved, inProgress, redirected, awaitingAction.",
		});
		await expect(client.updateIncident('5', { customTags: 'one' as never })).rejects.toMatchObject({
			message: 'customTags must be a list of text tags.',
		});
		await expect(
			client.updateIncident('5', { classification: 'truePositive', determination: 'notMalicious' }),
		).rejects.toMatchObject({
			message:
				"Determination 'notMalicious' does not go with classification 'truePositive'. Valid determinations for truePositive: multiStagedAttack, maliciousUserActivity, compromisedAccount, malware, phishing, unwantedSoftware, other.",
		});
	});

	it('addIncidentComment posts the comment and returns the list', async () => {
		const scope = graphScope()
			.post(`${INCIDENTS}/5/comments`, {
				'@odata.type': 'microsoft.graph.security.alertComment',
				comment: 'Escalated',
			})
			.reply(200, { value: [{ comment: 'Escalated', createdDateTime: '2025-01-15T10:00:00Z' }] });
		const { client } = makeClient();

		expect(await client.addIncidentComment('5', 'Escalated')).toEqual([
			{ comment: 'Escalated', createdDateTime: '2025-01-15T10:00:00Z' },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('uses the Graph base URL of the credential (another cloud)', async () => {
		const { DefenderClient } = await import('../../../lib/client/DefenderClient');
		const { createAxiosTransport, recordingSleep } = await import('../http/axiosTransport');
		const nock = (await import('nock')).default;
		const scope = nock('https://dod-graph.microsoft.us')
			.get('/v1.0/security/incidents/9')
			.reply(200, incident('9'));
		const client = new DefenderClient({
			transport: createAxiosTransport(),
			endpoints: {
				graphBaseUrl: 'https://dod-graph.microsoft.us/v1.0/',
				mdeBaseUrl: 'https://api-gov.securitycenter.microsoft.us/api',
			},
			sleep: recordingSleep(),
		});

		expect((await client.getIncident('9')).id).toBe('9');
		expect(client.graphBaseUrl).toBe('https://dod-graph.microsoft.us/v1.0');
		expect(scope.isDone()).toBe(true);
		expect(GRAPH_HOST).not.toBe('https://dod-graph.microsoft.us');
	});
});
