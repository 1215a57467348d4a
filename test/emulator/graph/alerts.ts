/** `/security/alerts_v2` routes: list, get, PATCH and comments (graph-api.md §3.1, §4.1, §4.2). */
import { appendComment, jsonPayloadError } from './comments';
import { listResponse } from './list';
import { validatePatch, ALERT_PATCH_RULES } from './patch';
import { badRequest, notFound } from './responses';
import { ALERT_SCHEMA } from './schemas';
import { includesEvolved, preferenceHeaders, serializeAlert } from './serialize';
import type { EmuContext } from '../context';
import type { Caller } from '../entra/bearer';
import type { GraphAlert } from '../generator';
import {
	graphJson,
	isJsonContentType,
	parseJsonBody,
	type EmuRequest,
	type EmuResponse,
} from '../http';

/** Page size when no `$top` is sent; undocumented for alerts_v2 (graph-api.md §3.1). */
export const ALERTS_DEFAULT_PAGE = 100;
/** graph-api.md §11: `$top` above 1000 is clamped for alerts. */
export const ALERTS_MAX_TOP = 1000;

export function listAlerts(ctx: EmuContext, req: EmuRequest): EmuResponse {
	return listResponse<GraphAlert>(req, {
		rows: ctx.state.alertsByCreatedDesc(),
		schema: ALERT_SCHEMA,
		allowed: ['$filter', '$top', '$skip', '$count', '$orderby', '$select', '$skiptoken'],
		maxTop: ALERTS_MAX_TOP,
		overTop: 'clamp',
		defaultTop: ALERTS_DEFAULT_PAGE,
		maxSkip: 500,
		nextLink: ctx.options.alertsNextLink,
		contextPath: 'security/alerts_v2',
		serialize: (alert, include) => serializeAlert(alert, include),
	});
}

export function alertEntity(req: EmuRequest, alert: GraphAlert, status = 200): EmuResponse {
	return graphJson(
		status,
		{
			'@odata.context': `${req.origin}/v1.0/$metadata#security/alerts_v2/$entity`,
			...serializeAlert(alert, includesEvolved(req)),
		},
		preferenceHeaders(req),
	);
}

export function getAlert(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const alert = ctx.state.alerts.get(id);
	return alert ? alertEntity(req, alert) : notFound(req, 'alert', id);
}

export function patchAlert(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const alert = ctx.state.alerts.get(id);
	if (!alert) return notFound(req, 'alert', id);
	const parsed = isJsonContentType(req) ? parseJsonBody(req) : { ok: false as const };
	if (!parsed.ok) return jsonPayloadError(req);
	const result = validatePatch(parsed.value, ALERT_PATCH_RULES, alert, {
		includeEvolved: includesEvolved(req),
		validatePairs: ctx.options.validatePairs,
		entity: 'alert',
	});
	if (!result.ok) return badRequest(req, result.message);
	applyAlertChanges(ctx, alert, result.changes);
	return alertEntity(req, alert);
}

/** Applies validated changes and moves lastUpdateDateTime (and resolvedDateTime on resolve). */
export function applyAlertChanges(
	ctx: EmuContext,
	alert: GraphAlert,
	changes: Record<string, unknown>,
): void {
	const stamp = ctx.state.stamps.next();
	const wasResolved = alert.status === 'resolved';
	Object.assign(alert, changes);
	if (alert.status === 'resolved' && !wasResolved) alert.resolvedDateTime = stamp;
	if (alert.status !== 'resolved') alert.resolvedDateTime = null;
	alert.lastUpdateDateTime = stamp;
}

export function postAlertComment(
	ctx: EmuContext,
	req: EmuRequest,
	id: string,
	caller: Caller,
): EmuResponse {
	const alert = ctx.state.alerts.get(id);
	if (!alert) return notFound(req, 'alert', id);
	return appendComment(
		req,
		alert,
		caller.displayName,
		() => ctx.state.stamps.next(),
		`security/alerts_v2('${id}')/comments`,
	);
}

export function rejectBody(req: EmuRequest): EmuResponse {
	return badRequest(req, 'This request does not take a body.');
}
