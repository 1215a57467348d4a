/**
 * Turns stored entities into response bodies, replacing evolved enum members with
 * `unknownFutureValue` unless the caller sent `Prefer: include-unknown-enum-members` (§5.2).
 */
import {
	DETECTION_SOURCE,
	EVIDENCE_REMEDIATION_STATUS,
	INCIDENT_STATUS,
	mask,
	SERVICE_SOURCE,
} from './enums';
import type { GraphAlert, GraphIncident } from '../generator';
import type { EmuRequest } from '../http';

const PREFER_EVOLVED = 'include-unknown-enum-members';

export function includesEvolved(req: EmuRequest): boolean {
	return (req.headers.prefer ?? '')
		.split(',')
		.some((p) => p.trim().toLowerCase() === PREFER_EVOLVED);
}

/** `Preference-Applied` answer for the Prefer header (§5.2). */
export function preferenceHeaders(req: EmuRequest): Record<string, string> {
	return includesEvolved(req) ? { 'preference-applied': PREFER_EVOLVED } : {};
}

function maskEvidence(value: unknown, include: boolean): unknown {
	if (include || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((v) => maskEvidence(v, include));
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
		out[key] =
			key === 'remediationStatus'
				? mask(EVIDENCE_REMEDIATION_STATUS, v, include)
				: typeof v === 'object'
					? maskEvidence(v, include)
					: v;
	}
	return out;
}

export function serializeAlert(alert: GraphAlert, include: boolean): Record<string, unknown> {
	const out: Record<string, unknown> = { ...alert };
	out.serviceSource = mask(SERVICE_SOURCE, alert.serviceSource, include);
	out.detectionSource = mask(DETECTION_SOURCE, alert.detectionSource, include);
	out.comments = alert.comments.map((c) => ({ ...c }));
	out.evidence = maskEvidence(alert.evidence, include);
	return out;
}

export function serializeIncident(
	incident: GraphIncident,
	include: boolean,
	alerts?: GraphAlert[],
): Record<string, unknown> {
	const out: Record<string, unknown> = { ...incident };
	delete out.alertIds;
	out.status = mask(INCIDENT_STATUS, incident.status, include);
	out.comments = incident.comments.map((c) => ({ ...c }));
	if (alerts) out.alerts = alerts.map((a) => serializeAlert(a, include));
	return out;
}

/** Projects `$select`ed properties; `id` and `@odata.type` always stay. */
export function project(
	entity: Record<string, unknown>,
	select: string[] | undefined,
): Record<string, unknown> {
	if (!select || select.length === 0) return entity;
	const out: Record<string, unknown> = { '@odata.type': entity['@odata.type'], id: entity.id };
	const keys = Object.keys(entity);
	for (const wanted of select) {
		const key = keys.find((k) => k.toLowerCase() === wanted.toLowerCase());
		if (key) out[key] = entity[key];
	}
	return out;
}
