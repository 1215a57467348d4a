import type { IDataObject } from 'n8n-workflow';

import { graph, graphError, jsonOf, pairing, runNode, runNodeError } from '../helpers';

const QUERY = 'DeviceProcessEvents | where FileName =~ "powershell.exe" | take 2';
const base = { resource: 'hunting', operation: 'runQuery', query: QUERY };

const answer = {
	schema: [
		{ name: 'DeviceName', type: 'String' },
		{ name: 'Timestamp', type: 'DateTime' },
	],
	results: [
		{ DeviceName: 'desk-01', Timestamp: '2026-01-01T00:00:00Z' },
		{ DeviceName: 'desk-02', Timestamp: '2026-01-01T00:01:00Z' },
	],
};

describe('Defender › Advanced Hunting › Run Query', () => {
	it('posts Query and Timespan and returns each row as an item', async () => {
		const scope = graph()
			.post('/v1.0/security/runHuntingQuery', { Query: QUERY, Timespan: 'P7D' })
			.reply(200, answer);
		const items = await runNode({ parameters: { ...base, timespan: 'P7D', output: 'rows' } });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual(answer.results);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('returns one item with schema and results, without a Timespan when none is set', async () => {
		const scope = graph()
			.post('/v1.0/security/runHuntingQuery', { Query: QUERY })
			.reply(200, answer);
		const items = await runNode({ parameters: { ...base, timespan: '', output: 'single' } });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			{
				schema: answer.schema,
				results: answer.results,
				rowCount: 2,
				hitRowLimit: false,
				warnings: [],
			},
		]);
	});

	it('splits the timespan into slices, one call each, rows in slice order', async () => {
		const spans: string[] = [];
		const scope = graph()
			.post('/v1.0/security/runHuntingQuery')
			.times(3)
			.reply(200, (_uri, body) => {
				const span = (body as IDataObject).Timespan as string;
				spans.push(span);
				return { schema: answer.schema, results: [{ DeviceName: `slice-${spans.length}` }] };
			});
		const items = await runNode({
			parameters: {
				...base,
				timespan: '2026-01-01T00:00:00Z/2026-01-04T00:00:00Z',
				output: 'single',
				options: { slices: 3 },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(spans).toEqual([
			'2026-01-01T00:00:00.000Z/2026-01-01T23:59:59.9999999Z',
			'2026-01-02T00:00:00.000Z/2026-01-02T23:59:59.9999999Z',
			'2026-01-03T00:00:00.000Z/2026-01-04T00:00:00.000Z',
		]);
		const single = jsonOf(items)[0] as IDataObject;
		expect((single.results as IDataObject[]).map((row) => row.DeviceName)).toEqual([
			'slice-1',
			'slice-2',
			'slice-3',
		]);
		expect(single.slices).toHaveLength(3);
	});

	it('needs a timespan to slice, and a query', async () => {
		const noSpan = await runNodeError({
			parameters: { ...base, timespan: '', options: { slices: 2 } },
		});
		expect(noSpan.message).toBe('Time Slices needs a Timespan to split.');
		const noQuery = await runNodeError({ parameters: { ...base, query: ' ' } });
		expect(noQuery.message).toBe('The hunting query is empty.');
	});

	it('explains a CPU quota answer', async () => {
		graph()
			.post('/v1.0/security/runHuntingQuery')
			.reply(
				400,
				graphError('BadRequest', 'Query exceeded the allowed CPU resources for this tenant'),
			);
		const error = await runNodeError({ parameters: base });
		expect(error.message).toMatch(/over the tenant CPU quota/);
		expect(error.description).toMatch(/Wait 15 minutes/);
	});

	it('names ThreatHunting.Read.All on 403', async () => {
		graph()
			.post('/v1.0/security/runHuntingQuery')
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const error = await runNodeError({ parameters: base });
		expect(error.httpCode).toBe('403');
		expect(error.description).toContain('ThreatHunting.Read.All');
	});

	it('waits out a 429 and returns the rows; a 429 that does not stop says so', async () => {
		const scope = graph()
			.post('/v1.0/security/runHuntingQuery')
			.reply(429, graphError('TooManyRequests', 'Rate limit'), { 'Retry-After': '0' })
			.post('/v1.0/security/runHuntingQuery')
			.reply(200, answer);
		const items = await runNode({ parameters: base });
		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(2);
		graph()
			.post('/v1.0/security/runHuntingQuery')
			.times(5)
			.reply(429, graphError('TooManyRequests', 'Rate limit'), { 'Retry-After': '0' });
		const error = await runNodeError({ parameters: base });
		expect(error.httpCode).toBe('429');
		expect(error.message).toMatch(/throttled/);
	});

	it('runs each item’s own query and pairs its rows with it', async () => {
		graph()
			.post('/v1.0/security/runHuntingQuery', { Query: 'A' })
			.reply(200, { schema: [], results: [{ n: 1 }] })
			.post('/v1.0/security/runHuntingQuery', { Query: 'B' })
			.reply(200, { schema: [], results: [{ n: 2 }, { n: 3 }] });
		const items = await runNode({
			parameters: base,
			items: [{}, {}],
			itemParameters: [{ query: 'A' }, { query: 'B' }],
		});
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
	});
});
