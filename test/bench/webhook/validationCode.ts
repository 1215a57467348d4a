/**
 * The JavaScript of the Code node in the benchmark's built-in workflow (Webhook, Code, Respond to
 * Webhook). It does what the Defender Trigger's webhook intake does with its default options, so
 * the benchmark compares the same work: body shape and record count, per-record checks (object,
 * non-empty string id, string status and severity, alert or incident, JSON-only values, nesting
 * at most 64), prototype-pollution keys dropped, versions de-duplicated across requests in the
 * node's static data (2,000 entries, the trigger's bound), the same `_defender` metadata on every
 * item, and the same answer (202 with counts, or 400/413 with the reason).
 *
 * `VALIDATION_FUNCTIONS` is plain JavaScript so the unit test can run the exact text the Code node
 * runs and compare it with the trigger's intake.
 */

export const VALIDATION_FUNCTIONS = String.raw`
const MAX_RECORDS = 1000;
const MAX_DEPTH = 64;
const DEDUP_BOUND = 2000;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,12}))?)?([Zz]|[+-]\d{2}:?\d{2})$/;
const ODATA_TYPES = { '#microsoft.graph.security.alert': 'alerts', '#microsoft.graph.security.incident': 'incidents' };
const ALERT_FIELDS = ['title', 'serviceSource', 'detectionSource', 'providerAlertId', 'alertWebUrl', 'detectorId', 'evidence', 'incidentId'];
const INCIDENT_FIELDS = ['displayName', 'redirectIncidentId', 'customTags', 'alerts', 'priorityScore'];
const TRACKED = ['status', 'classification', 'determination', 'assignedTo', 'severity', 'alertCount'];
const SHAPES_HINT = 'Send one Graph alert, one incident, or a batch {"value": [...]} of them, as JSON.';

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
// The Code node runs in a sandbox with its own Object: compare the tag, not the prototype.
const isPlainObject = (value) => Object.prototype.toString.call(value) === '[object Object]';

function timeKey(value) {
	if (typeof value !== 'string') return undefined;
	const match = ISO_PATTERN.exec(value.trim());
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
	const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
	if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
	const local = Date.UTC(y, mo - 1, d, h, mi, s);
	const check = new Date(local);
	if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined;
	let offset = 0;
	if (zone !== 'Z' && zone !== 'z') {
		const digits = zone.slice(1).replace(':', '');
		offset = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60000;
	}
	const date = new Date(local - offset);
	if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 || date.getUTCFullYear() < 0) return undefined;
	return date.toISOString().slice(0, 19) + '.' + fraction.padEnd(7, '0').slice(0, 7) + 'Z';
}

function cloneValue(value, path, depth, context) {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') {
		if (Number.isFinite(value)) return value;
		context.problem = path + ' is not a finite number';
		return undefined;
	}
	if (typeof value !== 'object' || (!Array.isArray(value) && !isPlainObject(value))) {
		context.problem = path + ' is not JSON data';
		return undefined;
	}
	if (depth >= MAX_DEPTH) {
		context.problem = 'nesting deeper than ' + MAX_DEPTH + ' levels at ' + path;
		return undefined;
	}
	if (Array.isArray(value)) {
		const copy = [];
		for (let index = 0; index < value.length && !context.problem; index += 1) {
			copy.push(cloneValue(value[index], path + '[' + index + ']', depth + 1, context));
		}
		return copy;
	}
	const copy = {};
	for (const key of Object.keys(value)) {
		if (context.problem) break;
		if (UNSAFE_KEYS.has(key)) {
			context.dropped.push(path + '.' + key);
			continue;
		}
		const entry = value[key];
		if (entry === undefined) continue;
		copy[key] = cloneValue(entry, path + '.' + key, depth + 1, context);
	}
	return copy;
}

function recordKind(record) {
	const odataType = record['@odata.type'];
	if (odataType !== undefined) {
		const kind = typeof odataType === 'string' ? ODATA_TYPES[odataType] : undefined;
		return kind || '@odata.type ' + JSON.stringify(odataType) + ' is not supported; expected #microsoft.graph.security.alert or #microsoft.graph.security.incident';
	}
	const has = (field) => record[field] !== undefined && record[field] !== null;
	const alertScore = ALERT_FIELDS.filter(has).length;
	const incidentScore = INCIDENT_FIELDS.filter(has).length;
	if (alertScore > incidentScore) return 'alerts';
	if (incidentScore > alertScore) return 'incidents';
	return 'not a recognisable Graph alert or incident: expected "@odata.type", or fields such as "title" and "serviceSource" (alert) or "displayName" (incident)';
}

function checkRecord(raw) {
	if (!isObject(raw)) return 'record is not a JSON object';
	const context = { dropped: [] };
	const record = cloneValue(raw, 'record', 0, context);
	if (context.problem !== undefined) return context.problem;
	if (record.id === undefined) return 'record has no "id"';
	if (typeof record.id !== 'string' || record.id.trim() === '') return '"id" must be a non-empty string (Graph ids are strings)';
	for (const field of ['status', 'severity']) {
		const value = record[field];
		if (value !== undefined && value !== null && typeof value !== 'string') return '"' + field + '" must be a string';
	}
	const kind = recordKind(record);
	if (kind !== 'alerts' && kind !== 'incidents') return kind;
	if (record.alerts !== undefined && kind === 'incidents' && !Array.isArray(record.alerts)) return '"alerts" must be an array';
	return { record, resource: kind, id: record.id, droppedKeys: context.dropped };
}

function fingerprintOf(record) {
	const text = (value) => (typeof value === 'string' ? value : null);
	return [text(record.status), text(record.classification), text(record.determination), text(record.assignedTo), text(record.severity), Array.isArray(record.alerts) ? record.alerts.length : null];
}

function diffFingerprints(previous, current) {
	const changes = {};
	TRACKED.forEach((field, index) => {
		const before = previous[index];
		const after = current[index];
		if (field === 'alertCount' && (before === null || after === null)) return;
		if (before !== after) changes[field] = [before, after];
	});
	return changes;
}

function extractRecords(body) {
	let parsed = body;
	if (typeof body === 'string') {
		if (body.trim() === '') return { status: 400, error: 'No alerts in payload' };
		try {
			parsed = JSON.parse(body);
		} catch (error) {
			return { status: 400, error: 'Body is not JSON. ' + SHAPES_HINT };
		}
	}
	if (parsed === undefined || parsed === null) return { status: 400, error: 'No alerts in payload' };
	if (Array.isArray(parsed)) return { status: 400, error: 'Body is a JSON array. Wrap it as {"value": [...]}.' };
	if (!isObject(parsed)) return { status: 400, error: 'Body is not a JSON object. ' + SHAPES_HINT };
	if (Object.prototype.hasOwnProperty.call(parsed, 'value')) {
		if (!Array.isArray(parsed.value)) return { status: 400, error: '"value" must be an array of alerts or incidents. ' + SHAPES_HINT };
		if (parsed.value.length > MAX_RECORDS) {
			return { status: 413, error: 'Too many records: ' + parsed.value.length + ' in one request; send at most ' + MAX_RECORDS + ' per request.' };
		}
		return { records: parsed.value };
	}
	if (Object.prototype.hasOwnProperty.call(parsed, 'id')) return { records: [parsed] };
	if (Array.isArray(parsed.records)) {
		return { status: 400, error: 'No alerts in payload: this looks like an Event Hub envelope ("records"). ' + SHAPES_HINT };
	}
	return { status: 400, error: 'No alerts in payload' };
}

/** Seen versions: [id, timeKey, fingerprint?] entries, as the trigger stores them. */
function seenSet(stored) {
	const entries = [];
	const versions = new Set();
	const idCounts = new Map();
	const latest = new Map();
	const add = (id, timestamp, fingerprint) => {
		const key = id + '|' + timestamp;
		if (versions.has(key)) return;
		const entry = fingerprint ? [id, timestamp, fingerprint] : [id, timestamp];
		const current = latest.get(id);
		if (current === undefined || timestamp >= current[1]) {
			if (current) current.length = 2;
			latest.set(id, entry);
		} else {
			entry.length = 2;
		}
		entries.push(entry);
		versions.add(key);
		idCounts.set(id, (idCounts.get(id) || 0) + 1);
	};
	for (const entry of Array.isArray(stored) ? stored : []) {
		if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') {
			add(entry[0], entry[1], Array.isArray(entry[2]) && entry[2].length === 6 ? entry[2] : undefined);
		}
	}
	return {
		add,
		has: (id, timestamp) => versions.has(id + '|' + timestamp),
		knowsId: (id) => idCounts.has(id),
		previous: (id) => (latest.get(id) || [])[2],
		/** Oldest timestamps first out, down to the bound; returns the entries to store. */
		stored: () => {
			const sorted = entries
				.map((entry, index) => ({ entry, index }))
				.sort((a, b) => (a.entry[1] === b.entry[1] ? a.index - b.index : a.entry[1] < b.entry[1] ? -1 : 1))
				.map(({ entry }) => entry);
			return sorted.slice(Math.max(0, sorted.length - DEDUP_BOUND)).map((entry) => entry.slice());
		},
	};
}

/** The trigger's intake with default options: event "createdOrUpdated", de-dup on, no filters. */
function validateWebhookBody(body, storedSeen) {
	const extracted = extractRecords(body);
	if (extracted.records === undefined) {
		return { status: extracted.status, response: { success: false, error: extracted.error }, accepted: [] };
	}
	const seen = seenSet(storedSeen);
	const accepted = [];
	const failed = [];
	const warnings = [];
	let duplicates = 0;
	extracted.records.forEach((raw, index) => {
		const checked = checkRecord(raw);
		if (typeof checked === 'string') {
			failed.push({ index, reason: checked });
			return;
		}
		const { record, resource, id } = checked;
		const timestamp = timeKey(record.lastUpdateDateTime);
		if (timestamp === undefined) {
			failed.push({ index, reason: '"lastUpdateDateTime" is missing or not an ISO timestamp with a zone; it is needed to de-duplicate updates' });
			return;
		}
		if (seen.has(id, timestamp)) {
			duplicates += 1;
			return;
		}
		const previous = seen.previous(id);
		let event;
		if (resource === 'incidents' && typeof record.status === 'string' && record.status.toLowerCase() === 'redirected' && typeof record.redirectIncidentId === 'string' && record.redirectIncidentId !== '') event = 'merged';
		else if (seen.knowsId(id)) event = 'updated';
		else event = timeKey(record.createdDateTime) === timestamp ? 'created' : 'updated';
		const meta = { origin: 'webhook', resource: resource === 'alerts' ? 'alert' : 'incident', event, key: id + '|' + timestamp, cursor: timestamp };
		if (previous && event !== 'created') meta.changes = diffFingerprints(previous, fingerprintOf(record));
		if (event === 'merged') meta.mergedInto = record.redirectIncidentId;
		seen.add(id, timestamp, fingerprintOf(record));
		if (checked.droppedKeys.length > 0) warnings.push({ index, reason: 'removed unsafe keys: ' + checked.droppedKeys.join(', ') });
		accepted.push({ ...record, _defender: meta });
	});
	return {
		status: 202,
		response: { success: true, processed: accepted.length, failed: failed.length, filtered: 0, duplicates, errors: failed },
		accepted,
		nextSeen: seen.stored(),
	};
}
`;

/**
 * The Code node ("Run Once for All Items"): one item per accepted record, as the trigger emits;
 * the answer for Respond to Webhook rides on the first item as `_intake` (a single `_intake` item
 * when nothing was accepted, so the request is still answered).
 */
export const VALIDATION_CODE = `${VALIDATION_FUNCTIONS}
const staticData = $getWorkflowStaticData('node');
const body = $input.first().json.body;
const result = validateWebhookBody(body, staticData.webhookSeen);
if (result.nextSeen) staticData.webhookSeen = result.nextSeen;
const intake = { status: result.status, body: result.response };
if (result.accepted.length === 0) return [{ json: { _intake: intake } }];
return result.accepted.map((record, index) => ({ json: index === 0 ? { ...record, _intake: intake } : record }));
`;
