import { DefenderError } from '../../../lib/errors';
import type { PollOptionsInput } from '../../../lib/poll/options';
import { runPoll, type RunPollResult } from '../../../lib/poll/runPoll';
import { freshState, parseState, type PollState } from '../../../lib/poll/state';
import { toTimeKey } from '../../../lib/poll/time';
import type { EmitItem } from '../../../lib/poll/types';
import { alert, at, FakeGraph, nowAt, recordingLogger } from './fakeGraph';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const updates: PollOptionsInput = {
	resource: 'alerts',
	event: 'createdOrUpdated',
	lookBackMs: HOUR,
	overlapMs: 2 * MINUTE,
};

function poll(
	graph: FakeGraph,
	state: PollState,
	nowSeconds: number,
	options: Partial<PollOptionsInput> = {},
	logger = recordingLogger(),
): Promise<RunPollResult> {
	return runPoll({
		state,
		options: { ...updates, ...options },
		now: nowAt(nowSeconds),
		source: graph.source,
		logger,
	});
}

/** Polls until one emits nothing; returns every batch and the final state. */
async function drain(
	graph: FakeGraph,
	state: PollState,
	nowSeconds: number,
	options: Partial<PollOptionsInput> = {},
): Promise<{ batches: EmitItem[][]; state: PollState; results: RunPollResult[] }> {
	const batches: EmitItem[][] = [];
	const results: RunPollResult[] = [];
	let current = state;
	for (let round = 0; round < 100; round += 1) {
		const result = await poll(graph, current, nowSeconds + round, options);
		results.push(result);
		current = result.nextState;
		if (result.items.length === 0) return { batches, state: current, results };
		batches.push(result.items);
	}
	throw new Error('drain did not finish');
}

function keys(items: EmitItem[]): string[] {
	return items.map((item) => item._defender.key);
}

function ids(items: EmitItem[]): string[] {
	return items.map((item) => item.id as string);
}

/** Stored state survives a JSON round trip, as n8n static data does. */
function persisted(state: PollState): PollState {
	return parseState(JSON.parse(JSON.stringify(state))).state;
}

describe('runPoll: first run', () => {
	it('starts at now minus the look-back and emits what changed since, oldest first', async () => {
		const graph = new FakeGraph([
			alert('too-old', at(-5000)),
			alert('b', at(-600)),
			alert('a', at(-1200)),
			alert('c', at(-10)),
		]);
		const { items, nextState, stats } = await poll(graph, freshState(), 0);
		expect(ids(items)).toEqual(['a', 'b', 'c']);
		expect(graph.queries[0]).toEqual({
			resource: 'alerts',
			since: { field: 'lastUpdateDateTime', value: new Date(nowAt(0) - HOUR).toISOString() },
			filters: {},
			orderBy: { field: 'lastUpdateDateTime', direction: 'asc' },
			top: 1000,
		});
		expect(stats.firstRun).toBe(true);
		expect(nextState.cursor).toBe(at(-10));
		expect(items.map((item) => item._defender.event)).toEqual(['created', 'created', 'created']);
	});

	it('with no look-back emits nothing old, stores the start, and catches what comes next', async () => {
		const graph = new FakeGraph([alert('before', at(-1))]);
		const first = await poll(graph, freshState(), 0, { lookBackMs: 0 });
		expect(first.items).toEqual([]);
		expect(first.nextState.cursor).toBe(toTimeKey(at(0)));
		graph.put(alert('after', at(30)));
		const second = await poll(graph, persisted(first.nextState), 60, { lookBackMs: 0 });
		expect(ids(second.items)).toEqual(['after']);
	});
});

