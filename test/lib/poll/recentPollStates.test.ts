/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test timing, not shipped */
import { freshState, RecentPollStates, type PollState } from '../../../lib/poll';

const state = (cursor: string | undefined, seen: PollState['seen'] = []): PollState => ({
	...freshState(),
	field: 'lastUpdateDateTime',
	cursor,
	seen,
});

const T1 = '2026-01-01T00:00:01.0000000Z';
const T2 = '2026-01-01T00:00:02.0000000Z';

describe('RecentPollStates', () => {
	it('starts from the stored state when nothing is remembered', () => {
		const stored = state(T1);
		expect(new RecentPollStates().startFrom('wf|node', stored)).toBe(stored);
	});

	it('starts from the remembered state when it got further than the stored one, or the stored one is fresh', () => {
		const memory = new RecentPollStates();
		memory.remember('wf|node', state(T2, [['a', T2]]));
		expect(memory.startFrom('wf|node', state(T1)).cursor).toBe(T2);
		expect(memory.startFrom('wf|node', freshState()).cursor).toBe(T2);
		expect(memory.startFrom('other|node', state(T1)).cursor).toBe(T1);
	});

	it('keeps a stored state that is further, or on another field', () => {
		const memory = new RecentPollStates();
		memory.remember('wf|node', state(T1));
		expect(memory.startFrom('wf|node', state(T2)).cursor).toBe(T2);
		const otherField = { ...state(T1), field: 'createdDateTime' } as PollState;
		memory.remember('wf|node', state(T2));
		expect(memory.startFrom('wf|node', otherField)).toBe(otherField);
	});

	it('joins the versions both have seen when the cursors are equal', () => {
		const memory = new RecentPollStates();
		memory.remember('wf|node', state(T2, [['a', T2]]));
		const started = memory.startFrom('wf|node', state(T2, [['b', T2]]));
		expect(started.seen.map(([id]) => id).sort()).toEqual(['a', 'b']);
	});

	it('hands out copies, so a poll changing its state does not change the memory', () => {
		const memory = new RecentPollStates();
		const finished = state(T2, [['a', T2]]);
		memory.remember('wf|node', finished);
		finished.seen.push(['changed', T2]);
		const started = memory.startFrom('wf|node', state(T1));
		started.seen.push(['changed too', T2]);
		expect(memory.startFrom('wf|node', state(T1)).seen).toEqual([['a', T2]]);
	});

	it('runs polls of one scope one after the other, other scopes alongside, and goes on after a failure', async () => {
		const memory = new RecentPollStates();
		const events: string[] = [];
		const poll =
			(name: string, ms: number, fail = false) =>
			async () => {
				events.push(`${name} start`);
				await new Promise((resolve) => setTimeout(resolve, ms));
				events.push(`${name} end`);
				if (fail) throw new Error(`${name} failed`);
				return name;
			};
		const results = await Promise.allSettled([
			memory.oneAtATime('wf|node', poll('a', 30, true)),
			memory.oneAtATime('wf|node', poll('b', 1)),
			memory.oneAtATime('other|node', poll('c', 1)),
		]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
		expect(events.indexOf('b start')).toBeGreaterThan(events.indexOf('a end'));
		expect(events.indexOf('c end')).toBeLessThan(events.indexOf('a end'));
	});

	it('forgets the least recently used trigger beyond its bound', () => {
		const memory = new RecentPollStates(2);
		memory.remember('one', state(T2));
		memory.remember('two', state(T2));
		memory.remember('one', state(T2));
		memory.remember('three', state(T2));
		expect(memory.size).toBe(2);
		expect(memory.startFrom('two', state(T1)).cursor).toBe(T1);
		expect(memory.startFrom('one', state(T1)).cursor).toBe(T2);
	});
});
