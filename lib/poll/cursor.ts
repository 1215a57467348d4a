/**
 * The cursor rules, as pure code: which window a poll reads, which records it emits, how each is
 * labelled, and where the cursor and de-dup set stand afterwards.
 *
 * Window: `field ge (cursor − overlap)`, ordered `field asc`, where field is lastUpdateDateTime
 * (created or updated) or createdDateTime (created only). The first poll starts at now − look-back
 * and nothing before that start is ever read (the overlap does not reach behind it). After an
 * outage longer than the max look-back (no completed poll in that time) a cursor older than
 * now − max look-back is moved forward and the move is reported once, on the next emitted item.
 * The local clock is used only for those bounds: the cursor itself always comes from record
 * timestamps, so clock skew between n8n and Graph cannot drop records.
 *
 * Cursor: advances to the newest timestamp *handled* in stream order (emitted, filtered out, or
 * recognised as already emitted), never past a record it did not look at. When the item cap stops
 * a poll mid-page, records sharing the last handled timestamp are re-read next poll (the window
 * starts before the cursor) and de-dup drops the ones already emitted, so ties are never lost.
 *
 * De-dup vs overlap: the de-dup set must remember every version emitted inside the overlap
 * window, or a re-read would emit an evicted one again. When more versions than the bound fall
 * inside it, the oldest are evicted anyway and `evictedThrough` records the newest evicted
 * timestamp: later polls skip records at or before it. The overlap is shortened rather than a
 * record repeated, and a warning says to raise the bound. Versions at the cursor are never evicted.
 */

import { diffFingerprints, fingerprintOf } from './fingerprint';
import { matchesIncidentAlerts, matchesOwnFields, needsIncidentAlerts } from './filters';
import type { PollOptions } from './options';
import { SeenSet, dedupKey } from './seen';
import type { PollState } from './state';
import { isoBefore, maxKey, msToTimeKey, toTimeKey, type TimeKey } from './time';
import type { DefenderMeta, EmitEvent, EmitItem, TimeField } from './types';

export interface PollWindow {
	field: TimeField;
	/** ISO value for `field ge since`. */
	since: string;
	/** `since` normalised, for comparisons. */
	sinceKey: TimeKey;
	firstRun: boolean;
	/** The cursor the next state starts from before any record is handled. */
	baseCursor: TimeKey;
	/** Records before this are outside the trigger's range (first start or clamp target). */
	floor?: TimeKey;
	/** Set when this poll moved a stale cursor forward. */
	clamp?: { from: TimeKey; to: TimeKey };
	/** Records at or before this timestamp are skipped (see the module comment). */
	skipThrough?: TimeKey;
	/** The stored cursor referred to the other field (the event option changed). */
	fieldChanged: boolean;
	/** This poll's local time, stored as `checkedAt`. */
	checkedAt: TimeKey;
}

/**
 * A stale cursor is clamped only after an outage: when no poll completed within the maximum
 * look-back. A cursor that is merely old (nothing matched for weeks, or a long backlog being
 * worked through at `maxItems` per poll) keeps its place, so catching up never skips records.
 */
function isOutage(state: PollState, oldestAllowed: TimeKey): boolean {
	return state.checkedAt === undefined || state.checkedAt < oldestAllowed;
}

export function computeWindow(state: PollState, options: PollOptions, nowMs: number): PollWindow {
	const field = options.field;
	const checkedAt = msToTimeKey(nowMs);
	const fieldChanged =
		state.cursor !== undefined && state.field !== undefined && state.field !== field;
	if (state.cursor === undefined) {
		const startKey = msToTimeKey(nowMs - options.lookBackMs);
		return {
			field,
			since: isoBefore(startKey, 0),
			sinceKey: startKey,
			firstRun: true,
			baseCursor: startKey,
			floor: startKey,
			fieldChanged,
			checkedAt,
		};
	}
	const oldestAllowed = msToTimeKey(nowMs - options.maxLookBackMs);
	if (state.cursor < oldestAllowed && isOutage(state, oldestAllowed)) {
		return {
			field,
			since: isoBefore(oldestAllowed, 0),
			sinceKey: oldestAllowed,
			firstRun: false,
			baseCursor: oldestAllowed,
			floor: oldestAllowed,
			clamp: { from: state.cursor, to: oldestAllowed },
			fieldChanged,
			checkedAt,
		};
	}
	let since = isoBefore(state.cursor, options.overlapMs);
	let sinceKey = toTimeKey(since) as TimeKey;
	let floor: TimeKey | undefined;
	if (state.floor !== undefined && state.floor > sinceKey) {
		floor = state.floor;
		since = isoBefore(floor, 0);
		sinceKey = toTimeKey(since) as TimeKey;
	}
	let skipThrough: TimeKey | undefined;
	if (state.evictedThrough !== undefined && state.evictedThrough >= sinceKey) {
		skipThrough = state.evictedThrough;
		since = isoBefore(state.evictedThrough, 0);
		sinceKey = toTimeKey(since) as TimeKey;
	}
	return {
		field,
		since,
		sinceKey,
		firstRun: false,
		baseCursor: state.cursor,
		floor,
		skipThrough,
		fieldChanged,
		checkedAt,
	};
}

