/**
 * Polls a machine action until it reaches a final status or the time limit. Intervals grow
 * (10 s, 20 s, 40 s, 60 s...) to stay well inside MDE's 100 calls/min (graph-api.md §7.1, §8.2).
 * Running out of time is a result, not an error: the action keeps running in Defender.
 */

import { DefenderError } from '../errors';
import type { Clock, Sleep } from '../ports';
import { getMachineAction } from './actions';
import type { DefenderApi } from './api';
import type { MachineAction } from './schemas';

/** graph-api.md §8.2: terminal states. */
export const FINAL_ACTION_STATUSES = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'] as const;
export type FinalActionStatus = (typeof FINAL_ACTION_STATUSES)[number];

export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_FIRST_INTERVAL_MS = 10_000;
export const DEFAULT_MAX_INTERVAL_MS = 60_000;

export interface WaitOptions {
	/** Give up waiting after this long (default 10 minutes). */
	timeoutMs?: number;
	sleep: Sleep;
	clock: Clock;
	/** Wait before the first poll (default 10 s); doubles up to `maxIntervalMs`. */
	firstIntervalMs?: number;
	/** Longest wait between polls (default 60 s). */
	maxIntervalMs?: number;
}

export type WaitResult =
	| {
			outcome: 'completed';
			status: FinalActionStatus;
			succeeded: boolean;
			action: MachineAction;
			polls: number;
			waitedMs: number;
	  }
	| {
			outcome: 'timedOut';
			/** The last status seen (Pending or InProgress). */
			status: string;
			action: MachineAction;
			polls: number;
			waitedMs: number;
			message: string;
	  };

export function isFinalActionStatus(status: unknown): status is FinalActionStatus {
	return (FINAL_ACTION_STATUSES as readonly unknown[]).includes(status);
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
	const v = value ?? fallback;
	if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
		throw new DefenderError('validation', `${name} must be a number of milliseconds, 0 or more.`);
	}
	return v;
}

/** Polls `GET /api/machineactions/{id}` until Succeeded, Failed, TimeOut or Cancelled. */
export async function waitForAction(
	api: DefenderApi,
	actionId: string,
	options: WaitOptions,
): Promise<WaitResult> {
	const timeoutMs = nonNegative(options.timeoutMs, DEFAULT_WAIT_TIMEOUT_MS, 'The wait time limit');
	const maxIntervalMs = Math.max(
		1,
		nonNegative(options.maxIntervalMs, DEFAULT_MAX_INTERVAL_MS, 'The longest poll interval'),
	);
	let interval = Math.min(
		Math.max(
			1,
			nonNegative(options.firstIntervalMs, DEFAULT_FIRST_INTERVAL_MS, 'The first poll interval'),
		),
		maxIntervalMs,
	);
	const started = options.clock.now();
	const deadline = started + timeoutMs;
	let polls = 0;

	for (;;) {
		const action = await getMachineAction(api, actionId);
		polls += 1;
		const now = options.clock.now();
		if (isFinalActionStatus(action.status)) {
			return {
				outcome: 'completed',
				status: action.status,
				succeeded: action.status === 'Succeeded',
				action,
				polls,
				waitedMs: now - started,
			};
		}
		const left = deadline - now;
		if (left <= 0) {
			const minutes = Math.round((timeoutMs / 60_000) * 10) / 10;
			return {
				outcome: 'timedOut',
				status: action.status,
				action,
				polls,
				waitedMs: now - started,
				message: `The ${action.type} action ${action.id} was still ${action.status} after ${minutes} min; it keeps running in Defender. Check it later with its ID, or raise the wait time limit.`,
			};
		}
		await options.sleep(Math.min(interval, left));
		interval = Math.min(interval * 2, maxIntervalMs);
	}
}
