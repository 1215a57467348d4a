/** Checks of caller input made before any request is sent. */

import { DefenderError } from '../errors';
import {
	ALERT_CLASSIFICATIONS,
	ALERT_DETERMINATIONS,
	ALERT_SEVERITIES,
	ALERT_STATUSES,
	DETERMINATION_ALIASES,
	INCIDENT_STATUSES,
	determinationsFor,
	isValidClassificationPair,
} from '../graph/enums';
import { requireEnumValue } from '../odata/values';

function invalid(message: string, hint?: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

/** A path segment ID: trimmed, non-empty, and encoded so it cannot change the path. */
export function idSegment(value: unknown, what: string): string {
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (id === '' || id === '.' || id === '..') {
		throw invalid(
			`The ${what} ID is empty or invalid.`,
			`Pass the ${what} ID as returned by the API.`,
		);
	}
	return encodeURIComponent(id);
}

export function commentText(value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalid('The comment is empty.', 'Write the comment text to add.');
	}
	return value;
}

function checkKeys(
	patch: unknown,
	allowed: readonly string[],
	what: string,
): Record<string, unknown> {
	if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
		throw invalid(`The ${what} update must be an object of fields to change.`);
	}
	const record = patch as Record<string, unknown>;
	const unknown = Object.keys(record).filter((k) => !allowed.includes(k));
	if (unknown.length) {
		throw invalid(
			`Cannot update ${what} field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}. Updatable fields: ${allowed.join(', ')}.`,
		);
	}
	const present = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
	if (Object.keys(present).length === 0) {
		throw invalid(
			`The ${what} update has no fields to change.`,
			`Set at least one of: ${allowed.join(', ')}.`,
		);
	}
	return present;
}

function optionalText(value: unknown, field: string, nullable = false): string | null {
	if (value === null && nullable) return null;
	if (typeof value !== 'string') {
		throw invalid(`${field} must be text${nullable ? ' or null' : ''}.`);
	}
	return value;
}

/** Validates classification and determination, and their pairing (graph-api.md §5.1). */
function classify(out: Record<string, unknown>, present: Record<string, unknown>, what: string) {
	if ('classification' in present) {
		out.classification = requireEnumValue(
			present.classification,
			ALERT_CLASSIFICATIONS,
			`${what} classification`,
		);
	}
	if ('determination' in present) {
		out.determination = requireEnumValue(
			present.determination,
			ALERT_DETERMINATIONS,
			`${what} determination`,
			DETERMINATION_ALIASES,
		);
	}
	const classification = out.classification as string | undefined;
	const determination = out.determination as string | undefined;
	if (
		classification &&
		determination &&
		!isValidClassificationPair(classification, determination)
	) {
		const valid = (determinationsFor(classification) ?? []).join(', ');
		throw invalid(
			`Determination '${determination}' does not go with classification '${classification}'. Valid determinations for ${classification}: ${valid}.`,
			`Pick one of: ${valid}.`,
		);
	}
}

export const ALERT_UPDATABLE_FIELDS = [
	'status',
	'classification',
	'determination',
	'assignedTo',
] as const;

export interface AlertPatch {
	status?: string;
	classification?: string;
	determination?: string;
	/** A UPN, or null to unassign. */
	assignedTo?: string | null;
}

/** The PATCH body for an alert: only the four updatable fields (graph-api.md §4.1), normalised. */
export function alertPatchBody(patch: AlertPatch): Record<string, unknown> {
	const present = checkKeys(patch, ALERT_UPDATABLE_FIELDS, 'alert');
	const out: Record<string, unknown> = {};
	if ('status' in present)
		out.status = requireEnumValue(present.status, ALERT_STATUSES, 'alert status');
	classify(out, present, 'alert');
	if ('assignedTo' in present)
		out.assignedTo = optionalText(present.assignedTo, 'assignedTo', true);
	return out;
}

export const INCIDENT_UPDATABLE_FIELDS = [
	'status',
	'assignedTo',
	'classification',
	'determination',
	'customTags',
	'displayName',
	'description',
	'severity',
	'summary',
	'resolvingComment',
] as const;

export interface IncidentPatch {
	status?: string;
	assignedTo?: string | null;
	classification?: string;
	determination?: string;
	/** Replaces the whole tag list. */
	customTags?: string[];
	displayName?: string;
	description?: string;
	severity?: string;
	summary?: string;
	resolvingComment?: string;
}

/** The PATCH body for an incident (graph-api.md §4.3 design set), normalised. */
export function incidentPatchBody(patch: IncidentPatch): Record<string, unknown> {
	const present = checkKeys(patch, INCIDENT_UPDATABLE_FIELDS, 'incident');
	const out: Record<string, unknown> = {};
	if ('status' in present) {
		out.status = requireEnumValue(present.status, INCIDENT_STATUSES, 'incident status');
	}
	if ('severity' in present) {
		out.severity = requireEnumValue(present.severity, ALERT_SEVERITIES, 'incident severity');
	}
	classify(out, present, 'incident');
	if ('assignedTo' in present)
		out.assignedTo = optionalText(present.assignedTo, 'assignedTo', true);
	if ('customTags' in present) {
		const tags = present.customTags;
		if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) {
			throw invalid(
				'customTags must be a list of text tags.',
				'It replaces all tags; pass [] to clear them.',
			);
		}
		out.customTags = tags;
	}
	for (const field of ['displayName', 'description', 'summary', 'resolvingComment'] as const) {
		if (field in present) out[field] = optionalText(present[field], field);
	}
	return out;
}
