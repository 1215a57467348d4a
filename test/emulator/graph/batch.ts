/**
 * JSON batching (graph-api.md §7.3): up to 20 requests, unique ids, relative urls, headers with
 * Content-Type whenever a body is present, `dependsOn` with 424 for failed dependencies. Every
 * inner request runs through the normal pipeline, so it is authorised, throttled (inner 429)
 * and logged on its own. Responses are returned in reverse order: clients must match by id.
 */
import { jsonPayloadError } from './comments';
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
import { randomUUID } from 'node:crypto';

export const MAX_BATCH_REQUESTS = 20;
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

interface InnerRequest {
	id: string;
	method: string;
	url: string;
	headers: Record<string, string>;
	body?: unknown;
	dependsOn: string[];
}

function validate(
	raw: unknown,
): { ok: true; requests: InnerRequest[] } | { ok: false; message: string } {
	if (!isRecord(raw) || !Array.isArray(raw.requests)) {
		return {
			ok: false,
			message: "Invalid batch payload: the body must be an object with a 'requests' array.",
		};
	}
	if (raw.requests.length === 0)
		return { ok: false, message: 'Invalid batch payload: the batch has no requests.' };
	if (raw.requests.length > MAX_BATCH_REQUESTS) {
		return {
			ok: false,
			message: `Invalid batch payload: the batch has ${raw.requests.length} requests; the limit is ${MAX_BATCH_REQUESTS}.`,
		};
	}
	const requests: InnerRequest[] = [];
	const seen = new Set<string>();
	for (const [index, item] of raw.requests.entries()) {
		if (!isRecord(item))
			return { ok: false, message: `Invalid batch payload: request ${index} is not an object.` };
		if (typeof item.id !== 'string' || item.id.trim() === '') {
			return {
				ok: false,
				message: `Invalid batch payload: request ${index} needs a non-empty string 'id'.`,
			};
		}
		const key = item.id.toLowerCase();
		if (seen.has(key))
			return {
				ok: false,
				message: `Invalid batch payload: the id '${item.id}' is used more than once; ids must be unique.`,
			};
		seen.add(key);
		const method = typeof item.method === 'string' ? item.method.toUpperCase() : '';
		if (!METHODS.includes(method))
			return {
				ok: false,
				message: `Invalid batch payload: request '${item.id}' has an invalid method.`,
			};
		if (typeof item.url !== 'string' || item.url === '' || /^[a-z]+:\/\//i.test(item.url)) {
			return {
				ok: false,
				message: `Invalid batch payload: request '${item.id}' needs a relative 'url' such as '/security/alerts_v2/{id}'.`,
			};
		}
		const headers: Record<string, string> = {};
		if (item.headers !== undefined) {
			if (!isRecord(item.headers))
				return {
					ok: false,
					message: `Invalid batch payload: 'headers' of request '${item.id}' must be an object.`,
				};
			for (const [k, v] of Object.entries(item.headers)) headers[k.toLowerCase()] = String(v);
		}
		if (item.body !== undefined && !headers['content-type']) {
			return {
				ok: false,
				message: `Invalid batch payload: request '${item.id}' has a body, so its headers must include Content-Type.`,
			};
		}
		const dependsOn = item.dependsOn === undefined ? [] : item.dependsOn;
		if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string')) {
			return {
				ok: false,
				message: `Invalid batch payload: 'dependsOn' of request '${item.id}' must be an array of request ids.`,
			};
		}
		requests.push({
			id: item.id,
			method,
			url: item.url,
			headers,
			body: item.body,
			dependsOn: dependsOn as string[],
		});
	}
	for (const r of requests) {
		const missing = r.dependsOn.find((d) => !seen.has(d.toLowerCase()));
		if (missing)
			return {
				ok: false,
				message: `Invalid batch payload: request '${r.id}' depends on unknown request '${missing}'.`,
			};
	}
	return { ok: true, requests };
}

function innerRequest(
	outer: EmuRequest,
	inner: InnerRequest,
	parentSeq: number | undefined,
): EmuRequest {
	const url = new URL(
		inner.url.startsWith('/') ? inner.url : `/${inner.url}`,
		'http://batch.invalid',
	);
	const body =
		inner.body === undefined
			? Buffer.alloc(0)
			: Buffer.from(typeof inner.body === 'string' ? inner.body : JSON.stringify(inner.body));
	const headers: Record<string, string> = { ...inner.headers };
	if (outer.headers.authorization) headers.authorization = outer.headers.authorization;
	return {
		method: inner.method,
		path: `/v1.0${url.pathname}`,
		query: url.searchParams,
		rawQuery: url.search.replace(/^\?/, ''),
		headers,
		body,
		origin: outer.origin,
		batchParent: parentSeq,
	};
}

function failedDependency(id: string, dependency: string): EmuResponse {
	return {
		status: 424,
		headers: { 'content-type': 'application/json' },
		body: {
			error: {
				code: 'FailedDependency',
				message: `The request '${id}' was not run because its dependency '${dependency}' failed.`,
				innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': randomUUID() },
			},
		},
	};
}

export async function runBatch(
	ctx: EmuContext,
	req: EmuRequest,
	parentSeq: number | undefined,
): Promise<EmuResponse> {
	const parsed = isJsonContentType(req) ? parseJsonBody(req) : { ok: false as const };
	if (!parsed.ok) return jsonPayloadError(req);
	const checked = validate(parsed.value);
	if (!checked.ok) return badRequest(req, checked.message);
	const results = new Map<string, EmuResponse>();
	const order: string[] = [];
	const pending = [...checked.requests];
	while (pending.length > 0) {
		const index = pending.findIndex((r) => r.dependsOn.every((d) => results.has(d.toLowerCase())));
		if (index < 0)
			return badRequest(req, 'Invalid batch payload: the dependsOn references form a cycle.');
		const [next] = pending.splice(index, 1);
		const failed = next.dependsOn.find((d) => (results.get(d.toLowerCase())?.status ?? 0) >= 400);
		let response: EmuResponse;
		if (failed) response = failedDependency(next.id, failed);
		else if (/^\/?\$batch\b/i.test(next.url))
			response = badRequest(req, 'A batch request cannot contain another $batch request.');
		else response = await ctx.dispatch(innerRequest(req, next, parentSeq));
		results.set(next.id.toLowerCase(), response);
		order.push(next.id);
	}
	const responses = order.reverse().map((id) => {
		const r = results.get(id.toLowerCase()) as EmuResponse;
		const entry: Record<string, unknown> = {
			id,
			status: r.status,
			headers: { ...(r.headers ?? {}) },
		};
		if (r.body !== undefined) entry.body = r.body;
		return entry;
	});
	return graphJson(200, { responses });
}
