/**
 * Polls of one trigger that overlap in one process. n8n 2.41 discards the result of a superseded
 * scheduled poll but not of a superseded activation poll, so a workflow activated again while its
 * activation poll runs gets two polls from the same stored state, and both emit the same page.
 *
 * A poll that starts from the same state as a poll still running waits for it. It continues from
 * where that poll ended when that poll emitted nothing, or once the page it emitted was seen
 * starting an execution (n8n took it); otherwise, or when waiting takes too long, it starts from
 * its own state as before. So an overlap costs a wait, and a page n8n dropped is read again:
 * never a loss.
 */

import type { Sleep } from '../ports';

export interface OverlapTimings {
	/** Longest wait for the poll already running. */
	runningMs: number;
	/** Longest wait, after it returned a page, for that page to start an execution. */
	acceptedMs: number;
}

export const DEFAULT_OVERLAP_TIMINGS: OverlapTimings = {
	runningMs: 5 * 60_000,
	acceptedMs: 30_000,
};

/** How many accepted page signatures are kept per trigger; only the newest matter. */
const ACCEPTED_KEPT = 20;

/** What a finished poll stored, and the page it returned if any; undefined when it failed. */
export interface PollOutcome<State> {
	endState: State;
	/** Signature of the page returned (see pageSignature); undefined when nothing was returned. */
	page?: string;
}

interface RunningPoll<State> {
	startStamp: string;
	finished: Promise<PollOutcome<State> | undefined>;
}

interface Waiter {
	page: string;
	resolve: () => void;
}

/**
 * Identifies a page by the versions in it, in order: the same alerts updated later make another
 * page, so an old page starting an execution never vouches for a new one.
 */
export function pageSignature(records: ReadonlyArray<Record<string, unknown>>): string {
	return records
		.map(
			(record) =>
				`${String(record.id)}|${String(record.lastUpdateDateTime ?? '')}|${String(record.createdDateTime ?? '')}`,
		)
		.join('\n');
}

export class OverlappingPolls<State> {
	private readonly running = new Map<string, RunningPoll<State>>();
	private readonly accepted = new Map<string, string[]>();
	private readonly waiters = new Map<string, Waiter[]>();

	constructor(
		private readonly sleep: Sleep,
		private readonly timings: OverlapTimings = DEFAULT_OVERLAP_TIMINGS,
	) {}

	private async timeout(ms: number): Promise<'timeout'> {
		await this.sleep(ms);
		return 'timeout';
	}

	/**
	 * Runs one poll of `trigger`. `startStamp` identifies the stored state it starts from;
	 * `poll(adopted)` gets the state a finished overlapping poll reached, or undefined.
	 */
	async run(
		trigger: string,
		startStamp: string,
		poll: (adopted: State | undefined) => Promise<PollOutcome<State> | undefined>,
	): Promise<{ adopted: boolean }> {
		const adopted = await this.stateToContinueFrom(trigger, startStamp);
		let finish: (outcome: PollOutcome<State> | undefined) => void = () => undefined;
		const entry: RunningPoll<State> = {
			startStamp,
			finished: new Promise((resolve) => (finish = resolve)),
		};
		this.running.set(trigger, entry);
		let outcome: PollOutcome<State> | undefined;
		try {
			outcome = await poll(adopted);
		} finally {
			if (this.running.get(trigger) === entry) this.running.delete(trigger);
			finish(outcome);
		}
		return { adopted: adopted !== undefined };
	}

	/** Called with the records an execution of `trigger` started with. */
	pageStarted(trigger: string, records: ReadonlyArray<Record<string, unknown>>): void {
		const page = pageSignature(records);
		const kept = [...(this.accepted.get(trigger) ?? []), page].slice(-ACCEPTED_KEPT);
		this.accepted.set(trigger, kept);
		const waiting = this.waiters.get(trigger) ?? [];
		const stillWaiting = waiting.filter((waiter) => {
			if (waiter.page !== page) return true;
			waiter.resolve();
			return false;
		});
		if (stillWaiting.length) this.waiters.set(trigger, stillWaiting);
		else this.waiters.delete(trigger);
	}

	private async stateToContinueFrom(
		trigger: string,
		startStamp: string,
	): Promise<State | undefined> {
		const other = this.running.get(trigger);
		if (!other || other.startStamp !== startStamp) return undefined;
		const outcome = await Promise.race([other.finished, this.timeout(this.timings.runningMs)]);
		if (outcome === 'timeout' || outcome === undefined) return undefined;
		// A poll that emitted nothing dropped nothing: where it ended is safe to go on from.
		if (outcome.page === undefined) return outcome.endState;
		return (await this.wasAccepted(trigger, outcome.page)) ? outcome.endState : undefined;
	}

	private async wasAccepted(trigger: string, page: string): Promise<boolean> {
		if (this.accepted.get(trigger)?.includes(page)) return true;
		let resolveWaiter: () => void = () => undefined;
		const seen = new Promise<'seen'>((resolve) => (resolveWaiter = () => resolve('seen')));
		const waiter: Waiter = { page, resolve: resolveWaiter };
		this.waiters.set(trigger, [...(this.waiters.get(trigger) ?? []), waiter]);
		const result = await Promise.race([seen, this.timeout(this.timings.acceptedMs)]);
		if (result === 'timeout') {
			const left = (this.waiters.get(trigger) ?? []).filter((w) => w !== waiter);
			if (left.length) this.waiters.set(trigger, left);
			else this.waiters.delete(trigger);
		}
		return result === 'seen';
	}
}