describe('runPoll: equal timestamps', () => {
	const tied = () =>
		new FakeGraph(
			['t1', 't2', 't3', 't4', 't5'].map((id) => alert(id, at(10))).concat(alert('z', at(11))),
		);

	it.each(['nextLink', 'boundary'] as const)(
		'emits every record once when ties cross a page boundary (%s paging)',
		async (paging) => {
			const graph = tied();
			graph.paging = paging;
			if (paging === 'boundary') graph.put(alert('t0', at(9)));
			const { batches } = await drain(graph, freshState(), 20, {
				pageSize: paging === 'boundary' ? 6 : 2,
			});
			const all = batches.flat();
			expect(new Set(keys(all)).size).toBe(all.length);
			expect(ids(all).sort()).toEqual(
				(paging === 'boundary' ? ['t0'] : []).concat(['t1', 't2', 't3', 't4', 't5', 'z']).sort(),
			);
		},
	);

	it('does not lose ties cut by the item cap: the next poll re-reads them and skips the emitted ones', async () => {
		const graph = tied();
		const { batches, results } = await drain(graph, freshState(), 20, { maxItems: 3, pageSize: 2 });
		expect(batches.map(ids)).toEqual([
			['t1', 't2', 't3'],
			['t4', 't5', 'z'],
		]);
		expect(results[0].nextState.cursor).toBe(at(10));
		expect(results[0].stats.capped).toBe(true);
		expect(results[1].stats.duplicates).toBe(3);
	});
});

describe('runPoll: a record updated while paging', () => {
	it('emits each version once when the update shows up later in the same poll (boundary paging)', async () => {
		const graph = new FakeGraph([
			alert('a', at(1)),
			alert('b', at(2)),
			alert('c', at(3)),
			alert('d', at(4)),
		]);
		graph.paging = 'boundary';
		graph.beforeRequest = (request) => {
			if (request === 2) graph.update('a', { lastUpdateDateTime: at(5), status: 'inProgress' });
		};
		const first = await poll(graph, freshState(), 10, { pageSize: 2 });
		expect(keys(first.items)).toEqual([
			`a|${at(1)}`,
			`b|${at(2)}`,
			`c|${at(3)}`,
			`d|${at(4)}`,
			`a|${at(5)}`,
		]);
		expect(first.items[4]._defender).toMatchObject({
			event: 'updated',
			changes: { status: ['new', 'inProgress'] },
		});
		const second = await poll(graph, first.nextState, 20, { pageSize: 2 });
		expect(second.items).toEqual([]);
	});

	it('emits the new version on the next poll when the page set was fixed (nextLink paging)', async () => {
		const graph = new FakeGraph([alert('a', at(1)), alert('b', at(2)), alert('c', at(3))]);
		graph.beforeRequest = (request) => {
			if (request === 2) graph.update('a', { lastUpdateDateTime: at(5), severity: 'high' });
		};
		const first = await poll(graph, freshState(), 10, { pageSize: 2 });
		expect(keys(first.items)).toEqual([`a|${at(1)}`, `b|${at(2)}`, `c|${at(3)}`]);
		const second = await poll(graph, first.nextState, 20, { pageSize: 2 });
		expect(keys(second.items)).toEqual([`a|${at(5)}`]);
		expect(second.items[0]._defender.changes).toEqual({ severity: ['medium', 'high'] });
		expect((await poll(graph, second.nextState, 30, { pageSize: 2 })).items).toEqual([]);
	});
});

describe('runPoll: a poll that fails midway', () => {
	it('rejects with the source error, leaves the state untouched, and the retry emits everything once', async () => {
		const graph = new FakeGraph();
		const start = persisted((await poll(graph, freshState(), -100, { lookBackMs: 0 })).nextState);
		for (let i = 0; i < 5; i += 1) graph.put(alert(`a${i}`, at(i)));
		const snapshot = JSON.stringify(start);
		graph.failAtRequest = graph.requests + 2;
		await expect(poll(graph, start, 10, { pageSize: 2 })).rejects.toMatchObject({
			kind: 'server',
			status: 503,
		});
		expect(JSON.stringify(start)).toBe(snapshot);
		graph.failAtRequest = undefined;
		const { batches } = await drain(graph, start, 20, { pageSize: 2 });
		expect(ids(batches.flat())).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
	});

	it('rejects a page that is not a list with a schema error', async () => {
		const source = () =>
			(async function* () {
				yield { value: [] } as unknown as unknown[];
			})();
		await expect(
			runPoll({ state: freshState(), options: updates, now: nowAt(0), source }),
		).rejects.toEqual(expect.objectContaining({ kind: 'schema' }));
	});
});

