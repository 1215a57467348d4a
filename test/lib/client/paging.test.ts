import nock from 'nock';

import { timeKey } from '../../../lib/client/paging';
import { DefenderError } from '../../../lib/errors';
import { GRAPH, alert, collect, graphScope, makeClient } from './helpers';

const ALERTS = '/v1.0/security/alerts_v2';
const ORDER = 'lastUpdateDateTime asc';
const FILTER = "status eq 'new'";

const T1 = '2025-01-15T10:00:01.0000000Z';
const T2 = '2025-01-15T10:00:02.0000000Z';
const T3 = '2025-01-15T10:00:03.1234567Z';
const T4 = '2025-01-15T10:00:04.0000000Z';

function at(id: string, time: string) {
	return alert(id, { lastUpdateDateTime: time });
}

function ids(pages: Array<Array<{ id: string }>>) {
	return pages.map((page) => page.map((item) => item.id));
}

describe('nextLink paging', () => {
	it('follows a same-origin nextLink and stops when it is absent', async () => {
		const next = `${GRAPH}/security/alerts_v2?$filter=status+eq+%27new%27&$top=2&$skiptoken=page2`;
		const scope = graphScope()
			.get(ALERTS)
			.query({ $filter: FILTER, $top: '2' })
			.reply(200, { value: [alert('a'), alert('b')], '@odata.nextLink': next })
			.get(ALERTS)
			.query({ $filter: FILTER, $top: '2', $skiptoken: 'page2' })
			.reply(200, { value: [alert('c'), alert('d')] });
		const { client } = makeClient();

		const pages = await collect(client.iterateAlerts({ filter: FILTER, top: 2 }));

		// The last page is full but the server was paging by nextLink, so no further request.
		expect(ids(pages)).toEqual([
			['a', 'b'],
			['c', 'd'],
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('refuses a nextLink on another host (the token must not go there)', async () => {
		const foreign = nock('https://graph.contoso.example').get(/.*/).reply(200, { value: [] });
		graphScope()
			.get(ALERTS)
			.query(true)
			.reply(200, {
				value: [alert('a')],
				'@odata.nextLink': 'https://graph.contoso.example/v1.0/security/alerts_v2?$skiptoken=x',
			});
		const { client } = makeClient();

		const seen: string[] = [];
		const error = await (async () => {
			for await (const page of client.iterateAlerts()) seen.push(...page.map((a) => a.id));
		})().catch((e: unknown) => e);

		expect(seen).toEqual(['a']);
		expect(error).toBeInstanceOf(DefenderError);
		expect(error).toMatchObject({
			kind: 'validation',
			message:
				'Refusing to follow @odata.nextLink to https://graph.contoso.example: it is not the API host (https://graph.microsoft.com), and the access token must not be sent elsewhere.',
		});
		expect(foreign.isDone()).toBe(false);
	});

	it('cuts the page where the limit is reached and sends no further request', async () => {
		const next = `${GRAPH}/security/alerts_v2?$top=3&$skiptoken=p2`;
		const scope = graphScope()
			.get(ALERTS)
			.query({ $top: '3' })
			.reply(200, { value: [alert('a'), alert('b'), alert('c')], '@odata.nextLink': next })
			.get(ALERTS)
			.query({ $top: '3', $skiptoken: 'p2' })
			.reply(200, {
				value: [alert('d'), alert('e'), alert('f')],
				'@odata.nextLink': `${GRAPH}/security/alerts_v2?$top=3&$skiptoken=p3`,
			});
		const { client } = makeClient();

		const pages = await collect(client.iterateAlerts({ top: 3 }, { limit: 4 }));

		expect(ids(pages)).toEqual([['a', 'b', 'c'], ['d']]);
		expect(scope.isDone()).toBe(true);
	});

	it('asks only for the limit when no page size is given', async () => {
		const scope = graphScope()
			.get(ALERTS)
			.query({ $top: '5' })
			.reply(200, { value: [alert('a'), alert('b')] });
		const { client } = makeClient();

		expect(ids(await collect(client.iterateAlerts({}, { limit: 5 })))).toEqual([['a', 'b']]);
		expect(scope.isDone()).toBe(true);
	});

	it('stops requesting when the caller breaks out', async () => {
		graphScope()
			.get(ALERTS)
			.query(true)
			.reply(200, {
				value: [alert('a')],
				'@odata.nextLink': `${GRAPH}/security/alerts_v2?$skiptoken=2`,
			});
		const { client } = makeClient();

		for await (const page of client.iterateAlerts()) {
			expect(page[0]?.id).toBe('a');
			break;
		}
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('rejects a bad limit or page size', async () => {
		const { client } = makeClient();
		await expect(collect(client.iterateAlerts({}, { limit: 0 }))).rejects.toMatchObject({
			kind: 'validation',
			message: 'limit must be a whole number of at least 1.',
		});
		await expect(client.listAlertsPage({ top: 2.5 })).rejects.toMatchObject({
			message: 'top must be a whole number of at least 1.',
		});
	});
});

describe('time-boundary paging (full page, no nextLink, ascending by time)', () => {
	it('neither repeats nor loses items sharing a timestamp across the boundary', async () => {
		const scope = graphScope()
			.get(ALERTS)
			.query({ $filter: FILTER, $orderby: ORDER, $top: '3' })
			.reply(200, { value: [at('a', T1), at('b', T2), at('c', T3)] })
			.get(ALERTS)
			.query({ $filter: `(${FILTER}) and lastUpdateDateTime ge ${T3}`, $orderby: ORDER, $top: '3' })
			.reply(200, { value: [at('c', T3), at('d', T3), at('e', T4)] })
			.get(ALERTS)
			.query({ $filter: `(${FILTER}) and lastUpdateDateTime ge ${T4}`, $orderby: ORDER, $top: '3' })
			.reply(200, { value: [at('e', T4), at('f', T4)] });
		const { client } = makeClient();

		const pages = await collect(client.iterateAlerts({ filter: FILTER, orderBy: ORDER, top: 3 }));

		expect(ids(pages)).toEqual([['a', 'b', 'c'], ['d', 'e'], ['f']]);
		expect(scope.isDone()).toBe(true);
	});

	it('steps over a page that shares one timestamp with $skip, then moves on by time', async () => {
		const scope = graphScope()
			.get(ALERTS)
			.query({ $orderby: ORDER, $top: '2' })
			.reply(200, { value: [at('a', T1), at('b', T2)] })
			.get(ALERTS)
			.query({ $filter: `lastUpdateDateTime ge ${T2}`, $orderby: ORDER, $top: '2' })
			.reply(200, { value: [at('b', T2), at('c', T2)] })
			.get(ALERTS)
			.query({ $filter: `lastUpdateDateTime ge ${T2}`, $orderby: ORDER, $top: '2', $skip: '2' })
			.reply(200, { value: [at('d', T2), at('e', T3)] })
			.get(ALERTS)
			.query({ $filter: `lastUpdateDateTime ge ${T3}`, $orderby: ORDER, $top: '2' })
			.reply(200, { value: [at('e', T3)] });
		const { client } = makeClient();

		const pages = await collect(client.iterateAlerts({ orderBy: ORDER, top: 2 }));

		expect(ids(pages)).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
		expect(scope.isDone()).toBe(true);
	});

	it('works on createdDateTime and on incidents too', async () => {
		const created = 'createdDateTime asc';
		const scope = graphScope()
			.get('/v1.0/security/incidents')
			.query({ $orderby: created, $top: '1' })
			.reply(200, { value: [{ id: '1', createdDateTime: T1 }] })
			.get('/v1.0/security/incidents')
			.query({ $filter: `createdDateTime ge ${T1}`, $orderby: created, $top: '1' })
			.reply(200, { value: [] });
		const { client } = makeClient();

		expect(ids(await collect(client.iterateIncidents({ orderBy: created, top: 1 })))).toEqual([
			['1'],
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('refuses to page on when an item lacks the time field', async () => {
		graphScope()
			.get(ALERTS)
			.query(true)
			.reply(200, { value: [at('a', T1), { id: 'b', lastUpdateDateTime: 'not a time' }] });
		const { client } = makeClient();

		await expect(collect(client.iterateAlerts({ orderBy: ORDER, top: 2 }))).rejects.toMatchObject({
			kind: 'schema',
			message:
				'An item of the alerts page has no valid id or lastUpdateDateTime, so paging by lastUpdateDateTime cannot continue.',
		});
	});
});

describe('$skip fallback (not ordered by time)', () => {
	it('pages with $skip and raises a clear error past Graph’s 500 limit', async () => {
		const page = (prefix: string) => Array.from({ length: 300 }, (_, i) => alert(`${prefix}${i}`));
		graphScope()
			.get(ALERTS)
			.query({ $orderby: 'severity desc', $top: '300' })
			.reply(200, { value: page('a') })
			.get(ALERTS)
			.query({ $orderby: 'severity desc', $top: '300', $skip: '300' })
			.reply(200, { value: page('b') });
		const { client } = makeClient();

		const seen: string[] = [];
		const error = await (async () => {
			for await (const items of client.iterateAlerts({ orderBy: 'severity desc', top: 300 })) {
				seen.push(...items.map((a) => a.id));
			}
		})().catch((e: unknown) => e);

		expect(seen).toHaveLength(600);
		expect(error).toMatchObject({
			kind: 'validation',
			message: 'More results than Graph can page through with $skip (limit 500).',
			hint: 'Order by lastUpdateDateTime asc (or createdDateTime asc) so paging can move by time, or narrow the filter.',
		});
	});
});

describe('timeKey', () => {
	it('keeps sub-millisecond precision', () => {
		const a = timeKey('2025-01-15T10:00:03.1234567Z');
		const b = timeKey('2025-01-15T10:00:03.1234568Z');
		expect(a).toEqual([Date.parse('2025-01-15T10:00:03.123Z'), 456700]);
		expect(b?.[1]).toBeGreaterThan(a?.[1] ?? 0);
		expect(timeKey('2025-01-15T12:00:03+02:00')).toEqual([Date.parse('2025-01-15T10:00:03Z'), 0]);
		expect(timeKey('nope')).toBeUndefined();
	});
});