export interface RecordVersion {
	id: string;
	/** Cursor-field timestamp, normalised. */
	timestamp: TimeKey;
}

/** The id and cursor-field timestamp of a raw record, or why it has none. */
export function readVersion(
	raw: unknown,
	field: TimeField,
): { version: RecordVersion; record: Record<string, unknown> } | { problem: string } {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		return { problem: 'record is not an object' };
	}
	const record = raw as Record<string, unknown>;
	if (typeof record.id !== 'string' || record.id === '') {
		return { problem: 'record has no string id' };
	}
	const timestamp = toTimeKey(record[field]);
	if (!timestamp) return { problem: `record ${record.id} has no valid ${field}` };
	return { version: { id: record.id, timestamp }, record };
}

/** Sorts a page by its cursor-field timestamp, keeping the API's order among equal ones. */
export function sortPage(page: readonly unknown[], field: TimeField): unknown[] {
	const keyed = page.map((raw, index) => {
		const value =
			typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[field] : undefined;
		return { raw, index, key: toTimeKey(value) ?? '' };
	});
	keyed.sort((a, b) => (a.key === b.key ? a.index - b.index : a.key < b.key ? -1 : 1));
	return keyed.map((entry) => entry.raw);
}

export function isRedirectedIncident(record: Record<string, unknown>): boolean {
	return (
		typeof record.status === 'string' &&
		record.status.toLowerCase() === 'redirected' &&
		typeof record.redirectIncidentId === 'string' &&
		record.redirectIncidentId !== ''
	);
}

/**
 * Event rule, in order:
 * 1. `merged`: a redirected incident (status redirected with redirectIncidentId).
 * 2. `created`: created-only mode (each id is emitted once).
 * 3. `updated`: some version of the id was emitted before and is still remembered.
 * 4. `created`: createdDateTime equals lastUpdateDateTime (never touched since creation), or the
 *    record was created inside the window being read (`windowStart`), so its creation was not
 *    reported before: Defender often updates a new alert within seconds (evidence, automated
 *    investigation), and that first sighting is still the alert's creation for the workflow.
 * 5. `updated` otherwise: created before the window, first seen now because it changed.
 * Without a window (manual runs, webhooks) rule 4 is the timestamp equality alone.
 */
export function classifyEvent(input: {
	record: Record<string, unknown>;
	resource: PollOptions['resource'];
	event: PollOptions['event'];
	knownBefore: boolean;
	windowStart?: TimeKey;
}): EmitEvent {
	const { record } = input;
	if (input.resource === 'incidents' && isRedirectedIncident(record)) return 'merged';
	if (input.event === 'created') return 'created';
	if (input.knownBefore) return 'updated';
	const created = toTimeKey(record.createdDateTime);
	const updated = toTimeKey(record.lastUpdateDateTime);
	if (created !== undefined && created === updated) return 'created';
	if (created !== undefined && input.windowStart !== undefined && created >= input.windowStart) {
		return 'created';
	}
	return 'updated';
}

export interface SelectionStats {
	read: number;
	emitted: number;
	duplicates: number;
	filtered: number;
	invalid: number;
	/** Outside the window: before the first start or clamp target, or at/before evicted entries. */
	outsideWindow: number;
	/** True when the item cap stopped the poll; more records may be waiting. */
	capped: boolean;
	evicted: number;
}

export type Consideration =
	| { action: 'skip' }
	| { action: 'stop' }
	| { action: 'invalid'; problem: string }
	| { action: 'candidate'; version: RecordVersion; record: Record<string, unknown> };

/**
 * Walks one poll's records in stream order and builds the emitted items and the next state.
 * Synchronous and side-effect free apart from its own fields; the runner does the I/O between
 * `consider` and `decide` (fetching incident alerts).
 */
export class PollSelection {
	readonly stats: SelectionStats = {
		read: 0,
		emitted: 0,
		duplicates: 0,
		filtered: 0,
		invalid: 0,
		outsideWindow: 0,
		capped: false,
		evicted: 0,
	};

	private readonly items: EmitItem[] = [];
	private readonly seen: SeenSet;
	private handledThrough: TimeKey | undefined;

	constructor(
		private readonly state: PollState,
		private readonly options: PollOptions,
		readonly window: PollWindow,
	) {
		this.seen = new SeenSet(state.seen);
	}

	get full(): boolean {
		return this.items.length >= this.options.maxItems;
	}

