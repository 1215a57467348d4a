import type { IDataObject } from 'n8n-workflow';

import { ALERT_ID, alert, commentList, graph, jsonOf, runNode } from '../helpers';

const base = {
	resource: 'case',
	operation: 'syncDisposition',
	caseSystem: 'TheHive',
	caseIdField: 'body.id',
	resolutionField: 'body.resolution',
	options: {
		alertIdField: 'body.extraData.defenderAlertId',
		sourceField: 'body.extraData.source',
		sourceRefField: 'body.sourceRef',
	},
};
const ALERT_PATH = `/v1.0/security/alerts_v2/${encodeURIComponent(ALERT_ID)}`;
const HEADER_VALUE = 'test-secret-value-case-system-key';

/** What n8n's Webhook node emits for a case-closed call authenticated with Header Auth. */
function webhookItem(): IDataObject {
	return {
		headers: {
			host: '127.0.0.1:5678',
			'content-type': 'application/json',
			'x-case-system-key': HEADER_VALUE,
			authorization: `Bearer ${HEADER_VALUE}`,
			cookie: `session=${HEADER_VALUE}`,
		},
		params: {},
		query: { source: 'thehive' },
		body: {
			id: 'case-7',
			resolution: 'FalsePositive',
			sourceRef: ALERT_ID,
			extraData: { source: 'defender', defenderAlertId: ALERT_ID },
		},
		webhookUrl: 'http://127.0.0.1:5678/webhook/case-closed',
		executionMode: 'production',
	};
}

describe('Defender › Case › Sync Closed Case to Defender › request headers', () => {
	it('passes a Webhook item on without its request headers, so the caller key goes no further', async () => {
		const comment = 'Case case-7 closed in TheHive with resolution: FalsePositive';
		graph()
			.get(ALERT_PATH)
			.reply(200, alert(ALERT_ID, { status: 'inProgress' }))
			.patch(ALERT_PATH)
			.reply(200, alert(ALERT_ID, { status: 'resolved', classification: 'falsePositive' }))
			.post(`${ALERT_PATH}/comments`)
			.reply(200, commentList(comment));
		const [out] = jsonOf(await runNode({ parameters: base, items: [webhookItem()] }));
		const rest = Object.fromEntries(
			Object.entries(webhookItem()).filter(([key]) => key !== 'headers'),
		);
		expect(out).toEqual({
			...rest,
			defenderSync: expect.objectContaining({ status: 'synced', caseId: 'case-7' }),
		});
		expect(JSON.stringify(out)).not.toContain(HEADER_VALUE);
	});

	it('drops the headers from a skipped case too', async () => {
		const item = webhookItem();
		(item.body as IDataObject).extraData = { source: 'jira' };
		(item.body as IDataObject).sourceRef = 'JIRA-1';
		const [out] = jsonOf(await runNode({ parameters: base, items: [item] }));
		expect(out.defenderSync).toMatchObject({ status: 'skipped' });
		expect(out.headers).toBeUndefined();
		expect(JSON.stringify(out)).not.toContain(HEADER_VALUE);
	});

	it('keeps a headers field of an ordinary case record (no Webhook body around it)', async () => {
		const record = {
			id: 'case-8',
			resolution: 'Other',
			sourceRef: 'JIRA-2',
			headers: { summary: 'kept' },
		};
		const [out] = jsonOf(
			await runNode({
				parameters: { resource: 'case', operation: 'syncDisposition', caseSystem: 'TheHive' },
				items: [record],
			}),
		);
		expect(out).toMatchObject({ headers: { summary: 'kept' } });
	});
});
