import { buildAlertRecord } from './alert';
import { describeShape, NormalizeInputError } from './errors';
import { buildIncidentRecords } from './incident';
import { resolveOptions, type NormalizeOptions, type ResolvedOptions } from './options';
import { asId, asObject, asString, type JsonObject } from './read';
import type { NormalizedRecord } from './types';

/**
 * What an input item is, decided from its shape:
 * - batch: an array, or an object with a `value` array and no `id` (a Graph collection page);
 * - incident: `@odata.type` ending in `.incident`, or `displayName` with `incidentWebUrl`,
 *   `alerts`, `redirectIncidentId` or `customTags`;
 * - alert: `@odata.type` ending in `.alert`, or any of serviceSource, evidence, alertWebUrl,
 *   providerAlertId, detectionSource, detectorId, mitreTechniques, or `title` with severity,
 *   status or incidentId.
 * Alerts and incidents also need an `id` (string or number).
 */
export type InputKind = 'alert' | 'incident' | 'batch';

const ALERT_KEYS = [
	'serviceSource',
	'evidence',
	'alertWebUrl',
	'providerAlertId',
	'detectionSource',
	'detectorId',
	'mitreTechniques',
] as const;

const INCIDENT_COMPANION_KEYS = [
	'incidentWebUrl',
	'alerts',
	'redirectIncidentId',
	'customTags',
] as const;

function shapeOf(item: JsonObject): 'alert' | 'incident' | undefined {
	const odataType = asString(item['@odata.type']);
	if (odataType !== undefined) {
		if (odataType.endsWith('.incident')) return 'incident';
		if (odataType.endsWith('.alert')) return 'alert';
	}
	if (typeof item.displayName === 'string') {
		for (const key of INCIDENT_COMPANION_KEYS) if (key in item) return 'incident';
	}
	for (const key of ALERT_KEYS) if (key in item) return 'alert';
	if (
		typeof item.title === 'string' &&
		('severity' in item || 'status' in item || 'incidentId' in item)
	) {
		return 'alert';
	}
	return undefined;
}

export function detectKind(item: unknown): InputKind | undefined {
	if (Array.isArray(item)) return 'batch';
	const object = asObject(item);
	if (object === undefined) return undefined;
	if (Array.isArray(object.value) && asId(object.id) === undefined) return 'batch';
	if (asId(object.id) === undefined) return undefined;
	return shapeOf(object);
}

const EXPECTED =
	"expected an object with 'id' and alert fields (serviceSource, evidence, alertWebUrl, " +
	'providerAlertId...) or incident fields (displayName with incidentWebUrl or alerts...), ' +
	'or a batch { value: [...] } of them';

const HINT =
	'Feed this node the output of the Defender trigger or of a Defender alert or incident ' +
	'operation, or map the expression to the alert or incident object itself.';

function where(itemIndex: number | undefined, path: string | undefined): string {
	const item = itemIndex === undefined ? 'Item' : `Item ${itemIndex}`;
	return path === undefined ? item : `${item}, ${path},`;
}

function notRecognised(item: unknown, itemIndex?: number, path?: string): NormalizeInputError {
	const object = asObject(item);
	const lookalike =
		object !== undefined && asId(object.id) === undefined ? shapeOf(object) : undefined;
	const message =
		lookalike !== undefined
			? `${where(itemIndex, path)} looks like a Defender ${lookalike} but has no 'id': ${EXPECTED}. Got: ${describeShape(item)}.`
			: `${where(itemIndex, path)} is not a Defender alert or incident: ${EXPECTED}. Got: ${describeShape(item)}.`;
	return new NormalizeInputError(message, { itemIndex, path, hint: HINT });
}

function recordsOfEntity(
	item: unknown,
	kind: 'alert' | 'incident',
	options: ResolvedOptions,
): NormalizedRecord[] {
	const object = item as JsonObject;
	const id = asId(object.id) as string;
	return kind === 'alert'
		? [buildAlertRecord(object, id, options)]
		: buildIncidentRecords(object, id, options);
}

/**
 * Default-profile records of one input item (alert, incident or batch). Throws
 * NormalizeInputError naming the item (and the batch position) when something is neither.
 */
export function recordsOf(
	item: unknown,
	options: ResolvedOptions,
	itemIndex?: number,
): NormalizedRecord[] {
	const kind = detectKind(item);
	if (kind === undefined) throw notRecognised(item, itemIndex);
	if (kind !== 'batch') return recordsOfEntity(item, kind, options);

	const entries = Array.isArray(item) ? item : ((item as JsonObject).value as unknown[]);
	const label = Array.isArray(item) ? '' : 'value';
	const records: NormalizedRecord[] = [];
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i];
		const entryKind = detectKind(entry);
		if (entryKind === undefined || entryKind === 'batch') {
			throw notRecognised(entry, itemIndex, `${label}[${i}]`);
		}
		for (const record of recordsOfEntity(entry, entryKind, options)) records.push(record);
	}
	return records;
}

/** One Graph alert → one default-profile record. */
export function normalizeAlert(alert: unknown, options?: NormalizeOptions): NormalizedRecord {
	const resolved = resolveOptions(options);
	if (detectKind(alert) === 'incident') {
		throw new NormalizeInputError(
			'Expected a Defender alert but got an incident: use normalizeIncident or normalizeInput.',
			{ hint: HINT },
		);
	}
	const object = asObject(alert);
	const id = object && asId(object.id);
	if (object === undefined || id === undefined) throw notRecognised(alert);
	return buildAlertRecord(object, id, resolved);
}

/** One Graph incident → its record, then one per alert with `splitIncidentAlerts`. */
export function normalizeIncident(
	incident: unknown,
	options?: NormalizeOptions,
): NormalizedRecord[] {
	const resolved = resolveOptions(options);
	if (detectKind(incident) === 'alert') {
		throw new NormalizeInputError(
			'Expected a Defender incident but got an alert: use normalizeAlert or normalizeInput.',
			{ hint: HINT },
		);
	}
	const object = asObject(incident);
	const id = object && asId(object.id);
	if (object === undefined || id === undefined) throw notRecognised(incident);
	return buildIncidentRecords(object, id, resolved);
}

/** True for records this module produced (so OCSF/ECS converters accept either form). */
export function isNormalizedRecord(value: unknown): value is NormalizedRecord {
	const object = asObject(value);
	return (
		object !== undefined &&
		object.schemaVersion === 1 &&
		object.source === 'defender' &&
		typeof object.fingerprint === 'string' &&
		Array.isArray(object.observables)
	);
}
