/**
 * In-process memory of each polling trigger's latest state, and one poll at a time per trigger.
 *
 * n8n hands every poll a copy of the workflow's static data and saves it after an emit without
 * waiting. When n8n starts two polls of one workflow close together (seen at start-up, where the
 * workflow is activated twice, and on a quick deactivate/activate), the second reads the state
 * from before the first was saved and emits the same page again. Running polls of one trigger one
 * after the other, each starting from the newer of the stored state and the one this process last
 * reached, closes that gap within one n8n process; the stored state still carries the cursor
 * across restarts and processes.
 */

import { SeenSet } from './seen';
import type { PollState } from './state';

/** Triggers remembered at once; the least recently used is forgotten first. */
export const DEFAULT_MAX_POLL_SCOPES = 200;

function copyState(state: PollState): PollState {
	return JSON.parse(JSON.stringify(state)) as PollState;
}

export class RecentPollStates {
	private readonly states = new Map<string, PollState>();
	private readonly queues = new Map<string, Promise<unknown>>();

	constructor(private readonly maxScopes = DEFAULT_MAX_POLL_SCOPES) {}

	/** Runs `poll` after every earlier poll of `scope` in this process has finished. */
	async oneAtATime<T>(scope: string, poll: () => Promise<T>): Promise<T> {
		const before = this.queues.get(scope) ?? Promise.resolve();
		const run = before.then(poll, poll);
		const settled = run.then(
			() => undefined,
			() => undefined,
		);
		this.queues.set(scope, settled);
		try {
			return await run;
		} finally {
			if (this.queues.get(scope) === settled) this.queues.delete(scope);
		}
	}

	/**
	 * The state a poll should start from: the stored one, unless this process already got further
	 * on the same field (a fresh stored state has none). With equal cursors the versions seen by either are kept.
	 */
	startFrom(scope: string, stored: PollState): PollState {
		const remembered = this.states.get(scope);
		if (!remembered?.cursor) return stored;
		if (stored.field !== undefined && remembered.field !== stored.field) return stored;
		if (stored.cursor === undefined || remembered.cursor > stored.cursor) {
			return copyState(remembered);
		}
		if (remembered.cursor < stored.cursor) return stored;
		return { ...stored, seen: new SeenSet([...stored.seen, ...remembered.seen]).toJSON() };
	}

	/** Remembers the state a poll finished with (copied: the caller hands its own to n8n). */
	remember(scope: string, state: PollState): void {
		this.states.delete(scope);
		this.states.set(scope, copyState(state));
		while (this.states.size > this.maxScopes) {
			const oldest = this.states.keys().next().value as string;
			this.states.delete(oldest);
		}
	}

	get size(): number {
		return this.states.size;
	}
}
