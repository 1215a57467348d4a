/**
 * The bounded set of recently emitted record versions, shared by polling and webhook de-dup.
 *
 * Each entry is `[id, timestamp, fingerprint?]`: the timestamp is the version's cursor-field value
 * (normalised), so one entry answers both key rules, `id` (created only) and
 * `id|lastUpdateDateTime` (created or updated). Only the newest entry of an id keeps a fingerprint.
 *
 * Eviction drops the oldest timestamps first. Callers may protect entries at or after a timestamp
 * (the poll cursor): those are never evicted, because the next poll re-reads them and the cursor
 * cannot move past them.
 */

import { fingerprintOf, isFingerprint, type Fingerprint } from './fingerprint';
import { toTimeKey, type TimeKey } from './time';
import type { TriggerEvent } from './types';

export const DEFAULT_DEDUP_BOUND = 2_000;

/** `timestamp` is '' when the record had none (webhook, created-only de-dup). */
export type SeenEntry = [id: string, timestamp: TimeKey | '', fingerprint?: Fingerprint];

export interface EvictionResult {
	evicted: number;
	/** The newest timestamp among evicted entries. */
	newestEvicted?: TimeKey;
}

/** `id` when only new records matter; `id|timestamp` when every version does. */
export function dedupKey(event: TriggerEvent, id: string, timestamp: TimeKey | ''): string {
	return event === 'created' ? id : `${id}|${timestamp}`;
}

function versionKey(id: string, timestamp: string): string {
	return `${id}|${timestamp}`;
}

export class SeenSet {
	private entries: SeenEntry[] = [];
	private readonly versions = new Set<string>();
	private readonly idCounts = new Map<string, number>();
	private readonly latest = new Map<string, SeenEntry>();

	constructor(entries: readonly SeenEntry[] = []) {
		for (const [id, timestamp, fingerprint] of entries) this.add(id, timestamp, fingerprint);
	}

	get size(): number {
		return this.entries.length;
	}

	/** Whether the version with this key rule was emitted before. */
	has(event: TriggerEvent, id: string, timestamp: TimeKey | ''): boolean {
		return event === 'created'
			? this.idCounts.has(id)
			: this.versions.has(versionKey(id, timestamp));
	}

	/** The fingerprint of the newest remembered version of `id`. */
	previousFingerprint(id: string): Fingerprint | undefined {
		return this.latest.get(id)?.[2];
	}

	/** Whether any version of `id` is remembered. */
	knowsId(id: string): boolean {
		return this.idCounts.has(id);
	}

	/** Remembers a version; adding the same id and timestamp twice is a no-op. */
	add(id: string, timestamp: TimeKey | '', fingerprint?: Fingerprint): void {
		const key = versionKey(id, timestamp);
		if (this.versions.has(key)) return;
		const entry: SeenEntry = fingerprint ? [id, timestamp, fingerprint] : [id, timestamp];
		const current = this.latest.get(id);
		if (current === undefined || timestamp >= current[1]) {
			if (current) current.length = 2;
			this.latest.set(id, entry);
		} else {
			entry.length = 2;
		}
		this.entries.push(entry);
		this.versions.add(key);
		this.idCounts.set(id, (this.idCounts.get(id) ?? 0) + 1);
	}

	/** Remembers the version of a record (fingerprint taken from its tracked fields). */
	addRecord(id: string, timestamp: TimeKey | '', record: Record<string, unknown>): void {
		this.add(id, timestamp, fingerprintOf(record));
	}

	/**
	 * Shrinks the set to `bound` entries, oldest timestamps first, never evicting entries with a
	 * timestamp at or after `protectFrom`. The set can stay above the bound when more entries than
	 * that share the protected range; they are needed to make progress past equal timestamps.
	 */
	evict(bound: number, protectFrom?: TimeKey): EvictionResult {
		if (this.entries.length <= bound) return { evicted: 0 };
		const sorted = this.entries
			.map((entry, index) => ({ entry, index }))
			.sort((a, b) =>
				a.entry[1] === b.entry[1] ? a.index - b.index : a.entry[1] < b.entry[1] ? -1 : 1,
			)
			.map(({ entry }) => entry);
		let cut = 0;
		while (
			sorted.length - cut > bound &&
			(protectFrom === undefined || sorted[cut][1] < protectFrom)
		) {
			this.forget(sorted[cut]);
			cut += 1;
		}
		this.entries = sorted.slice(cut);
		return cut === 0
			? { evicted: 0 }
			: { evicted: cut, newestEvicted: sorted[cut - 1][1] || undefined };
	}

	/** JSON-ready copy, oldest first. */
	toJSON(): SeenEntry[] {
		return this.entries.map((entry) => [...entry] as SeenEntry);
	}

	private forget(entry: SeenEntry): void {
		const [id, timestamp] = entry;
		this.versions.delete(versionKey(id, timestamp));
		const count = (this.idCounts.get(id) ?? 1) - 1;
		if (count <= 0) this.idCounts.delete(id);
		else this.idCounts.set(id, count);
		if (this.latest.get(id) === entry) this.latest.delete(id);
	}
}

/** Keeps the well-formed entries of a stored list; returns how many were dropped. */
export function parseSeenEntries(value: unknown): { entries: SeenEntry[]; dropped: number } {
	if (!Array.isArray(value)) return { entries: [], dropped: value === undefined ? 0 : 1 };
	const entries: SeenEntry[] = [];
	let dropped = 0;
	for (const raw of value as unknown[]) {
		if (
			!Array.isArray(raw) ||
			raw.length < 2 ||
			raw.length > 3 ||
			typeof raw[0] !== 'string' ||
			raw[0] === '' ||
			typeof raw[1] !== 'string' ||
			(raw[1] !== '' && toTimeKey(raw[1]) !== raw[1]) ||
			(raw.length === 3 && !isFingerprint(raw[2]))
		) {
			dropped += 1;
			continue;
		}
		const entry: SeenEntry =
			raw.length === 3
				? [raw[0], raw[1], [...(raw[2] as Fingerprint)] as Fingerprint]
				: [raw[0], raw[1]];
		entries.push(entry);
	}
	return { entries, dropped };
}