describe('runPoll: restart with a stored cursor', () => {
	it('re-reads the overlap after a restart and emits only what is new', async () => {
		const graph = new FakeGraph([alert('a', at(100)), alert('b', at(150))]);
		const first = await poll(graph, freshState(), 200);
		const restored = persisted(first.nextState);
		graph.put(alert('late-indexed', at(120)));
		graph.put(alert('c', at(250)));
		const second = await poll(graph, restored, 300);
		expect(graph.queries[1].since?.value).toBe(new Date(nowAt(150) - 2 * MINUTE).toISOString());
		expect(ids(second.items)).toEqual(['late-indexed', 'c']);
		expect(second.stats.duplicates).toBe(2);
	});

	it('does not mutate the state it was given', async () => {
		const graph = new FakeGraph([alert('a', at(1))]);
		const state = persisted((await poll(graph, freshState(), 10)).nextState);
		const copy = JSON.parse(JSON.stringify(state));
		graph.put(alert('b', at(5)));
		await poll(graph, state, 20);
		expect(state).toEqual(copy);
	});
});

describe('runPoll: clock skew', () => {
	it('follows server timestamps ahead of the local clock', async () => {
		const graph = new FakeGraph([alert('a', at(3600))]);
		const first = await poll(graph, freshState(), 0);
		expect(first.nextState.cursor).toBe(at(3600));
		graph.put(alert('b', at(3630)));
		const second = await poll(graph, first.nextState, 60);
		expect(ids(second.items)).toEqual(['b']);
	});

	it('takes the cursor from data when the server is behind the local clock', async () => {
		// The server runs 10 minutes behind: its "now" is local now - 600 s.
		const graph = new FakeGraph([alert('a', at(-600))]);
		const first = await poll(graph, freshState(), 0);
		expect(first.nextState.cursor).toBe(at(-600));
		graph.put(alert('b', at(-540))); // created one minute later, stamped with the server clock
		const second = await poll(graph, first.nextState, 120);
		expect(ids(second.items)).toEqual(['b']);
	});
});

describe('runPoll: the de-dup set at its bound', () => {
	it('does not repeat records evicted inside the overlap; the overlap shrinks instead, with a warning', async () => {
		const graph = new FakeGraph(Array.from({ length: 10 }, (_, i) => alert(`a${i}`, at(i))));
		const logger = recordingLogger();
		const first = await poll(graph, freshState(), 20, { dedupBound: 4 }, logger);
		expect(first.items).toHaveLength(10);
		expect(first.nextState.seen.map(([id]) => id)).toEqual(['a6', 'a7', 'a8', 'a9']);
		expect(first.nextState.evictedThrough).toBe(at(5));
		expect(logger.warnings).toEqual([
			expect.stringMatching(/More than 4 records .* Raise the de-dup bound/),
		]);

		graph.put(alert('new', at(12)));
		const second = await poll(graph, persisted(first.nextState), 30, { dedupBound: 4 });
		expect(ids(second.items)).toEqual(['new']);
		expect(graph.queries[1].since?.value).toBe(new Date(nowAt(5)).toISOString());
		expect(second.stats.duplicates).toBe(4);
	});

	it('drops the eviction marker once it is older than the overlap', async () => {
		const graph = new FakeGraph(Array.from({ length: 6 }, (_, i) => alert(`a${i}`, at(i))));
		const first = await poll(graph, freshState(), 20, { dedupBound: 3 });
		expect(first.nextState.evictedThrough).toBe(at(2));
		graph.put(alert('much-later', at(600)));
		const second = await poll(graph, first.nextState, 700, { dedupBound: 3 });
		expect(ids(second.items)).toEqual(['much-later']);
		expect(second.nextState.evictedThrough).toBeUndefined();
	});

	it('keeps every record at the cursor even above the bound, so more ties than the bound still drain', async () => {
		const graph = new FakeGraph(Array.from({ length: 8 }, (_, i) => alert(`t${i}`, at(10))));
		const { batches, results } = await drain(graph, freshState(), 20, {
			dedupBound: 2,
			maxItems: 3,
		});
		expect(batches.map((batch) => batch.length)).toEqual([3, 3, 2]);
		expect(new Set(ids(batches.flat())).size).toBe(8);
		expect(results[2].nextState.seen).toHaveLength(8);
	});

	it('re-emits nothing when a poll of an evicted key falls outside the overlap', async () => {
		const graph = new FakeGraph([alert('a', at(0)), alert('b', at(1000)), alert('c', at(1001))]);
		const first = await poll(graph, freshState(), 1100, { dedupBound: 1 });
		expect(ids(first.items)).toEqual(['a', 'b', 'c']);
		expect(first.nextState.seen.map(([id]) => id)).toEqual(['c']);
		const second = await poll(graph, first.nextState, 1200, { dedupBound: 1 });
		expect(second.items).toEqual([]);
	});
});

