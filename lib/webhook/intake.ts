/**
 * Webhook mode: turns a forwarder's POST body into records to emit. Accepts one Graph alert, one
 * incident (with or without `alerts`), or a batch `{ "value": [...] }` of either. Every record is
 * checked on its own; a bad one is reported by index and reason and never stops the others.
 */

import { classifyEvent } from '../poll/cursor';
import { diffFingerprints, fingerprintOf } from '../poll/fingerprint';
import { matchesFilters } from '../poll/filters';
import { resolveFilters } from '../poll/options';
import {
	DEFAULT_DEDUP_BOUND,
	dedupKey,
	parseSeenEntries,
	SeenSet,
	type SeenEntry,
} from '../poll/seen';
import { toTimeKey } from '../poll/time';
import type {
	DefenderMeta,
	EmitItem,
	TriggerEvent,
	TriggerFilters,
	TriggerResource,
} from '../poll/types';
import { cloneJson } from './sanitize';

export const DEFAULT_MAX_RECORDS = 1_000;

export const NO_ALERTS_IN_PAYLOAD = 'No alerts in payload';

export interface WebhookIntakeOptions {
	filters?: TriggerFilters;
	/** Most records accepted in one request. Default 1,000. */
	maxRecords?: number;
	/** Key rule and event labels, as in polling. Default `createdOrUpdated`. */
	event?: TriggerEvent;
	/**
	 * Stored de-dup entries (from the node's static data). When given, versions seen before are
	 * dropped as duplicates and `nextSeen` holds the entries to store; when absent, no de-dup.
	 */
	seen?: unknown;
	/** De-dup bound. Default 2,000. */
	dedupBound?: number;
}

export interface RecordIssue {
	index: number;
	reason: string;
}

export interface WebhookIntake {
	ok: true;
	accepted: EmitItem[];
	failed: RecordIssue[];
	filtered: number;
	duplicates: number;
	/** Accepted records from which unsafe keys were removed. */
	warnings: RecordIssue[];
	/** Present when de-dup is on: the entries to store. */
	nextSeen?: SeenEntry[];
}

export interface WebhookRejection {
	ok: false;
	/** 400 for a body that cannot be read, 413 for too many records. */
	status: 400 | 413;
	error: string;
}

const SHAPES_HINT =
	'Send one Graph alert, one incident, or a batch {"value": [...]} of them, as JSON.';

