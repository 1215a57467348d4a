/** Shapes shared by the poll runner, the webhook intake and the trigger node. */

import type { TimeKey } from './time';

export type TriggerResource = 'alerts' | 'incidents';

/** `created`: new records only, keyed by id. `createdOrUpdated`: every new version, keyed by id|lastUpdateDateTime. */
export type TriggerEvent = 'created' | 'createdOrUpdated';

export type TimeField = 'createdDateTime' | 'lastUpdateDateTime';

/**
 * Every list given must match (AND across fields); within one list any value matches (OR).
 * Values compare case-insensitively, so forwarders sending `High` match `high`.
 */
export interface TriggerFilters {
	status?: string[];
	severity?: string[];
	/** Alert `category`. For incidents: matches when any of the incident's alerts matches. */
	category?: string[];
	/** Alert `serviceSource`. For incidents: matches when any of the incident's alerts matches. */
	serviceSource?: string[];
}

/** The filters Graph can apply in `$filter` for a resource (graph-api.md §3.1, §3.2). */
export interface ServerFilters {
	status?: string[];
	severity?: string[];
	serviceSource?: string[];
}

/** One list request. The source turns it into `$filter`, `$orderby` and `$top` and pages through it. */
export interface ListQuery {
	resource: TriggerResource;
	/** `field ge value`; absent for "newest N" queries. `value` is an ISO timestamp in UTC. */
	since?: { field: TimeField; value: string };
	filters: ServerFilters;
	orderBy: { field: TimeField; direction: 'asc' | 'desc' };
	/** Page size (`$top`). */
	top: number;
}

/**
 * Yields one array of raw records per HTTP page, in the order the API returned them. Breaking out
 * of the iteration must stop further requests. Errors propagate to the caller.
 */
export type PageSource = (query: ListQuery) => AsyncIterable<readonly unknown[]>;

/** Fetches the alerts of one incident (second step, instead of `$expand=alerts`). */
export type IncidentEnricher = (incident: Record<string, unknown>) => Promise<unknown[]>;

export type EmitEvent = 'created' | 'updated' | 'merged';

/** Tracked fields whose old and new values are reported on updates. */
export type TrackedField =
	| 'status'
	| 'classification'
	| 'determination'
	| 'assignedTo'
	| 'severity'
	| 'alertCount';

export type FieldChanges = Partial<Record<TrackedField, [unknown, unknown]>>;

export interface DefenderMeta {
	origin: 'poll' | 'manual' | 'webhook';
	resource: 'alert' | 'incident';
	event: EmitEvent;
	/** The de-dup key of this version: `id` (created only) or `id|lastUpdateDateTime`. */
	key: string;
	/** This record's cursor-field timestamp (normalised); absent for webhook records without one. */
	cursor?: TimeKey;
	/** Field changes since the last emitted version, when that version is still remembered. */
	changes?: FieldChanges;
	/** Present on the first item after a stale cursor was moved forward. */
	clamp?: { from: TimeKey; to: TimeKey };
	/** The incident this redirected incident was merged into. */
	mergedInto?: string;
	/** Why `alerts` is absent although the incident's alerts were requested. */
	alertsError?: string;
}

export type EmitItem = Record<string, unknown> & { _defender: DefenderMeta };
