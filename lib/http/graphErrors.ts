/**
 * Turns a non-2xx response from Microsoft Graph or the Defender for Endpoint API into a
 * DefenderError. Messages are fixed text; the API's own words only go to `apiMessage`, scrubbed
 * and shortened. Shapes: graph-api.md §10.1 (Graph) and §10.2 (MDE).
 */

import { DefenderError, type DefenderErrorKind } from '../errors';
import type { HttpMethod, HttpResponse } from '../ports';
import { safeSnippet } from '../redact';
import { forbiddenHint } from './permissions';
import { parseRetryAfter } from './retryAfter';

export interface ApiErrorBody {
	code?: string;
	message?: string;
	requestId?: string;
}

export interface RequestInfo {
	method?: HttpMethod;
	url?: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

function asString(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** Reads `{error:{code,message,innerError|innererror:{'request-id'}}}` or `{error:{code,message,target}}`. */
export function parseApiErrorBody(body: unknown): ApiErrorBody {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			// An HTML error page from a gateway carries nothing worth showing.
			const text = body.trim();
			return text && !text.startsWith('<') ? { message: text } : {};
		}
	}
	const error = asRecord(asRecord(parsed)?.error);
	if (!error) {
		// OAuth-style `{error: 'x', error_description: '...'}` also appears on some 401s.
		const root = asRecord(parsed);
		const description = asString(root?.error_description) ?? asString(root?.message);
		return description ? { code: asString(root?.error), message: description } : {};
	}
	const inner = asRecord(error.innerError) ?? asRecord(error.innererror);
	const requestId =
		asString(inner?.['request-id']) ?? asString(inner?.requestId) ?? asString(error.target);
	const code = asString(error.code);
	return {
		// Graph sometimes sends `code: ""` (graph-api.md §10.1): treat as absent.
		code: code ? code : undefined,
		message: asString(error.message),
		requestId,
	};
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	412: 'Precondition Failed',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** "alert", "incident", "machine"... for messages, from the URL path. */
function resourceName(url: string | undefined): string {
	const path = (url ?? '').toLowerCase();
	// A 404 on /alerts_v2/{id}/comments or /incidents/{id}/alerts means the parent is missing.
	if (path.includes('/security/alerts_v2')) return 'alert';
	if (path.includes('/security/incidents')) return 'incident';
	if (path.includes('/api/machineactions')) return 'machine action';
	if (path.includes('/api/machines')) return 'machine';
	if (path.includes('/api/indicators')) return 'indicator';
	return 'resource';
}

function kindFor(status: number): DefenderErrorKind {
	if (status === 401) return 'auth';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'notFound';
	if (status === 409) return 'conflict';
	if (status === 429) return 'throttled';
	if (status >= 500) return 'server';
	if (status >= 400) return 'validation';
	// 1xx/3xx are not expected from these APIs.
	return 'server';
}

function describe(
	kind: DefenderErrorKind,
	status: number,
	request: RequestInfo,
	retryAfterMs: number | undefined,
): { message: string; hint?: string } {
	const statusLabel = `${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;
	const what = resourceName(request.url);
	switch (kind) {
		case 'auth':
			return {
				message: `Microsoft rejected the access token (${statusLabel}).`,
				hint: 'Check the tenant ID, client ID, secret or certificate and the cloud in the credential; the token may also be for the wrong API or cloud.',
			};
		case 'forbidden':
			return {
				message: `The app is not allowed to do this (${statusLabel}).`,
				hint: forbiddenHint(request.method, request.url),
			};
		case 'notFound':
			return {
				message: `The ${what} was not found (${statusLabel}).`,
				hint: `Check the ID, and that the ${what} belongs to the tenant and cloud of this credential.`,
			};
		case 'conflict':
			return {
				message: `The ${what} was changed or is busy (${statusLabel}).`,
				hint: 'Read it again and retry the change.',
			};
		case 'throttled':
			return {
				message: `Microsoft is throttling this app (${statusLabel}).`,
				hint:
					retryAfterMs !== undefined
						? `Retry after ${Math.ceil(retryAfterMs / 1000)} s, or lower the request rate.`
						: 'Lower the request rate and retry later.',
			};
		case 'validation':
			return {
				message: `The API rejected the request as invalid (${statusLabel}).`,
				hint: 'Check IDs, filter fields and enum values; apiMessage has the reason the API gave.',
			};
		default:
			return {
				message: `The API failed to handle the request (${statusLabel}).`,
				hint: 'This is usually temporary: retry later.',
			};
	}
}

/**
 * Builds the DefenderError for a non-2xx response. `request` (method and URL of the call) makes
 * the 403 hint name the permission and the 404 name the resource.
 */
export function errorFromResponse(
	response: HttpResponse,
	request: RequestInfo = {},
	now: number = Date.now(),
): DefenderError {
	const kind = kindFor(response.status);
	const body = parseApiErrorBody(response.body);
	const retryAfterMs =
		kind === 'throttled' || kind === 'server'
			? parseRetryAfter(response.headers['retry-after'], now)
			: undefined;
	const { message, hint } = describe(kind, response.status, request, retryAfterMs);
	return new DefenderError(kind, message, {
		status: response.status,
		code: body.code ? safeSnippet(body.code, 100) : undefined,
		requestId:
			body.requestId ?? response.headers['request-id'] ?? response.headers['x-ms-request-id'],
		hint,
		retryAfterMs,
		apiMessage: body.message ? safeSnippet(body.message) : undefined,
	});
}

export function isSuccess(status: number): boolean {
	return status >= 200 && status < 300;
}