function reject(status: 400 | 413, error: string): WebhookRejection {
	return { ok: false, status, error };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The records in the body, or why there are none. */
function extractRecords(
	body: unknown,
	maxRecords: number,
): { records: unknown[] } | WebhookRejection {
	let parsed = body;
	if (typeof body === 'string') {
		if (body.trim() === '') return reject(400, NO_ALERTS_IN_PAYLOAD);
		try {
			parsed = JSON.parse(body);
		} catch {
			return reject(400, `Body is not JSON. ${SHAPES_HINT}`);
		}
	}
	if (parsed === undefined || parsed === null) return reject(400, NO_ALERTS_IN_PAYLOAD);
	if (Array.isArray(parsed)) {
		return reject(400, `Body is a JSON array. Wrap it as {"value": [...]}.`);
	}
	if (!isObject(parsed)) return reject(400, `Body is not a JSON object. ${SHAPES_HINT}`);
	if (Object.prototype.hasOwnProperty.call(parsed, 'value')) {
		const value = parsed.value;
		if (!Array.isArray(value)) {
			return reject(400, `"value" must be an array of alerts or incidents. ${SHAPES_HINT}`);
		}
		if (value.length > maxRecords) {
			return reject(
				413,
				`Too many records: ${value.length} in one request; send at most ${maxRecords} per request.`,
			);
		}
		return { records: value };
	}
	if (Object.prototype.hasOwnProperty.call(parsed, 'id')) return { records: [parsed] };
	if (Array.isArray(parsed.records)) {
		return reject(
			400,
			`${NO_ALERTS_IN_PAYLOAD}: this looks like an Event Hub envelope ("records"). ${SHAPES_HINT}`,
		);
	}
	return reject(400, NO_ALERTS_IN_PAYLOAD);
}

const ODATA_TYPES: Record<string, TriggerResource> = {
	'#microsoft.graph.security.alert': 'alerts',
	'#microsoft.graph.security.incident': 'incidents',
};

const ALERT_FIELDS = [
	'title',
	'serviceSource',
	'detectionSource',
	'providerAlertId',
	'alertWebUrl',
	'detectorId',
	'evidence',
	'incidentId',
];
const INCIDENT_FIELDS = [
	'displayName',
	'redirectIncidentId',
	'customTags',
	'alerts',
	'priorityScore',
];

/** Alert or incident, by `@odata.type` when present, else by the fields only one of them has. */
function recordKind(record: Record<string, unknown>): TriggerResource | string {
	const odataType = record['@odata.type'];
	if (odataType !== undefined) {
		const kind = typeof odataType === 'string' ? ODATA_TYPES[odataType] : undefined;
		return (
			kind ??
			`@odata.type ${JSON.stringify(odataType)} is not supported; expected #microsoft.graph.security.alert or #microsoft.graph.security.incident`
		);
	}
	const has = (field: string) => record[field] !== undefined && record[field] !== null;
	const alertScore = ALERT_FIELDS.filter(has).length;
	const incidentScore = INCIDENT_FIELDS.filter(has).length;
	if (alertScore > incidentScore) return 'alerts';
	if (incidentScore > alertScore) return 'incidents';
	return 'not a recognisable Graph alert or incident: expected "@odata.type", or fields such as "title" and "serviceSource" (alert) or "displayName" (incident)';
}

interface CheckedRecord {
	record: Record<string, unknown>;
	resource: TriggerResource;
	id: string;
	droppedKeys: string[];
}

function checkRecord(raw: unknown): CheckedRecord | string {
	if (!isObject(raw)) return 'record is not a JSON object';
	const cloned = cloneJson(raw);
	if (!cloned.ok) return cloned.reason;
	const record = cloned.value as Record<string, unknown>;
	if (record.id === undefined) return 'record has no "id"';
	if (typeof record.id !== 'string' || record.id.trim() === '') {
		return '"id" must be a non-empty string (Graph ids are strings)';
	}
	for (const field of ['status', 'severity'] as const) {
		const value = record[field];
		if (value !== undefined && value !== null && typeof value !== 'string') {
			return `"${field}" must be a string`;
		}
	}
	const kind = recordKind(record);
	if (kind !== 'alerts' && kind !== 'incidents') return kind;
	if (record.alerts !== undefined && kind === 'incidents' && !Array.isArray(record.alerts)) {
		return '"alerts" must be an array';
	}
	return { record, resource: kind, id: record.id, droppedKeys: cloned.droppedKeys };
}

/**
 * Reads a webhook body. Pure: de-dup takes the stored entries and returns the new ones in
 * `nextSeen`, leaving storage to the caller.
 */
export function parseWebhookPayload(
	body: unknown,
	options: WebhookIntakeOptions = {},
): WebhookIntake | WebhookRejection {
	const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
	const filters = resolveFilters(options.filters);
	const event = options.event ?? 'createdOrUpdated';
	const extracted = extractRecords(body, maxRecords);
	if ('ok' in extracted) return extracted;

	const dedup = options.seen !== undefined;
	const seen = dedup ? new SeenSet(parseSeenEntries(options.seen).entries) : undefined;
	const result: WebhookIntake = {
		ok: true,
		accepted: [],
		failed: [],
		filtered: 0,
		duplicates: 0,
		warnings: [],
	};

	extracted.records.forEach((raw, index) => {
		const checked = checkRecord(raw);
		if (typeof checked === 'string') {
			result.failed.push({ index, reason: checked });
			return;
		}
		const { record, resource, id } = checked;
		const field = event === 'created' ? 'createdDateTime' : 'lastUpdateDateTime';
		const timestamp = toTimeKey(record[field]);
		if (dedup && event === 'createdOrUpdated' && timestamp === undefined) {
			result.failed.push({
				index,
				reason: `"lastUpdateDateTime" is missing or not an ISO timestamp with a zone; it is needed to de-duplicate updates`,
			});
			return;
		}
		if (!matchesFilters(record, resource, filters)) {
			result.filtered += 1;
			return;
		}
		if (seen?.has(event, id, timestamp ?? '')) {
			result.duplicates += 1;
			return;
		}
		const previous = seen?.previousFingerprint(id);
		const meta: DefenderMeta = {
			origin: 'webhook',
			resource: resource === 'alerts' ? 'alert' : 'incident',
			event: classifyEvent({ record, resource, event, knownBefore: seen?.knowsId(id) ?? false }),
			key: dedupKey(event, id, timestamp ?? ''),
		};
		if (timestamp) meta.cursor = timestamp;
		if (previous && meta.event !== 'created') {
			meta.changes = diffFingerprints(previous, fingerprintOf(record));
		}
		if (meta.event === 'merged') meta.mergedInto = record.redirectIncidentId as string;
		seen?.add(id, timestamp ?? '', event === 'created' ? undefined : fingerprintOf(record));
		if (checked.droppedKeys.length > 0) {
			result.warnings.push({
				index,
				reason: `removed unsafe keys: ${checked.droppedKeys.join(', ')}`,
			});
		}
		result.accepted.push({ ...record, _defender: meta } as EmitItem);
	});

	if (seen) {
		seen.evict(options.dedupBound ?? DEFAULT_DEDUP_BOUND);
		result.nextSeen = seen.toJSON();
	}
	return result;
}
