import { DefenderError } from '../../../lib/errors';
import { filterFor } from '../../../lib/odata/filter';
import { GRAPH, alert, graphError, graphScope, makeClient } from './helpers';

const ALERTS = '/v1.0/security/alerts_v2';

describe('alerts', () => {
	it('listAlertsPage sends the filter, order and page size and parses the page', async () => {
		const f = filterFor('alerts');
		const filter = f.and(
			f.ge('lastUpdateDateTime', '2025-01-15T00:00:00Z'),
			f.inList('severity', ['high', 'medium']),
		).text;
		const scope = graphScope()
			.get(ALERTS)
			.query({ $filter: filter, $orderby: 'lastUpdateDateTime asc', $top: '100', $count: 'true' })
			.reply(200, {
				'@odata.context': `${GRAPH}/$metadata#security/alerts_v2`,
				'@odata.count': 2,
				value: [alert('a1'), alert('a2', { severity: 'medium' })],
			});
		const { client } = makeClient();

		const page = await client.listAlertsPage({
			filter,
			orderBy: 'lastUpdateDateTime asc',
			top: 100,
			count: true,
		});

		expect(page.items.map((a) => a.id)).toEqual(['a1', 'a2']);
		expect(page.items[1]?.severity).toBe('medium');
		expect(page.count).toBe(2);
		expect(page.nextLink).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('asks for 1000 alerts when no page size is given, and clamps larger sizes', async () => {
		const scope = graphScope()
			.get(ALERTS)
			.query({ $top: '1000' })
			.reply(200, { value: [] })
			.get(ALERTS)
			.query({ $top: '1000' })
			.reply(200, { value: [] });
		const { client } = makeClient();

		await client.listAlertsPage();
		await client.listAlertsPage({ top: 5000 });
		expect(scope.isDone()).toBe(true);
	});

	it('keeps hostile filter values inside their literal on the wire', async () => {
		const hostile = "x') or (status eq 'new";
		const scope = graphScope()
			.get(ALERTS)
			.query({ $filter: "assignedTo eq 'x'') or (status eq ''new'", $top: '1000' })
			.reply(200, { value: [] });
		const { client } = makeClient();

		await client.listAlertsPage({ filter: filterFor('alerts').eq('assignedTo', hostile).text });
		expect(scope.isDone()).toBe(true);
	});

	it('getAlert encodes the id and returns the alert with evidence', async () => {
		const scope = graphScope()
			.get(`${ALERTS}/da637551227677560813_-961444813`)
			.reply(
				200,
				alert('da637551227677560813_-961444813', {
					evidence: [
						{ '@odata.type': '#microsoft.graph.security.ipEvidence', ipAddress: '127.0.0.1' },
					],
				}),
			);
		const { client } = makeClient();

		const result = await client.getAlert(' da637551227677560813_-961444813 ');

		expect(result.id).toBe('da637551227677560813_-961444813');
		expect(result.evidence).toEqual([
			{ '@odata.type': '#microsoft.graph.security.ipEvidence', ipAddress: '127.0.0.1' },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('getAlert cannot be steered to another path', async () => {
		const scope = graphScope()
			.get(`${ALERTS}/..%2Fincidents%2F1`)
			.reply(404, graphError('NotFound', 'x'));
		const { client } = makeClient();

		await expect(client.getAlert('../incidents/1')).rejects.toMatchObject({ kind: 'notFound' });
		await expect(client.getAlert('..')).rejects.toMatchObject({ kind: 'validation' });
		await expect(client.getAlert('')).rejects.toMatchObject({
			kind: 'validation',
			message: 'The alert ID is empty or invalid.',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('updateAlert PATCHes only the given fields, normalised, and returns the updated alert', async () => {
		const scope = graphScope()
			.matchHeader('content-type', 'application/json')
			.patch(`${ALERTS}/a1`, {
				status: 'resolved',
				classification: 'truePositive',
				determination: 'compromisedAccount',
				assignedTo: 'soc@contoso.example',
			})
			.reply(200, alert('a1', { status: 'resolved', classification: 'truePositive' }));
		const { client } = makeClient();

		const updated = await client.updateAlert('a1', {
			status: 'Resolved',
			classification: 'truePositive',
			determination: 'compromisedUser',
			assignedTo: 'soc@contoso.example',
		});

		expect(updated).toMatchObject({ id: 'a1', status: 'resolved', classification: 'truePositive' });
		expect(scope.isDone()).toBe(true);
	});

	it('updateAlert reads the alert back when PATCH answers 204', async () => {
		const scope = graphScope()
			.patch(`${ALERTS}/a1`, { assignedTo: null })
			.reply(204)
			.get(`${ALERTS}/a1`)
			.reply(200, alert('a1', { assignedTo: null }));
		const { client } = makeClient();

		expect(await client.updateAlert('a1', { assignedTo: null })).toMatchObject({
			id: 'a1',
			assignedTo: null,
		});
		expect(scope.isDone()).toBe(true);
	});

	it('updateAlert refuses a determination that does not go with the classification, before any request', async () => {
		const { client } = makeClient();
		const error = await client
			.updateAlert('a1', { classification: 'falsePositive', determination: 'malware' })
			.catch((e: unknown) => e);

		expect(error).toBeInstanceOf(DefenderError);
		expect((error as DefenderError).message).toBe(
			"Determination 'malware' does not go with classification 'falsePositive'. Valid determinations for falsePositive: notMalicious, notEnoughDataToValidate, other.",
		);
	});

	it('updateAlert refuses fields Graph cannot update and unknown enum values', async () => {
		const { client } = makeClient();
		await expect(client.updateAlert('a1', { severity: 'high' } as never)).rejects.toMatchObject({
			kind: 'validation',
			message:
				"Cannot update alert field 'severity'. Updatable fields: status, classification, determination, assignedTo.",
		});
		await expect(client.updateAlert('a1', { status: 'closed' })).rejects.toMatchObject({
			message:
				"alert status cannot be 'closed'. Allowed values: unknown, new, inProgress, resolved.",
		});
		await expect(client.updateAlert('a1', {})).rejects.toMatchObject({
			message: 'The alert update has no fields to change.',
		});
	});

	it('addAlertComment posts the comment and returns the whole list', async () => {
		const scope = graphScope()
			.post(`${ALERTS}/a1/comments`, {
				'@odata.type': 'microsoft.graph.security.alertComment',
				comment: 'Isolated the device',
			})
			.reply(200, {
				'@odata.context': `${GRAPH}/$metadata#security/alerts_v2('a1')/comments`,
				value: [
					{
						comment: 'earlier',
						createdByDisplayName: 'n8n',
						createdDateTime: '2025-01-15T09:00:00Z',
					},
					{
						comment: 'Isolated the device',
						createdByDisplayName: 'n8n',
						createdDateTime: '2025-01-15T10:00:00Z',
					},
				],
			});
		const { client } = makeClient();

		const comments = await client.addAlertComment('a1', 'Isolated the device');

		expect(comments.map((c) => c.comment)).toEqual(['earlier', 'Isolated the device']);
		expect(scope.isDone()).toBe(true);
	});

	it('addAlertComment refuses an empty comment', async () => {
		const { client } = makeClient();
		await expect(client.addAlertComment('a1', '  ')).rejects.toMatchObject({
			kind: 'validation',
			message: 'The comment is empty.',
		});
	});
});
