/**
 * Transport-neutral request/response shapes. The HTTP server and the `$batch` handler both
 * feed requests through the same dispatcher, so every inner batch request gets the same
 * auth, role, rate-limit and validation treatment as a direct call.
 */
import { randomUUID } from 'node:crypto';

import { innerErrorDate } from './time';

export interface EmuRequest {
	method: string;
	/** Path without query string, e.g. `/v1.0/security/alerts_v2`. */
	path: string;
	query: URLSearchParams;
	/** Raw query string without `?` (for the request log and nextLink building). */
	rawQuery: string;
	/** Header names lower-cased. */
	headers: Record<string, string>;
	body: Buffer;
	/** `http://127.0.0.1:1234` or `https://…`: where this request arrived. */
	origin: string;
	/** Sequence number of the enclosing `$batch` request, for the request log. */
	batchParent?: number;
	/** This request's own sequence number in the request log. */
	seq?: number;
}

export interface EmuResponse {
	status: number;
	headers?: Record<string, string>;
	/** Objects are sent as JSON, strings as they are, undefined as an empty body. */
	body?: unknown;
}

export const GRAPH_JSON =
	'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function json(
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): EmuResponse {
	return {
		status,
		body,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
	};
}

export function graphJson(
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): EmuResponse {
	return { status, body, headers: { 'content-type': GRAPH_JSON, ...headers } };
}

/** Graph's error envelope (graph-api.md §10.1): `{error:{code,message,innerError}}`. */
export function graphError(
	req: EmuRequest,
	status: number,
	code: string,
	message: string,
	extra: { headers?: Record<string, string>; details?: boolean; now?: number } = {},
): EmuResponse {
	const requestId = randomUUID();
	const error: Record<string, unknown> = { code, message };
	if (extra.details) error.details = [];
	error.innerError = {
		date: innerErrorDate(extra.now ?? Date.now()),
		'request-id': requestId,
		'client-request-id': req.headers['client-request-id'] ?? requestId,
	};
	return graphJson(status, { error }, { 'request-id': requestId, ...(extra.headers ?? {}) });
}

/** The MDE API error envelope (graph-api.md §10.2): `target` is the request id. */
export function mdeError(
	status: number,
	code: string,
	message: string,
	headers: Record<string, string> = {},
): EmuResponse {
	return json(status, { error: { code, message, target: randomUUID() } }, headers);
}

/** Parses a JSON request body; undefined when it is not valid JSON. */
export function parseJsonBody(req: EmuRequest): { ok: true; value: unknown } | { ok: false } {
	const text = req.body.toString('utf8');
	if (text.trim() === '') return { ok: false };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

export function isJsonContentType(req: EmuRequest): boolean {
	return /^application\/json\b/i.test(req.headers['content-type'] ?? '');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
