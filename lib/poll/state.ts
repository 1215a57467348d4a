/**
 * What the trigger keeps in the node's static data between polls. Small, versioned and plain JSON.
 * n8n persists it only when a poll emits and at activation, so every field must be safe to
 * re-apply after a crash: re-reading from an older cursor only costs de-dup work.
 */

import { parseSeenEntries, type SeenEntry } from './seen';
import { toTimeKey, type TimeKey } from './time';
import type { TimeField } from './types';

export const STATE_VERSION = 1;

export interface PollState {
	v: typeof STATE_VERSION;
	/** The field `cursor` refers to. */
	field?: TimeField;
	/** Newest timestamp handled so far (normalised). Absent before the first poll. */
	cursor?: TimeKey;
	/**
	 * Newest timestamp evicted from `seen` while still inside the overlap window. Records at or
	 * before it that are not in `seen` are skipped instead of emitted a second time.
	 */
	evictedThrough?: TimeKey;
	/** Records before this are never read: the first poll's start, or a clamp target. */
	floor?: TimeKey;
	/** Local time of the last completed poll; a gap longer than the max look-back is an outage. */
	checkedAt?: TimeKey;
	/** A clamp not yet reported because no item was emitted since. */
	pendingClamp?: { from: TimeKey; to: TimeKey };
	seen: SeenEntry[];
}

export interface ParsedState {
	state: PollState;
	/** Set when stored data was unusable (fully or partly) and was replaced; never thrown. */
	warning?: string;
}

export function freshState(): PollState {
	return { v: STATE_VERSION, seen: [] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(isPlainObject(value) && Object.keys(value).length === 0)
	);
}

/**
 * Reads stored state. Missing or empty data starts fresh silently (first activation). Data from an
 * unknown version, or not an object, starts fresh with a warning. Damaged fields of a version-1
 * state are dropped one by one, keeping whatever is still valid, with a warning naming them.
 */
export function parseState(raw: unknown): ParsedState {
	if (isEmpty(raw)) return { state: freshState() };
	if (!isPlainObject(raw)) {
		return {
			state: freshState(),
			warning: 'Stored trigger state is not an object; starting fresh from the look-back window.',
		};
	}
	if (raw.v !== STATE_VERSION) {
		return {
			state: freshState(),
			warning: `Stored trigger state has unknown version ${JSON.stringify(raw.v ?? null)}; starting fresh from the look-back window.`,
		};
	}
	const state = freshState();
	const problems: string[] = [];

	if (raw.field === 'createdDateTime' || raw.field === 'lastUpdateDateTime')
		state.field = raw.field;
	else if (raw.field !== undefined) problems.push('field');

	const cursor = readTimeKey(raw.cursor, 'cursor', problems);
	if (cursor) state.cursor = cursor;
	const evictedThrough = readTimeKey(raw.evictedThrough, 'evictedThrough', problems);
	if (evictedThrough) state.evictedThrough = evictedThrough;
	const floor = readTimeKey(raw.floor, 'floor', problems);
	if (floor) state.floor = floor;
	const checkedAt = readTimeKey(raw.checkedAt, 'checkedAt', problems);
	if (checkedAt) state.checkedAt = checkedAt;

	if (raw.pendingClamp !== undefined) {
		const clamp = raw.pendingClamp;
		const from = isPlainObject(clamp) ? toTimeKey(clamp.from) : undefined;
		const to = isPlainObject(clamp) ? toTimeKey(clamp.to) : undefined;
		if (from && to) state.pendingClamp = { from, to };
		else problems.push('pendingClamp');
	}

	const { entries, dropped } = parseSeenEntries(raw.seen);
	state.seen = entries;
	if (dropped > 0) problems.push(`seen (${dropped} entr${dropped === 1 ? 'y' : 'ies'})`);

	if (problems.length === 0) return { state };
	return {
		state,
		warning: `Stored trigger state had unusable data that was dropped: ${problems.join(', ')}.${
			state.cursor ? '' : ' No valid cursor remains; starting from the look-back window.'
		}`,
	};
}

function readTimeKey(value: unknown, name: string, problems: string[]): TimeKey | undefined {
	if (value === undefined) return undefined;
	const key = toTimeKey(value);
	if (!key) problems.push(name);
	return key;
}
