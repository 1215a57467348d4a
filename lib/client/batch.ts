/**
 * JSON `$batch` for Graph (graph-api.md §7.3): at most 20 requests per call, relative URLs,
 * answers in any order. Inner 429s and 503s are sent again after their Retry-After, a bounded
 * number of times. A call holding a POST is not sent again after a lost answer (see idempotent).
 * Results come back in input order, each with its own status and, on failure, its error.
 */

import { DefenderError } from '../errors';
import { errorFromResponse, isSuccess } from '../http/graphErrors';
import { DEFAULT_MAX_ATTEMPTS, retryDelay } from '../http/retry';
import { parseRetryAfter } from '../http/retryAfter';
import type { HttpMethod } from '../ports';
import { batchResponseSchema, type BatchResponseItem } from '../schemas/batch';
import { PREFER_UNKNOWN_ENUMS, jsonBody, type ApiRequester } from './request';

export const BATCH_LIMIT = 20;

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

/** Inner answers that say the request was not run: sent again after their Retry-After. */
const NOT_RUN_STATUSES = new Set([429, 503]);

export interface BatchRequest {
	method: HttpMethod;
	/** Relative to the Graph base URL, e.g. "/security/alerts_v2/da123". */
	url: string;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface BatchResult {
	status: number;
	headers: Record<string, string>;
	body: unknown;
	/** Set when status is not 2xx. */
	error?: DefenderError;
}

function invalid(message: string, hint?: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

function checkRequest(request: BatchRequest, index: number): void {
	if (!request || !METHODS.includes(request.method)) {
		throw invalid(
			`Batch request ${index + 1} has no valid method (GET, POST, PATCH, PUT or DELETE).`,
		);
	}
	if (
		typeof request.url !== 'string' ||
		!request.url.startsWith('/') ||
		request.url.startsWith('//')
	) {
		throw invalid(
			`Batch request ${index + 1} must use a URL relative to the Graph version, e.g. /security/alerts_v2/{id}.`,
		);
	}
}

function lowerCaseHeaders(
	headers: Record<string, string> | null | undefined,
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
	return out;
}

/** The inner request Graph expects; Prefer is per request, the outer one does not carry over. */
function innerRequest(request: BatchRequest, id: string): Record<string, unknown> {
	const headers: Record<string, string> = { Prefer: PREFER_UNKNOWN_ENUMS };
	if (request.body !== undefined) headers['Content-Type'] = 'application/json';
	Object.assign(headers, request.headers);
	const inner: Record<string, unknown> = { id, method: request.method, url: request.url, headers };
	if (request.body !== undefined) inner.body = request.body;
	return inner;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

export async function batch(
	requester: ApiRequester,
	requests: readonly BatchRequest[],
): Promise<BatchResult[]> {
	if (!Array.isArray(requests)) throw invalid('batch() takes a list of requests.');
	requests.forEach(checkRequest);
	const results: BatchResult[] = new Array(requests.length);
	const maxAttempts = requester.retry.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;

	const toResult = (item: BatchResponseItem, index: number): BatchResult => {
		const request = requests[index] as BatchRequest;
		const headers = lowerCaseHeaders(item.headers);
		const body = jsonBody(item.body);
		const result: BatchResult = { status: item.status, headers, body };
		if (!isSuccess(item.status)) {
			result.error = errorFromResponse(
				{ status: item.status, headers, body },
				{ method: request.method, url: `${requester.graphBaseUrl}${request.url}` },
				requester.clock.now(),
			);
		}
		return result;
	};

	let pending = requests.map((_, index) => index);
	for (let attempt = 1; pending.length > 0; attempt++) {
		const throttled: Array<{ index: number; retryAfterMs?: number }> = [];
		for (const indices of chunk(pending, BATCH_LIMIT)) {
			const answer = await requester.json(
				{
					api: 'graph',
					method: 'POST',
					path: '/$batch',
					body: {
						requests: indices.map((index, k) =>
							innerRequest(requests[index] as BatchRequest, String(k + 1)),
						),
					},
					// A POST inside (a comment) must not run twice: no blind resend of the whole call.
					idempotent: indices.every((index) => requests[index]?.method !== 'POST'),
				},
				batchResponseSchema,
				'batch',
			);
			const byId = new Map(answer.responses.map((r) => [r.id, r]));
			indices.forEach((index, k) => {
				const item = byId.get(String(k + 1));
				if (!item) {
					results[index] = {
						status: 0,
						headers: {},
						body: undefined,
						error: new DefenderError(
							'server',
							`The batch answer has no response for request ${index + 1}.`,
							{
								hint: 'Send that request again.',
							},
						),
					};
					return;
				}
				if (NOT_RUN_STATUSES.has(item.status) && attempt < maxAttempts) {
					const retryAfter = lowerCaseHeaders(item.headers)['retry-after'];
					throttled.push({
						index,
						retryAfterMs: parseRetryAfter(retryAfter, requester.clock.now()),
					});
					return;
				}
				results[index] = toResult(item, index);
			});
		}
		if (throttled.length === 0) break;
		const waits = throttled.map((t) =>
			retryDelay(
				attempt,
				t.retryAfterMs,
				requester.random,
				requester.retry.baseDelayMs,
				requester.retry.maxDelayMs,
			),
		);
		const wait = Math.max(...waits);
		requester.logger.warn('Throttled or unavailable batch requests, retrying', {
			count: throttled.length,
			waitMs: wait,
		});
		await requester.sleep(wait);
		pending = throttled.map((t) => t.index);
	}
	return results;
}