describe('runPoll: max items', () => {
	it('emits at most maxItems per poll, oldest first; the rest comes on later polls', async () => {
		const graph = new FakeGraph(
			Array.from({ length: 12 }, (_, i) => alert(`a${String(i).padStart(2, '0')}`, at(100 - i))),
		);
		const { batches, results } = await drain(graph, freshState(), 200, { maxItems: 5 });
		expect(batches.map(ids)).toEqual([
			['a11', 'a10', 'a09', 'a08', 'a07'],
			['a06', 'a05', 'a04', 'a03', 'a02'],
			['a01', 'a00'],
		]);
		expect(results.map((result) => result.stats.capped)).toEqual([true, true, false, false]);
		expect(results[0].nextState.cursor).toBe(at(93));
	});

	it('stops requesting pages once the cap is reached', async () => {
		const graph = new FakeGraph(Array.from({ length: 10 }, (_, i) => alert(`a${i}`, at(i))));
		await poll(graph, freshState(), 20, { maxItems: 2, pageSize: 2 });
		expect(graph.requests).toBe(1);
	});
});

describe('runPoll: a page out of order', () => {
	it('sorts each page, so the cap never moves the cursor past an older unemitted record', async () => {
		const records = [alert('c', at(3)), alert('a', at(1)), alert('b', at(2))];
		const source = () =>
			(async function* () {
				yield records;
			})();
		const options = { ...updates, maxItems: 2, overlapMs: 0 };
		const first = await runPoll({ state: freshState(), options, now: nowAt(10), source });
		expect(ids(first.items)).toEqual(['a', 'b']);
		expect(first.nextState.cursor).toBe(at(2));
	});
});

describe('runPoll: clamp after a long outage', () => {
	it('moves a stale cursor forward, reports it on the first item only, once', async () => {
		const graph = new FakeGraph([
			alert('lost-to-clamp', at(-35 * 86_400)),
			alert('kept', at(-10 * 86_400)),
			alert('kept2', at(-9 * 86_400)),
		]);
		const stale: PollState = {
			v: 1,
			field: 'lastUpdateDateTime',
			cursor: toTimeKey(at(-40 * 86_400)),
			seen: [],
		};
		const first = await poll(graph, stale, 0);
		const to = toTimeKey(new Date(nowAt(0) - 30 * DAY).toISOString());
		expect(ids(first.items)).toEqual(['kept', 'kept2']);
		expect(first.items[0]._defender.clamp).toEqual({ from: at(-40 * 86_400), to });
		expect(first.items[1]._defender.clamp).toBeUndefined();
		expect(first.stats.clamped).toBe(true);
		expect(first.nextState.pendingClamp).toBeUndefined();
		graph.put(alert('next', at(10)));
		const second = await poll(graph, first.nextState, 20);
		expect(ids(second.items)).toEqual(['next']);
		expect(second.items[0]._defender.clamp).toBeUndefined();
	});

	it('keeps an unreported clamp until an item is emitted', async () => {
		const graph = new FakeGraph();
		const stale: PollState = { v: 1, cursor: toTimeKey(at(-40 * 86_400)), seen: [] };
		const first = await poll(graph, stale, 0);
		const to = toTimeKey(new Date(nowAt(0) - 30 * DAY).toISOString()) as string;
		expect(first.items).toEqual([]);
		expect(first.nextState.pendingClamp).toEqual({ from: at(-40 * 86_400), to });
		expect(first.nextState.cursor).toBe(to);
		graph.put(alert('a', at(30)));
		const second = await poll(graph, persisted(first.nextState), 60);
		expect(second.stats.clamped).toBe(false);
		expect(second.items[0]._defender.clamp).toEqual({ from: at(-40 * 86_400), to });
		expect(second.nextState.pendingClamp).toBeUndefined();
	});
});

