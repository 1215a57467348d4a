import { parseWebhookPayload } from '../../../lib/webhook/intake';
import { RecentVersions } from '../../../lib/webhook/recentVersions';
import type { SeenEntry } from '../../../lib/poll/seen';
import { alert, at } from '../poll/fakeGraph';

const T1 = '2026-11-20T10:00:00.0000000Z';
const T2 = '2026-11-20T11:00:00.0000000Z';

describe('RecentVersions', () => {
	it('returns the stored entries as they are for a trigger it has not seen', () => {
		const memory = new RecentVersions();
		expect(memory.merge('wf|node|webhook', [['da1', T1]])).toEqual([['da1', T1]]);
		expect(memory.merge('wf|node|webhook', undefined)).toEqual([]);
	});

	it('joins what it remembers with a stale stored copy, without repeating entries', () => {
		const memory = new RecentVersions();
		memory.remember('scope', [
			['da1', T1],
			['da2', T1],
		]);
		const merged = memory.merge('scope', [
			['da1', T1],
			['da3', T2],
		]);
		expect(merged.map(([id, time]) => `${id}|${time}`).sort()).toEqual([
			`da1|${T1}`,
			`da2|${T1}`,
			`da3|${T2}`,
		]);
	});

	it('skips stored entries it cannot read', () => {
		const memory = new RecentVersions();
		memory.remember('scope', [['da1', T1]]);
		expect(memory.merge('scope', [['da2', T1], 'junk', [7, T1]])).toEqual([
			['da2', T1],
			['da1', T1],
		]);
		expect(memory.merge('scope', 'not an array')).toEqual([['da1', T1]]);
	});

	it('keeps scopes apart', () => {
		const memory = new RecentVersions();
		memory.remember('a', [['da1', T1]]);
		expect(memory.merge('b', [])).toEqual([]);
	});

	it('keeps its own copy of what it was given', () => {
		const memory = new RecentVersions();
		const entries: SeenEntry[] = [['da1', T1]];
		memory.remember('scope', entries);
		entries[0][0] = 'changed';
		entries.push(['da2', T1]);
		expect(memory.merge('scope', [])).toEqual([['da1', T1]]);
	});

	it('forgets the least recently used trigger beyond its bound', () => {
		const memory = new RecentVersions(2);
		memory.remember('a', [['da1', T1]]);
		memory.remember('b', [['da2', T1]]);
		memory.remember('a', [['da1', T1]]);
		memory.remember('c', [['da3', T1]]);
		expect(memory.size).toBe(2);
		expect(memory.merge('b', [])).toEqual([]);
		expect(memory.merge('a', [])).toEqual([['da1', T1]]);
		expect(memory.merge('c', [])).toEqual([['da3', T1]]);
	});

	it('lets intake drop a version whose only record is in memory (overlapping deliveries)', () => {
		const memory = new RecentVersions();
		const stored: SeenEntry[] = [];
		const first = parseWebhookPayload(alert('da1', at(1)), { seen: memory.merge('s', stored) });
		if (!first.ok || !first.nextSeen) throw new Error('first delivery refused');
		memory.remember('s', first.nextSeen);
		// The second call read the static data before the first call saved it.
		const repeat = parseWebhookPayload(alert('da1', at(1)), { seen: memory.merge('s', stored) });
		expect(repeat).toMatchObject({ ok: true, duplicates: 1, accepted: [] });
		const update = parseWebhookPayload(alert('da1', at(1), at(2), { status: 'resolved' }), {
			seen: memory.merge('s', stored),
		});
		if (!update.ok) throw new Error('update refused');
		expect(update.accepted).toHaveLength(1);
		expect(update.accepted[0]._defender).toMatchObject({ event: 'updated' });
	});
});
