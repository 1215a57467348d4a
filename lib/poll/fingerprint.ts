/**
 * A compact copy of the fields a SOC acts on, kept per remembered id so an update can say what
 * changed. Stored as a tuple (not an object) to keep the node's static data small.
 */

import type { FieldChanges, TrackedField } from './types';

export type Fingerprint = [
	status: string | null,
	classification: string | null,
	determination: string | null,
	assignedTo: string | null,
	severity: string | null,
	alertCount: number | null,
];

const FIELDS: readonly TrackedField[] = [
	'status',
	'classification',
	'determination',
	'assignedTo',
	'severity',
	'alertCount',
];

function stringOrNull(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

/** `alertCount` is the length of `alerts` when the record carries them, otherwise unknown (null). */
export function fingerprintOf(record: Record<string, unknown>): Fingerprint {
	const alerts = record.alerts;
	return [
		stringOrNull(record.status),
		stringOrNull(record.classification),
		stringOrNull(record.determination),
		stringOrNull(record.assignedTo),
		stringOrNull(record.severity),
		Array.isArray(alerts) ? alerts.length : null,
	];
}

export function isFingerprint(value: unknown): value is Fingerprint {
	return (
		Array.isArray(value) &&
		value.length === FIELDS.length &&
		value.slice(0, 5).every((entry: unknown) => entry === null || typeof entry === 'string') &&
		(value[5] === null || (typeof value[5] === 'number' && Number.isInteger(value[5])))
	);
}

/** Fields that differ. An unknown alert count (null on either side) is not reported as a change. */
export function diffFingerprints(previous: Fingerprint, current: Fingerprint): FieldChanges {
	const changes: FieldChanges = {};
	FIELDS.forEach((field, index) => {
		const before = previous[index];
		const after = current[index];
		if (field === 'alertCount' && (before === null || after === null)) return;
		if (before !== after) changes[field] = [before, after];
	});
	return changes;
}