describe('runPoll: old cursor without an outage', () => {
	it('works through a backlog older than the max look-back without clamping it away', async () => {
		// Look-back equal to the max look-back, polled hourly, 3 items per poll: after the first
		// poll the cursor is already older than now - max look-back, yet nothing may be skipped.
		const records = Array.from({ length: 9 }, (_, i) =>
			alert(`b${i}`, at(-30 * 86_400 + 3700 + i * 10)),
		);
		const graph = new FakeGraph(records);
		const options = { lookBackMs: 30 * DAY, maxLookBackMs: 30 * DAY, maxItems: 3 };
		let state = freshState();
		const emitted: EmitItem[] = [];
		for (let hour = 1; hour <= 4; hour += 1) {
			const result = await poll(graph, state, hour * 3600, options);
			expect(result.stats.clamped).toBe(false);
			emitted.push(...result.items);
			state = result.nextState;
		}
		expect(ids(emitted)).toEqual(records.map((record) => record.id));
	});

	it('does not clamp a quiet trigger that kept polling', async () => {
		const graph = new FakeGraph([alert('a', at(0))]);
		let state = (await poll(graph, freshState(), 10)).nextState;
		for (let day = 1; day <= 40; day += 1) {
			const result = await poll(graph, state, day * 86_400);
			expect(result.stats.clamped).toBe(false);
			state = result.nextState;
		}
		graph.put(alert('b', at(40 * 86_400 + 5)));
		const last = await poll(graph, state, 40 * 86_400 + 60);
		expect(ids(last.items)).toEqual(['b']);
		expect(last.items[0]._defender.clamp).toBeUndefined();
	});

	it('does not re-read behind the first start through the overlap', async () => {
		const graph = new FakeGraph([alert('before-start', at(-30))]);
		const first = await poll(graph, freshState(), 0, { lookBackMs: 0 });
		const second = await poll(graph, first.nextState, 60, { lookBackMs: 0 });
		expect(second.items).toEqual([]);
		expect(graph.queries[1].since?.value).toBe(new Date(nowAt(0)).toISOString());
	});
});

describe('runPoll: key rules', () => {
	it('created-only keys on id, queries createdDateTime and ignores later updates', async () => {
		const graph = new FakeGraph([alert('a', at(1))]);
		const first = await poll(graph, freshState(), 10, { event: 'created' });
		expect(first.items[0]._defender).toMatchObject({ key: 'a', event: 'created', cursor: at(1) });
		expect(graph.queries[0].since?.field).toBe('createdDateTime');
		expect(graph.queries[0].orderBy.field).toBe('createdDateTime');
		graph.update('a', { lastUpdateDateTime: at(20), status: 'resolved' });
		const second = await poll(graph, first.nextState, 30, { event: 'created' });
		expect(second.items).toEqual([]);
		expect(second.nextState.seen).toEqual([['a', at(1)]]);
	});

	it('created-or-updated keys on id|lastUpdateDateTime and emits each new version', async () => {
		const graph = new FakeGraph([alert('a', at(1))]);
		const first = await poll(graph, freshState(), 10);
		expect(first.items[0]._defender.key).toBe(`a|${at(1)}`);
		graph.update('a', { lastUpdateDateTime: at(20), status: 'resolved' });
		const second = await poll(graph, first.nextState, 30);
		expect(second.items[0]._defender).toMatchObject({ key: `a|${at(20)}`, event: 'updated' });
	});

	it('tells two versions apart that differ below a millisecond', async () => {
		const graph = new FakeGraph([alert('a', at(1, 1000))]);
		const first = await poll(graph, freshState(), 10);
		graph.update('a', { lastUpdateDateTime: at(1, 1001) });
		const second = await poll(graph, first.nextState, 20);
		expect(keys(second.items)).toEqual([`a|${at(1, 1001)}`]);
	});
});