	/** First look at a record: already emitted, invalid, the cap reached, or a candidate. */
	consider(raw: unknown): Consideration {
		if (this.full) {
			this.stats.capped = true;
			return { action: 'stop' };
		}
		this.stats.read += 1;
		const read = readVersion(raw, this.window.field);
		if ('problem' in read) {
			this.stats.invalid += 1;
			return { action: 'invalid', problem: read.problem };
		}
		const { version, record } = read;
		if (this.window.floor !== undefined && version.timestamp < this.window.floor) {
			this.stats.outsideWindow += 1;
			return { action: 'skip' };
		}
		if (this.window.skipThrough !== undefined && version.timestamp <= this.window.skipThrough) {
			if (this.seen.has(this.options.event, version.id, version.timestamp)) {
				this.stats.duplicates += 1;
			} else {
				this.stats.outsideWindow += 1;
			}
			this.markHandled(version.timestamp);
			return { action: 'skip' };
		}
		if (this.seen.has(this.options.event, version.id, version.timestamp)) {
			this.stats.duplicates += 1;
			this.markHandled(version.timestamp);
			return { action: 'skip' };
		}
		if (!matchesOwnFields(record, this.options.resource, this.options.filters)) {
			this.stats.filtered += 1;
			this.markHandled(version.timestamp);
			return { action: 'skip' };
		}
		return { action: 'candidate', version, record };
	}

	/** Whether a candidate incident needs its alerts fetched before `decide` (merged ones have none). */
	wantsAlerts(record: Record<string, unknown>): boolean {
		return (
			this.options.resource === 'incidents' &&
			!Array.isArray(record.alerts) &&
			!isRedirectedIncident(record)
		);
	}

	/** Emits or filters a candidate; `extra` carries `alertsError` when fetching alerts failed. */
	decide(
		version: RecordVersion,
		record: Record<string, unknown>,
		extra: Pick<DefenderMeta, 'alertsError'> = {},
	): EmitItem | undefined {
		this.markHandled(version.timestamp);
		if (
			this.options.resource === 'incidents' &&
			needsIncidentAlerts(this.options.filters) &&
			!matchesIncidentAlerts(record, this.options.filters)
		) {
			this.stats.filtered += 1;
			return undefined;
		}
		const { id, timestamp } = version;
		const event = classifyEvent({
			record,
			resource: this.options.resource,
			event: this.options.event,
			knownBefore: this.seen.knowsId(id),
			windowStart: this.window.sinceKey,
		});
		const previous = this.seen.previousFingerprint(id);
		const fingerprint = fingerprintOf(record);
		const meta: DefenderMeta = {
			origin: 'poll',
			resource: this.options.resource === 'alerts' ? 'alert' : 'incident',
			event,
			key: dedupKey(this.options.event, id, timestamp),
			cursor: timestamp,
		};
		if (previous && event !== 'created') {
			meta.changes = diffFingerprints(previous, fingerprint);
		}
		if (event === 'merged') meta.mergedInto = record.redirectIncidentId as string;
		if (extra.alertsError !== undefined) meta.alertsError = extra.alertsError;
		const clamp = mergeClamp(this.state.pendingClamp, this.window.clamp);
		if (this.items.length === 0 && clamp) meta.clamp = clamp;
		this.seen.add(id, timestamp, this.options.event === 'created' ? undefined : fingerprint);
		const item = { ...record, _defender: meta } as EmitItem;
		this.items.push(item);
		this.stats.emitted += 1;
		return item;
	}

	/** The emitted items and the state to store when the caller persists this poll. */
	finish(): { items: EmitItem[]; nextState: PollState; evictedInsideWindow: boolean } {
		const cursor = maxKey(this.window.baseCursor, this.handledThrough) as TimeKey;
		const eviction = this.seen.evict(this.options.dedupBound, cursor);
		this.stats.evicted = eviction.evicted;
		const nextState: PollState = {
			v: 1,
			field: this.window.field,
			cursor,
			checkedAt: this.window.checkedAt,
			seen: this.seen.toJSON(),
		};
		const nextWindowStart = toTimeKey(isoBefore(cursor, this.options.overlapMs)) as TimeKey;
		if (this.window.floor !== undefined && this.window.floor > nextWindowStart) {
			nextState.floor = this.window.floor;
		}
		const evictedThrough = maxKey(this.state.evictedThrough, eviction.newestEvicted);
		const evictedInsideWindow =
			eviction.newestEvicted !== undefined && eviction.newestEvicted >= nextWindowStart;
		if (evictedThrough !== undefined && evictedThrough >= nextWindowStart) {
			nextState.evictedThrough = evictedThrough;
		}
		const clamp = mergeClamp(this.state.pendingClamp, this.window.clamp);
		if (clamp && this.items.length === 0) nextState.pendingClamp = clamp;
		return { items: this.items, nextState, evictedInsideWindow };
	}

	private markHandled(timestamp: TimeKey): void {
		this.handledThrough = maxKey(this.handledThrough, timestamp);
	}
}

function mergeClamp(
	pending: PollState['pendingClamp'],
	current: PollWindow['clamp'],
): { from: TimeKey; to: TimeKey } | undefined {
	if (pending && current) return { from: pending.from, to: current.to };
	return current ?? pending;
}
