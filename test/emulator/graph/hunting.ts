/* eslint-disable @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/** `POST /security/runHuntingQuery` (graph-api.md §6) over the emulator's KQL subset. */
import { jsonPayloadError } from './comments';
import { huntingTables } from './huntingTables';
import { KqlError, runKql } from './kql';
import { badRequest } from './responses';
import type { EmuContext } from '../context';
import {
	graphJson,
	isJsonContentType,
	isRecord,
	parseJsonBody,
	type EmuRequest,
	type EmuResponse,
} from '../http';

export const MAX_HUNTING_ROWS = 100000;
const DAY = 86400000;

/** Reads `query`/`Query` and `timespan`/`Timespan` (graph-api.md §6: accept both casings). */
function param(body: Record<string, unknown>, name: string): unknown {
	const key = Object.keys(body).find((k) => k.toLowerCase() === name);
	return key === undefined ? undefined : body[key];
}

/** The time window [from, to] in ms for an ISO 8601 timespan; default the last 30 days. */
function parseTimespan(raw: unknown, nowMs: number): { from: number; to: number } | undefined {
	if (raw === undefined || raw === null) return { from: nowMs - 30 * DAY, to: nowMs };
	if (typeof raw !== 'string') return undefined;
	const duration = (text: string): number | undefined => {
		const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text);
		if (!m || text.length < 3) return undefined;
		return (
			Number(m[1] ?? 0) * DAY +
			Number(m[2] ?? 0) * 3600000 +
			Number(m[3] ?? 0) * 60000 +
			Number(m[4] ?? 0) * 1000
		);
	};
	const [a, b] = raw.split('/');
	if (b === undefined) {
		const d = duration(a);
		if (d !== undefined) return { from: nowMs - d, to: nowMs };
		const t = Date.parse(a);
		return Number.isNaN(t) ? undefined : { from: t - 30 * DAY, to: t };
	}
	const da = duration(a);
	const db = duration(b);
	const ta = Date.parse(a);
	const tb = Date.parse(b);
	if (da !== undefined && !Number.isNaN(tb)) return { from: tb - da, to: tb };
	if (!Number.isNaN(ta) && db !== undefined) return { from: ta, to: ta + db };
	if (!Number.isNaN(ta) && !Number.isNaN(tb)) return { from: ta, to: tb };
	return undefined;
}

export function runHuntingQuery(ctx: EmuContext, req: EmuRequest): EmuResponse {
	const parsed = isJsonContentType(req) ? parseJsonBody(req) : { ok: false as const };
	if (!parsed.ok || !isRecord(parsed.value)) return jsonPayloadError(req);
	const query = param(parsed.value, 'query');
	if (typeof query !== 'string' || query.trim() === '') {
		return badRequest(req, "The parameter 'Query' is required and must be a non-empty KQL string.");
	}
	const now = ctx.clock.now();
	const window = parseTimespan(param(parsed.value, 'timespan'), now);
	if (!window)
		return badRequest(
			req,
			"The parameter 'Timespan' must be an ISO 8601 duration or interval, e.g. 'P30D' or '2024-01-01T00:00:00Z/P7D'.",
		);
	let result;
	try {
		result = runKql(query, huntingTables(ctx.state), now, MAX_HUNTING_ROWS, window);
	} catch (e) {
		if (e instanceof KqlError) return badRequest(req, e.message);
		throw e;
	}
	return graphJson(200, {
		'@odata.context': `${req.origin}/v1.0/$metadata#microsoft.graph.security.huntingQueryResults`,
		schema: result.columns.map((c) => ({ name: c.name, type: c.type })),
		results: result.rows,
	});
}