describe('runPoll: change detection', () => {
	it('reports the tracked fields that changed since the last emitted version', async () => {
		const graph = new FakeGraph([alert('a', at(1)), alert('b', at(2))]);
		const first = await poll(graph, freshState(), 10);
		graph.update('a', {
			lastUpdateDateTime: at(20),
			status: 'inProgress',
			classification: 'truePositive',
			determination: 'malware',
			assignedTo: 'analyst@contoso.example',
			title: 'renamed',
		});
		graph.update('b', {
			lastUpdateDateTime: at(21),
			description: 'only an untracked field changed',
		});
		const second = await poll(graph, first.nextState, 30);
		expect(second.items.map((item) => item._defender.changes)).toEqual([
			{
				status: ['new', 'inProgress'],
				classification: [null, 'truePositive'],
				determination: [null, 'malware'],
				assignedTo: [null, 'analyst@contoso.example'],
			},
			{},
		]);
	});

	it('omits changes when the previous version is no longer remembered', async () => {
		const graph = new FakeGraph([alert('a', at(1)), alert('b', at(200))]);
		const first = await poll(graph, freshState(), 300, { dedupBound: 1 });
		expect(first.nextState.seen.map(([id]) => id)).toEqual(['b']);
		graph.update('a', { lastUpdateDateTime: at(400), status: 'resolved' });
		const second = await poll(graph, first.nextState, 500, { dedupBound: 1 });
		expect(second.items[0]._defender.event).toBe('updated');
		expect(second.items[0]._defender.changes).toBeUndefined();
	});

	it('labels a first sighting created inside the window as created even if already updated', async () => {
		const graph = new FakeGraph([
			alert('new-and-enriched', at(100), at(103)),
			alert('old-but-changed', at(-7200), at(110)),
		]);
		const { items } = await poll(graph, freshState(), 200);
		expect(items.map((item) => [item.id, item._defender.event])).toEqual([
			['new-and-enriched', 'created'],
			['old-but-changed', 'updated'],
		]);
	});
});

describe('runPoll: filters', () => {
	it('sends status, severity and serviceSource to Graph and checks category here', async () => {
		const graph = new FakeGraph([
			alert('match', at(1), at(1), { severity: 'high', category: 'Execution' }),
			alert('wrong-category', at(2), at(2), { severity: 'high', category: 'Discovery' }),
		]);
		const filters = {
			severity: ['high'],
			category: ['execution'],
			serviceSource: ['microsoftDefenderForEndpoint'],
		};
		const { items, stats } = await poll(graph, freshState(), 10, { filters });
		expect(graph.queries[0].filters).toEqual({
			severity: ['high'],
			serviceSource: ['microsoftDefenderForEndpoint'],
		});
		expect(ids(items)).toEqual(['match']);
		expect(stats.filtered).toBe(1);
	});

	it('re-checks server filters, so a source that ignores them leaks nothing', async () => {
		const graph = new FakeGraph([
			alert('low', at(1), at(1), { severity: 'low' }),
			alert('high', at(2), at(2), { severity: 'high' }),
		]);
		graph.ignoreFilters = true;
		const { items } = await poll(graph, freshState(), 10, { filters: { severity: ['High'] } });
		expect(ids(items)).toEqual(['high']);
	});

	it('moves the cursor past filtered records so they are not re-read forever', async () => {
		const graph = new FakeGraph(
			Array.from({ length: 5 }, (_, i) =>
				alert(`d${i}`, at(i * 600), at(i * 600), { category: 'Discovery' }),
			),
		);
		const { items, nextState } = await poll(graph, freshState(), 3000, {
			filters: { category: ['Execution'] },
		});
		expect(items).toEqual([]);
		expect(nextState.cursor).toBe(at(2400));
	});
});

describe('runPoll: malformed records', () => {
	it('skips records without an id or timestamp, logs each, and still emits the rest', async () => {
		const graph = new FakeGraph([alert('ok', at(5))]);
		graph.extraRecords = [{ title: 'no id', lastUpdateDateTime: at(6) }, { id: 'no-time' }, 'junk'];
		const logger = recordingLogger();
		const { items, stats } = await poll(graph, freshState(), 10, {}, logger);
		expect(ids(items)).toEqual(['ok']);
		expect(stats.invalid).toBe(3);
		expect([...logger.warnings].sort()).toEqual([
			'Skipped an alert record: record has no string id.',
			'Skipped an alert record: record is not an object.',
			'Skipped an alert record: record no-time has no valid lastUpdateDateTime.',
		]);
	});

	it('rejects invalid options before any request', async () => {
		const graph = new FakeGraph([alert('a', at(1))]);
		await expect(poll(graph, freshState(), 10, { maxItems: 0 })).rejects.toBeInstanceOf(
			DefenderError,
		);
		expect(graph.requests).toBe(0);
	});
});
