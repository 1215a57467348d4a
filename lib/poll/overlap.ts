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

import { createHash } from 'crypto';

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

const WAIT_STEP_MS = 250;

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
 * page, so an old page starting an execution never vouches for a new one. A digest, so that
 * keeping a few per trigger stays small whatever the page size.
 */
export function pageSignature(records: ReadonlyArray<Record<string, unknown>>): string {
	const hash = createHash('sha256');
	for (const record of records) {
		hash.update(
			`${String(record.id)}|${String(record.lastUpdateDateTime ?? '')}|${String(record.createdDateTime ?? '')}\n`,
		);
	}
	return hash.digest('base64');
}

export class OverlappingPolls<State> {
	private readonly running = new Map<string, RunningPoll<State>>();
	private readonly accepted = new Map<string, string[]>();
	private readonly waiters = new Map<string, Waiter[]>();

	constructor(
		private readonly sleep: Sleep,
		private readonly timings: OverlapTimings = DEFAULT_OVERLAP_TIMINGS,
	) {}

	/**
	 * `promise`'s value, or 'timeout' after `ms`. Waits in short steps so that no long timer is
	 * left pending once the promise settles.
	 */
	private async within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
		let settled = false;
		let value: T | undefined;
		const watched = promise.then((result) => {
			settled = true;
			value = result;
		});
		for (let waited = 0; !settled && waited < ms; waited += WAIT_STEP_MS) {
			await Promise.race([watched, this.sleep(Math.min(WAIT_STEP_MS, ms - waited))]);
		}
		return settled ? (value as T) : 'timeout';
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
		const outcome = await this.within(other.finished, this.timings.runningMs);
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
		const result = await this.within(seen, this.timings.acceptedMs);
		if (result === 'timeout') {
			const left = (this.waiters.get(trigger) ?? []).filter((w) => w !== waiter);
			if (left.length) this.waiters.set(trigger, left);
			else this.waiters.delete(trigger);
		}
		return result === 'seen';
	}
}
