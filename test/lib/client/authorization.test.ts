import nock from 'nock';

import type { DefenderClient } from '../../../lib/client/DefenderClient';
import {
	GRAPH_HEADERS,
	GRAPH_HOST,
	LOGIN_HOST,
	TOKEN_PATH,
	alert,
	incident,
	makeClientWithTokens,
	tokenReply,
} from './helpers';

const TOKEN = 'graph-access-token-for-tests';
const V = '/v1.0/security';
const commentList = { value: [{ comment: 'c', createdDateTime: '2025-01-15T10:00:00Z' }] };

type Case = [
	string,
	(scope: nock.Scope) => nock.Scope,
	(client: DefenderClient) => Promise<unknown>,
	unknown,
];

const cases: Case[] = [
	[
		'listAlertsPage',
		(s) =>
			s
				.get(`${V}/alerts_v2`)
				.query({ $top: '1000' })
				.reply(200, { value: [alert('a1')] }),
		async (c) => (await c.listAlertsPage()).items.map((a) => a.id),
		['a1'],
	],
	[
		'iterateAlerts',
		(s) =>
			s
				.get(`${V}/alerts_v2`)
				.query({ $top: '10' })
				.reply(200, { value: [alert('a1')] }),
		async (c) => {
			const out: string[] = [];
			for await (const page of c.iterateAlerts({ top: 10 })) out.push(...page.map((a) => a.id));
			return out;
		},
		['a1'],
	],
	[
		'getAlert',
		(s) => s.get(`${V}/alerts_v2/a1`).reply(200, alert('a1')),
		async (c) => (await c.getAlert('a1')).id,
		'a1',
	],
	[
		'updateAlert',
		(s) =>
			s
				.patch(`${V}/alerts_v2/a1`, { status: 'inProgress' })
				.reply(200, alert('a1', { status: 'inProgress' })),
		async (c) => (await c.updateAlert('a1', { status: 'inProgress' })).status,
		'inProgress',
	],
	[
		'addAlertComment',
		(s) =>
			s
				.post(`${V}/alerts_v2/a1/comments`, {
					'@odata.type': 'microsoft.graph.security.alertComment',
					comment: 'c',
				})
				.reply(200, commentList),
		async (c) => (await c.addAlertComment('a1', 'c')).length,
		1,
	],
	[
		'listIncidentsPage',
		(s) =>
			s
				.get(`${V}/incidents`)
				.query({ $top: '50' })
				.reply(200, { value: [incident('5')] }),
		async (c) => (await c.listIncidentsPage()).items.map((i) => i.id),
		['5'],
	],
	[
		'iterateIncidents',
		(s) =>
			s
				.get(`${V}/incidents`)
				.query({ $top: '2' })
				.reply(200, { value: [incident('5')] }),
		async (c) => {
			const out: string[] = [];
			for await (const page of c.iterateIncidents({}, { limit: 2 }))
				out.push(...page.map((i) => i.id));
			return out;
		},
		['5'],
	],
	[
		'getIncident',
		(s) => s.get(`${V}/incidents/5`).reply(200, incident('5')),
		async (c) => (await c.getIncident('5')).id,
		'5',
	],
	[
		'listIncidentAlerts',
		(s) => s.get(`${V}/incidents/5/alerts`).reply(200, { value: [alert('a1')] }),
		async (c) => (await c.listIncidentAlerts('5')).map((a) => a.id),
		['a1'],
	],
	[
		'updateIncident',
		(s) =>
			s.patch(`${V}/incidents/5`, { customTags: [] }).reply(200, incident('5', { customTags: [] })),
		async (c) => (await c.updateIncident('5', { customTags: [] })).customTags,
		[],
	],
	[
		'addIncidentComment',
		(s) =>
			s
				.post(`${V}/incidents/5/comments`, {
					'@odata.type': 'microsoft.graph.security.alertComment',
					comment: 'c',
				})
				.reply(200, commentList),
		async (c) => (await c.addIncidentComment('5', 'c')).length,
		1,
	],
	[
		'batch',
		(s) =>
			s
				.post('/v1.0/$batch', {
					requests: [
						{
							id: '1',
							method: 'GET',
							url: '/security/incidents/5',
							headers: { Prefer: 'include-unknown-enum-members' },
						},
					],
				})
				.reply(200, { responses: [{ id: '1', status: 200, body: incident('5') }] }),
		async (c) => (await c.batch([{ method: 'GET', url: '/security/incidents/5' }]))[0]?.status,
		200,
	],
];

describe('every Graph call carries the bearer token, Accept and Prefer', () => {
	it.each(cases)('%s', async (_name, expectCall, call, expected) => {
		const login = nock(LOGIN_HOST).post(TOKEN_PATH).once().reply(200, tokenReply(TOKEN));
		const graph = expectCall(
			nock(GRAPH_HOST, { reqheaders: { ...GRAPH_HEADERS, authorization: `Bearer ${TOKEN}` } }),
		);
		const { client } = makeClientWithTokens();

		expect(await call(client)).toEqual(expected);
		expect(graph.isDone()).toBe(true);
		expect(login.isDone()).toBe(true);
	});
});
