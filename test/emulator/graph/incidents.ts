/**
 * `/security/incidents` routes: list (with `$expand=alerts`), get, the alerts of one incident,
 * PATCH and comments (graph-api.md §3.2, §3.3, §4.3, §4.4).
 */
import { appendComment, jsonPayloadError } from './comments';
import { listResponse } from './list';
import { INCIDENT_PATCH_RULES, validatePatch } from './patch';
import { badRequest, notFound } from './responses';
import { INCIDENT_SCHEMA } from './schemas';
import { includesEvolved, preferenceHeaders, serializeAlert, serializeIncident } from './serialize';
import type { EmuContext } from '../context';
import type { Caller } from '../entra/bearer';
import type { GraphAlert, GraphIncident } from '../generator';
import {
	graphJson,
	isJsonContentType,
	parseJsonBody,
	type EmuRequest,
	type EmuResponse,
} from '../http';

/** graph-api.md §3.2: `$top` above 50 is refused for incidents (observed). */
export const INCIDENTS_MAX_TOP = 50;

function checkExpand(expand: string[]): string | undefined {
	const bad = expand.find((e) => e.toLowerCase() !== 'alerts');
	return bad
		? `Could not find a property named '${bad.slice(0, 100)}' on type 'microsoft.graph.security.incident' to expand; only 'alerts' can be expanded.`
		: undefined;
}

function incidentAlerts(ctx: EmuContext, incident: GraphIncident): GraphAlert[] {
	return incident.alertIds
		.map((id) => ctx.state.alerts.get(id))
		.filter((a): a is GraphAlert => a !== undefined);
}

function wantsAlerts(req: EmuRequest): boolean | string {
	const expand = [...req.query.entries()]
		.filter(([k]) => k.toLowerCase() === '$expand')
		.map(([, v]) => v);
	if (expand.length === 0) return false;
	return (
		checkExpand(
			expand
				.join(',')
				.split(',')
				.map((s) => s.trim()),
		) ?? true
	);
}

export function listIncidents(ctx: EmuContext, req: EmuRequest): EmuResponse {
	return listResponse<GraphIncident>(req, {
		rows: ctx.state.incidentsByCreatedDesc(),
		schema: INCIDENT_SCHEMA,
		allowed: ['$filter', '$top', '$skip', '$count', '$orderby', '$expand', '$select', '$skiptoken'],
		maxTop: INCIDENTS_MAX_TOP,
		overTop: 'reject',
		defaultTop: INCIDENTS_MAX_TOP,
		maxSkip: 500,
		nextLink: true,
		contextPath: 'security/incidents',
		checkExpand,
		serialize: (incident, include, options) =>
			serializeIncident(
				incident,
				include,
				options.expand ? incidentAlerts(ctx, incident) : undefined,
			),
	});
}

function incidentEntity(
	ctx: EmuContext,
	req: EmuRequest,
	incident: GraphIncident,
	expandAlerts: boolean,
): EmuResponse {
	return graphJson(
		200,
		{
			'@odata.context': `${req.origin}/v1.0/$metadata#security/incidents/$entity`,
			...serializeIncident(
				incident,
				includesEvolved(req),
				expandAlerts ? incidentAlerts(ctx, incident) : undefined,
			),
		},
		preferenceHeaders(req),
	);
}

export function getIncident(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const incident = ctx.state.incidents.get(id);
	if (!incident) return notFound(req, 'incident', id);
	const expand = wantsAlerts(req);
	if (typeof expand === 'string') return badRequest(req, expand);
	return incidentEntity(ctx, req, incident, expand);
}

export function listIncidentAlerts(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const incident = ctx.state.incidents.get(id);
	if (!incident) return notFound(req, 'incident', id);
	const include = includesEvolved(req);
	return graphJson(
		200,
		{
			'@odata.context': `${req.origin}/v1.0/$metadata#security/incidents('${id}')/alerts`,
			value: incidentAlerts(ctx, incident).map((a) => serializeAlert(a, include)),
		},
		preferenceHeaders(req),
	);
}

export function patchIncident(
	ctx: EmuContext,
	req: EmuRequest,
	id: string,
	caller: Caller,
): EmuResponse {
	const incident = ctx.state.incidents.get(id);
	if (!incident) return notFound(req, 'incident', id);
	const parsed = isJsonContentType(req) ? parseJsonBody(req) : { ok: false as const };
	if (!parsed.ok) return jsonPayloadError(req);
	const result = validatePatch(parsed.value, INCIDENT_PATCH_RULES, incident, {
		includeEvolved: includesEvolved(req),
		validatePairs: ctx.options.validatePairs,
		entity: 'incident',
	});
	if (!result.ok) return badRequest(req, result.message);
	Object.assign(incident, result.changes);
	incident.lastModifiedBy = caller.displayName;
	incident.lastUpdateDateTime = ctx.state.stamps.next();
	return incidentEntity(ctx, req, incident, false);
}

export function postIncidentComment(
	ctx: EmuContext,
	req: EmuRequest,
	id: string,
	caller: Caller,
): EmuResponse {
	const incident = ctx.state.incidents.get(id);
	if (!incident) return notFound(req, 'incident', id);
	return appendComment(
		req,
		incident,
		caller.displayName,
		() => ctx.state.stamps.next(),
		`security/incidents('${id}')/comments`,
	);
}
