/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test, not shipped */
import { OverlappingPolls, pageSignature, type PollOutcome } from '../../../lib/poll';

interface State {
	cursor: number;
}

/** A poll that finishes when the test says so. */
function controlledPoll() {
	let finish: (outcome: PollOutcome<State> | undefined) => void = () => undefined;
	let fail: (error: Error) => void = () => undefined;
	const result = new Promise<PollOutcome<State> | undefined>((resolve, reject) => {
		finish = resolve;
		fail = reject;
	});
	return { poll: () => result, finish, fail };
}

/** Time stands still until the test lets it run; from then on every wait ends at once. */
function manualSleep() {
	const pending: Array<() => void> = [];
	let running = false;
	const sleep = () =>
		new Promise<void>((resolve) => {
			if (running) setImmediate(resolve);
			else pending.push(resolve);
		});
	const elapse = () => {
		running = true;
		pending.splice(0).forEach((resolve) => resolve());
	};
	return { sleep, elapse };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const record = (id: string, updated = '2026-12-01T10:00:00Z') => ({
	id,
	lastUpdateDateTime: updated,
});
const PAGE_RECORDS = [record('a1'), record('a2')];
const PAGE = pageSignature(PAGE_RECORDS);

describe('OverlappingPolls', () => {
	it('a lone poll starts from its own state', async () => {
		const polls = new OverlappingPolls<State>(manualSleep().sleep);
		const seen: Array<State | undefined> = [];
		const run = await polls.run('wf\nnode', 's0', async (adopted) => {
			seen.push(adopted);
			return { endState: { cursor: 1 } };
		});
		expect(run.adopted).toBe(false);
		expect(seen).toEqual([undefined]);
	});

	it('a poll from the same state goes on from where the running poll ended once its page started an execution', async () => {
		const polls = new OverlappingPolls<State>(manualSleep().sleep);
		const first = controlledPoll();
		const firstRun = polls.run('t', 's0', first.poll);
		await tick();
		let secondFrom: State | undefined;
		const secondRun = polls.run('t', 's0', async (adopted) => {
			secondFrom = adopted;
			return undefined;
		});
		first.finish({ endState: { cursor: 5 }, page: PAGE });
		await tick();
		expect(secondFrom).toBeUndefined();
		polls.pageStarted('t', PAGE_RECORDS);
		expect(await secondRun).toEqual({ adopted: true });
		expect(secondFrom).toEqual({ cursor: 5 });
		await firstRun;
	});

	it('a page n8n never started an execution with is read again: the second poll keeps its own state', async () => {
		const clock = manualSleep();
		const polls = new OverlappingPolls<State>(clock.sleep);
		const first = controlledPoll();
		void polls.run('t', 's0', first.poll);
		await tick();
		const froms: Array<State | undefined> = [];
		const secondRun = polls.run('t', 's0', async (adopted) => {
			froms.push(adopted);
			return undefined;
		});
		first.finish({ endState: { cursor: 5 }, page: PAGE });
		await tick();
		// Another page starting an execution is not this one.
		polls.pageStarted('t', [record('a1')]);
		polls.pageStarted('other', PAGE_RECORDS);
		// Nor are the same alerts at other versions.
		polls.pageStarted('t', [record('a1', '2026-11-30T10:00:00Z'), record('a2')]);
		await tick();
		expect(froms).toEqual([]);
		clock.elapse();
		expect(await secondRun).toEqual({ adopted: false });
		expect(froms).toEqual([undefined]);
	});

	it('goes on from a running poll that emitted nothing, since it dropped nothing', async () => {
		const polls = new OverlappingPolls<State>(manualSleep().sleep);
		const first = controlledPoll();
		void polls.run('t', 's0', first.poll);
		await tick();
		let from: State | undefined;
		const second = polls.run('t', 's0', async (adopted) => {
			from = adopted;
			return undefined;
		});
		first.finish({ endState: { cursor: 2 } });
		expect(await second).toEqual({ adopted: true });
		expect(from).toEqual({ cursor: 2 });
	});

	it('keeps its own state when the running poll failed or started from another state', async () => {
		const polls = new OverlappingPolls<State>(manualSleep().sleep);
		const failing = controlledPoll();
		const failed = polls.run('t', 's0', failing.poll);
		await tick();
		const afterFailure = polls.run('t', 's0', async () => undefined);
		failing.fail(new Error('throttled'));
		await expect(failed).rejects.toThrow('throttled');
		expect(await afterFailure).toEqual({ adopted: false });

		const other = controlledPoll();
		void polls.run('t', 's1', other.poll);
		await tick();
		let ran = false;
		// A different stored state does not wait at all.
		expect(
			await polls.run('t', 's0', async () => {
				ran = true;
				return undefined;
			}),
		).toEqual({ adopted: false });
		expect(ran).toBe(true);
		other.finish(undefined);
	});

	it('stops waiting for a poll that runs too long and starts from its own state', async () => {
		const clock = manualSleep();
		const polls = new OverlappingPolls<State>(clock.sleep);
		const stuck = controlledPoll();
		void polls.run('t', 's0', stuck.poll);
		await tick();
		const second = polls.run('t', 's0', async () => undefined);
		await tick();
		clock.elapse();
		expect(await second).toEqual({ adopted: false });
		stuck.finish(undefined);
	});

	it('a page already seen starting an execution is accepted without waiting', async () => {
		const polls = new OverlappingPolls<State>(manualSleep().sleep);
		const first = controlledPoll();
		void polls.run('t', 's0', first.poll);
		await tick();
		polls.pageStarted('t', PAGE_RECORDS);
		const second = polls.run('t', 's0', async () => undefined);
		first.finish({ endState: { cursor: 9 }, page: PAGE });
		expect(await second).toEqual({ adopted: true });
	});
});
