/**
 * In-process memory of the versions each webhook trigger accepted, so de-dup holds while
 * deliveries overlap.
 *
 * n8n gives every webhook call its own copy of the workflow's static data, read from the database
 * when the call starts, and saves that copy back after the node returns (after the answer went
 * out). Calls that overlap, or a call that starts before the previous one was saved, therefore
 * read a set without the other's versions, and the last save wins. Merging this memory into the
 * stored entries on every call closes that gap within one n8n process; the stored entries still
 * carry de-dup across restarts.
 */

import { SeenSet, parseSeenEntries, type SeenEntry } from '../poll/seen';

/** Triggers remembered at once; the least recently used is forgotten first. */
export const DEFAULT_MAX_SCOPES = 200;

export class RecentVersions {
	private readonly scopes = new Map<string, SeenEntry[]>();

	constructor(private readonly maxScopes = DEFAULT_MAX_SCOPES) {}

	/**
	 * The stored entries (static data, any shape) joined with the ones remembered for `scope`.
	 * Unreadable stored entries are skipped, as in polling.
	 */
	merge(scope: string, stored: unknown): SeenEntry[] {
		const remembered = this.scopes.get(scope);
		const { entries } = parseSeenEntries(stored);
		if (!remembered) return entries;
		return new SeenSet([...entries, ...remembered]).toJSON();
	}

	/** Remembers the entries a call is about to store (copied: the caller hands its own to n8n). */
	remember(scope: string, entries: readonly SeenEntry[]): void {
		this.scopes.delete(scope);
		this.scopes.set(
			scope,
			entries.map((entry) => [...entry] as SeenEntry),
		);
		while (this.scopes.size > this.maxScopes) {
			const oldest = this.scopes.keys().next().value as string;
			this.scopes.delete(oldest);
		}
	}

	get size(): number {
		return this.scopes.size;
	}
}
