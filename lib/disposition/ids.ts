/**
 * Finds the Defender alert and incident ids a closed case links to. Rules, first match wins:
 * 1. the id fields (`extraData.defenderAlertId` / `extraData.defenderIncidentId` by default);
 * 2. `sourceRef` when the case's source field says `defender` (`incident:<id>` is an incident,
 *    anything else an alert: the form lib/normalize writes);
 * 3. `sourceRef` that looks like a Defender for Endpoint alert id (`da` followed by digits).
 */

import { DefenderError } from '../errors';
import { parseSourceRef } from '../normalize/fingerprint';
import { parseFieldPath, readFieldPath } from './fieldPath';

export interface IdFieldPaths {
	alertId: string;
	incidentId: string;
	sourceRef: string;
	source: string;
}

export const DEFAULT_ID_FIELD_PATHS: Readonly<IdFieldPaths> = {
	alertId: 'extraData.defenderAlertId',
	incidentId: 'extraData.defenderIncidentId',
	sourceRef: 'sourceRef',
	source: 'extraData.source',
};

export type IdRule = 'idFields' | 'defenderSourceRef' | 'alertIdSourceRef';

export type IdResolution =
	| { found: true; rule: IdRule; alertIds: string[]; incidentIds: string[] }
	| { found: false; reason: string };

// MDE alert ids: `da` + digits, e.g. da637865765418431569_-773071023 (graph-api.md §2.4).
const MDE_ALERT_ID = /^da\d/;
// graph-api.md §3.3: incident ids are numeric strings.
const INCIDENT_ID = /^\d+$/;

function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a nested list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number') return 'a number that is not an id';
	return `a ${typeof value}`;
}

function idsAt(item: unknown, path: string, label: string): string[] {
	const segments = parseFieldPath(path, `${label} Field`);
	const value = readFieldPath(item, segments);
	if (value === undefined || value === null || value === '') return [];
	const values = Array.isArray(value) ? value : [value];
	const ids: string[] = [];
	for (const entry of values) {
		if (typeof entry === 'number' && Number.isSafeInteger(entry) && entry >= 0) {
			ids.push(String(entry));
		} else if (typeof entry === 'string' && entry.trim() !== '') {
			ids.push(entry.trim());
		} else if (entry !== null && typeof entry !== 'string') {
			throw new DefenderError(
				'validation',
				`${path} holds ${kindOf(entry)}; it must be an id, or a list of ids.`,
				{ hint: `Point ${label} Field at the field that holds the Defender id itself.` },
			);
		}
	}
	return ids;
}

function requireIncidentIds(ids: string[], where: string): string[] {
	for (const id of ids) {
		if (!INCIDENT_ID.test(id)) {
			throw new DefenderError(
				'validation',
				`Incident id '${id.slice(0, 60)}' from ${where} is not a Defender incident id.`,
				{ hint: 'Defender incident ids are numbers, e.g. 2972395.' },
			);
		}
	}
	return ids;
}

function unique(ids: string[]): string[] {
	return [...new Set(ids)];
}

function textAt(item: unknown, path: string, label: string): string | undefined {
	const value = readFieldPath(item, parseFieldPath(path, `${label} Field`));
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function resolveDefenderIds(
	item: unknown,
	paths: IdFieldPaths = DEFAULT_ID_FIELD_PATHS,
): IdResolution {
	const alertIds = unique(idsAt(item, paths.alertId, 'Alert ID'));
	const incidentIds = unique(
		requireIncidentIds(idsAt(item, paths.incidentId, 'Incident ID'), paths.incidentId),
	);
	if (alertIds.length > 0 || incidentIds.length > 0) {
		return { found: true, rule: 'idFields', alertIds, incidentIds };
	}

	const sourceRef = textAt(item, paths.sourceRef, 'Source Reference');
	const source = textAt(item, paths.source, 'Source');
	if (sourceRef && source?.toLowerCase() === 'defender') {
		const ref = parseSourceRef(sourceRef);
		if (ref.sourceType === 'incident') {
			const ids = requireIncidentIds([ref.id], paths.sourceRef);
			return { found: true, rule: 'defenderSourceRef', alertIds: [], incidentIds: ids };
		}
		return { found: true, rule: 'defenderSourceRef', alertIds: [ref.id], incidentIds: [] };
	}
	if (sourceRef && MDE_ALERT_ID.test(sourceRef)) {
		return { found: true, rule: 'alertIdSourceRef', alertIds: [sourceRef], incidentIds: [] };
	}

	const checked = [paths.alertId, paths.incidentId, paths.sourceRef].filter((path) => path.trim());
	return {
		found: false,
		reason: `No Defender alert or incident id in ${checked.join(', ') || 'the item (every id field is off)'}`,
	};
}
