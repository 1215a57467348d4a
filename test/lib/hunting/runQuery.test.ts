import { DefenderError } from '../../../lib/errors';
import { runHuntingQuery, runHuntingQuerySliced } from '../../../lib/hunting/runQuery';
import { GRAPH_HOST, graphError, graphScope, makeClient } from '../client/helpers';
import { manualClock } from '../http/axiosTransport';

const PATH = '/v1.0/security/runHuntingQuery';
const QUERY = 'DeviceProcessEvents | where FileName =~ "powershell.exe" | take 10';
const clock = manualClock(Date.parse('2025-03-01T12:00:00Z'));

function answer(rows: Array<Record<string, unknown>>) {
	return {
		'@odata.context': `${GRAPH_HOST}/v1.0/$metadata#microsoft.graph.security.huntingQueryResults`,
		schema: [
			{ name: 'Timestamp', type: 'DateTime' },
			{ name: 'FileName', type: 'String' },
		],
		results: rows,
	};
}

describe('runHuntingQuery', () => {
	it('posts Query and Timespan as JSON (UTF-8) and returns rows and schema', async () => {
		const rows = [{ Timestamp: '2025-03-01T10:00:00Z', FileName: 'powershell.exe' }];
		const scope = graphScope()
			.post(PATH, { Query: QUERY, Timespan: 'P7D' })
			.matchHeader('content-type', 'application/json; charset=utf-8')
			.reply(200, answer(rows));
		const { client } = makeClient();

		const result = await runHuntingQuery(client, { query: QUERY, timespan: 'P7D' }, { clock });

		expect(result).toEqual({
			schema: [
				{ name: 'Timestamp', type: 'DateTime' },
				{ name: 'FileName', type: 'String' },
			],
			rows,
			rowCount: 1,
			hitRowLimit: false,
			warnings: [],
		});
		expect(scope.isDone()).toBe(true);
	});

	it('omits Timespan when none is given and reads a PascalCase schema', async () => {
		const scope = graphScope()
			.post(PATH, { Query: QUERY })
			.reply(200, { schema: [{ Name: 'DeviceName', Type: 'String' }], results: [] });
		const { client } = makeClient();

		const result = await runHuntingQuery(client, { query: QUERY });
		expect(result.schema).toEqual([{ name: 'DeviceName', type: 'String' }]);
		expect(result.rows).toEqual([]);
		expect(scope.isDone()).toBe(true);
	});

	it('waits out a 429 per Retry-After and then answers', async () => {
		const scope = graphScope()
			.post(PATH)
			.reply(429, graphError('TooManyRequests', 'Please retry again later.'), {
				'Retry-After': '2.5',
			})
			.post(PATH)
			.reply(200, answer([]));
		const { client, sleep } = makeClient();

		await runHuntingQuery(client, { query: QUERY });
		expect(sleep.waits).toEqual([2500]);
		expect(scope.isDone()).toBe(true);
	});

	it('explains the tenant CPU quota when 429s carry it and retries run out', async () => {
		graphScope()
			.post(PATH)
			.times(2)
			.reply(
				429,
				graphError('TooManyRequests', 'You have exceeded the CPU quota allocated for your tenant.'),
				{
					'Retry-After': '30',
				},
			);
		const { client } = makeClient({ maxAttempts: 2 });

		const error = (await runHuntingQuery(client, { query: QUERY }).catch(
			(e: unknown) => e,
		)) as DefenderError;
		expect(error).toBeInstanceOf(DefenderError);
		expect(error).toMatchObject({
			kind: 'throttled',
			status: 429,
			message:
				'Advanced hunting is over the tenant CPU quota; Defender blocks further queries until the next 15-minute cycle.',
			hint: expect.stringContaining('Wait 15 minutes'),
			apiMessage: 'You have exceeded the CPU quota allocated for your tenant.',
		});
	});

	it('explains a plain rate limit, with the wait it was told', async () => {
		graphScope()
			.post(PATH)
			.times(2)
			.reply(429, graphError('TooManyRequests', 'Please retry again later.'), {
				'Retry-After': '20',
			});
		const { client } = makeClient({ maxAttempts: 2 });

		await expect(runHuntingQuery(client, { query: QUERY })).rejects.toMatchObject({
			kind: 'throttled',
			message: expect.stringContaining('45 calls per minute'),
			hint: 'Retry after 20 s, or run fewer hunting queries at once.',
		});
	});

	it('explains a query preempted for CPU (400) as the CPU quota', async () => {
		graphScope()
			.post(PATH)
			.reply(
				400,
				graphError('BadRequest', 'Query was preempted: the tenant reached its resource limit'),
			);
		const { client } = makeClient();
		await expect(runHuntingQuery(client, { query: QUERY })).rejects.toMatchObject({
			kind: 'throttled',
			message: expect.stringContaining('CPU quota'),
		});
	});

	it('explains the 3-minute limit on a 504 and on a timeout message', async () => {
		graphScope()
			.post(PATH)
			.reply(504, graphError('UnknownError', ''))
			.post(PATH)
			.reply(400, graphError('BadRequest', 'Query execution has timed out'));
		const { client } = makeClient({ maxAttempts: 1 });

		for (let i = 0; i < 2; i += 1) {
			await expect(runHuntingQuery(client, { query: QUERY })).rejects.toMatchObject({
				message: 'The hunting query ran into the 3-minute limit and was stopped.',
				hint: expect.stringContaining('split the range into slices'),
			});
		}
	});

	it('passes on the KQL error for a bad query', async () => {
		graphScope()
			.post(PATH)
			.reply(
				400,
				graphError('BadRequest', "Failed to resolve table expression named 'DeviceProcessEvent'"),
			);
		const { client } = makeClient();
		await expect(
			runHuntingQuery(client, { query: 'DeviceProcessEvent | take 1' }),
		).rejects.toMatchObject({
			kind: 'validation',
			message: 'Advanced hunting rejected the query (400).',
			apiMessage: "Failed to resolve table expression named 'DeviceProcessEvent'",
		});
	});

	it('names ThreatHunting.Read.All on a 403', async () => {
		graphScope().post(PATH).reply(403, graphError('Forbidden', 'Insufficient privileges'));
		const { client } = makeClient();
		await expect(runHuntingQuery(client, { query: QUERY })).rejects.toMatchObject({
			kind: 'forbidden',
			hint: expect.stringContaining('ThreatHunting.Read.All'),
		});
	});

	it('refuses an empty query or a bad timespan before any call', async () => {
		const { client, transport } = makeClient();
		await expect(runHuntingQuery(client, { query: ' ' })).rejects.toThrow(/query is empty/);
		await expect(runHuntingQuery(client, { query: QUERY, timespan: '7 days' })).rejects.toThrow(
			/not an ISO 8601 timespan/,
		);
		expect(transport.requests).toHaveLength(0);
	});

	it('warns when the 100,000-row cap is reached', async () => {
		const rows = Array.from({ length: 100_000 }, (_, i) => ({ N: i }));
		graphScope()
			.post(PATH)
			.reply(200, { schema: [{ name: 'N', type: 'Int32' }], results: rows });
		const { client } = makeClient();

		const result = await runHuntingQuery(client, { query: QUERY });
		expect(result.rowCount).toBe(100_000);
		expect(result.hitRowLimit).toBe(true);
		expect(result.warnings[0]).toMatch(/100000 rows, the API's cap: rows may be missing/);
	});
});

describe('runHuntingQuerySliced', () => {
	it('runs one call per slice with its own timespan, concatenates rows and reports each slice', async () => {
		const sent: string[] = [];
		const scope = graphScope()
			.post(PATH)
			.times(3)
			.reply(200, (_uri, body) => {
				const { Timespan } = body as { Timespan: string };
				sent.push(Timespan);
				return answer(
					sent.length === 2
						? []
						: [{ Timestamp: Timespan.split('/')[0], FileName: `f${sent.length}` }],
				);
			});
		const { client } = makeClient();

		const result = await runHuntingQuerySliced(
			client,
			{ query: QUERY, timespan: '2025-02-25T00:00:00Z/2025-02-28T00:00:00Z', slices: 3 },
			{ clock },
		);

		expect(sent).toEqual([
			'2025-02-25T00:00:00.000Z/2025-02-25T23:59:59.9999999Z',
			'2025-02-26T00:00:00.000Z/2025-02-26T23:59:59.9999999Z',
			'2025-02-27T00:00:00.000Z/2025-02-28T00:00:00.000Z',
		]);
		expect(result.rows.map((r) => r.FileName)).toEqual(['f1', 'f3']);
		expect(result.slices.map((s) => [s.index, s.rowCount])).toEqual([
			[1, 1],
			[2, 0],
			[3, 1],
		]);
		expect(result.schema.map((c) => c.name)).toEqual(['Timestamp', 'FileName']);
		expect(result.warnings).toEqual([]);
		expect(scope.isDone()).toBe(true);
	});

	it('warns for a slice at the row cap and for a range older than 30 days', async () => {
		const full = Array.from({ length: 100_000 }, (_, i) => ({ N: i }));
		graphScope()
			.post(PATH)
			.reply(200, { schema: [{ name: 'N', type: 'Int32' }], results: full })
			.post(PATH)
			.reply(200, { schema: [{ name: 'N', type: 'Int32' }], results: [{ N: 1 }] });
		const { client } = makeClient();

		const result = await runHuntingQuerySliced(
			client,
			{ query: QUERY, timespan: 'P40D', slices: 2 },
			{ clock },
		);
		expect(result.rowCount).toBe(100_001);
		expect(result.hitRowLimit).toBe(true);
		expect(result.warnings).toEqual([
			'Advanced hunting keeps 30 days of data: slices before that return nothing.',
			expect.stringMatching(
				/^Slice 1 \(.+\) returned 100000 rows, the API's cap: rows may be missing. Use more slices.$/,
			),
		]);
	});

	it('says which slice failed and how many finished', async () => {
		graphScope()
			.post(PATH)
			.reply(200, answer([]))
			.post(PATH)
			.reply(400, graphError('BadRequest', 'Syntax error'));
		const { client } = makeClient();

		await expect(
			runHuntingQuerySliced(client, { query: QUERY, timespan: 'P2D', slices: 2 }, { clock }),
		).rejects.toThrow(
			/^Advanced hunting rejected the query \(400\) \(slice 2 of 2, .+; 1 slice had finished\)\.$/,
		);
	});
});
