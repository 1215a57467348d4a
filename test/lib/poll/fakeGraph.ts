/**
 * An in-memory stand-in for the Graph list endpoints behind a PageSource: it stores the current
 * version of each record, answers `field ge since` with the server filters, orders by the field
 * and pages. Two paging styles:
 * - `nextLink`: the result set is fixed at the first request and sliced (what @odata.nextLink gives);
 * - `boundary`: every page is a fresh query from the newest timestamp of the previous page,
 *   inclusive, so ties and records updated meanwhile come back (what time-boundary paging gives).
 * Hooks let a test change records between pages or fail a given request.
 */

import { DefenderError } from '../../../lib/errors';
import { toTimeKey } from '../../../lib/poll/time';
import type { ListQuery, PageSource } from '../../../lib/poll/types';
import type { Logger } from '../../../lib/ports';

export type GraphRecord = Record<string, unknown> & {
	id: string;
	createdDateTime: string;
	lastUpdateDateTime: string;
};

const BASE_MS = Date.UTC(2024, 2, 1, 10, 0, 0);

/** An ISO timestamp `seconds` (whole) after a fixed base, with Graph's 7 fractional digits. */
export function at(seconds: number, ticks = 0): string {
	const whole = new Date(BASE_MS + seconds * 1000).toISOString().slice(0, 19);
	return `${whole}.${String(ticks).padStart(7, '0')}Z`;
}

/** Milliseconds for the same base, to use as `now`. */
export function nowAt(seconds: number): number {
	return BASE_MS + seconds * 1000;
}

export function alert(
	id: string,
	created: string,
	updated: string = created,
	extra: Record<string, unknown> = {},
): GraphRecord {
	return {
		'@odata.type': '#microsoft.graph.security.alert',
		id,
		title: `Alert ${id}`,
		status: 'new',
		severity: 'medium',
		classification: null,
		determination: null,
		assignedTo: null,
		category: 'Execution',
		serviceSource: 'microsoftDefenderForEndpoint',
		createdDateTime: created,
		lastUpdateDateTime: updated,
		...extra,
	};
}

export function incident(
	id: string,
	created: string,
	updated: string = created,
	extra: Record<string, unknown> = {},
): GraphRecord {
	return {
		'@odata.type': '#microsoft.graph.security.incident',
		id,
		displayName: `Incident ${id}`,
		status: 'active',
		severity: 'high',
		classification: null,
		determination: null,
		assignedTo: null,
		redirectIncidentId: null,
		createdDateTime: created,
		lastUpdateDateTime: updated,
		...extra,
	};
}

function matches(record: GraphRecord, query: ListQuery): boolean {
	if (query.since) {
		const value = toTimeKey(record[query.since.field]);
		const since = toTimeKey(query.since.value);
		if (!value || !since || value < since) return false;
	}
	for (const field of ['status', 'severity', 'serviceSource'] as const) {
		const allowed = query.filters[field];
		if (allowed && !allowed.includes(String(record[field]))) return false;
	}
	return true;
}

export class FakeGraph {
	readonly queries: ListQuery[] = [];
	requests = 0;
	paging: 'nextLink' | 'boundary' = 'nextLink';
	/** Ignore the server filters (as a source that drops part of `$filter` would). */
	ignoreFilters = false;
	/** 1-based request number that fails with a server error. */
	failAtRequest?: number;
	/** Runs before each request is answered (1-based request number). */
	beforeRequest?: (request: number) => void;
	/** Records served on top of the stored ones, e.g. malformed data. */
	extraRecords: unknown[] = [];

	private readonly records = new Map<string, GraphRecord>();

	constructor(records: GraphRecord[] = []) {
		for (const record of records) this.put(record);
	}

	put(record: GraphRecord): void {
		this.records.set(record.id, { ...record });
	}

	update(id: string, patch: Partial<GraphRecord> & { lastUpdateDateTime: string }): void {
		const current = this.records.get(id);
		if (!current) throw new Error(`no record ${id}`);
		this.records.set(id, { ...current, ...patch });
	}

	get(id: string): GraphRecord | undefined {
		return this.records.get(id);
	}

	get size(): number {
		return this.records.size;
	}

	readonly source: PageSource = (query) => this.pages(query);

	private select(query: ListQuery): GraphRecord[] {
		const field = query.orderBy.field;
		const effective = this.ignoreFilters ? { ...query, filters: {} } : query;
		const rows = [...this.records.values()].filter((record) => matches(record, effective));
		rows.sort((a, b) => {
			const left = toTimeKey(a[field]) ?? '';
			const right = toTimeKey(b[field]) ?? '';
			if (left === right) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
			const order = left < right ? -1 : 1;
			return query.orderBy.direction === 'asc' ? order : -order;
		});
		return rows.map((row) => ({ ...row }));
	}

	private answer(): void {
		this.requests += 1;
		this.beforeRequest?.(this.requests);
		if (this.failAtRequest === this.requests) {
			throw new DefenderError('server', 'Microsoft Graph returned a server error.', {
				status: 503,
			});
		}
	}

	private async *pages(query: ListQuery): AsyncGenerator<unknown[]> {
		this.queries.push(query);
		if (this.paging === 'nextLink') {
			this.answer();
			const rows: unknown[] = [...this.select(query), ...this.extraRecords];
			for (let offset = 0; ; offset += query.top) {
				if (offset > 0) this.answer();
				const page = rows.slice(offset, offset + query.top);
				yield page;
				if (offset + query.top >= rows.length) return;
			}
		}
		let current = query;
		for (let guard = 0; guard < 10_000; guard += 1) {
			this.answer();
			const page = this.select(current).slice(0, current.top);
			yield page;
			if (page.length < current.top) return;
			const field = current.orderBy.field;
			const last = page[page.length - 1][field] as string;
			if (current.since && toTimeKey(current.since.value) === toTimeKey(last)) {
				throw new Error('fake boundary paging made no progress (more ties than the page size)');
			}
			current = { ...current, since: { field, value: last } };
		}
	}
}

export interface RecordingLogger extends Logger {
	warnings: string[];
}

export function recordingLogger(): RecordingLogger {
	const warnings: string[] = [];
	return { warnings, debug: () => undefined, warn: (message) => warnings.push(message) };
}
