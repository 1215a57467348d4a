/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test harness, not shipped */
/**
 * The API pipeline every non-admin request goes through: injected faults, routing, bearer
 * token and role checks, rate limits, the handler, and the request log.
 */
import { randomUUID } from 'node:crypto';

import type { EmuContext } from './context';
import { authenticate, hasAnyRole } from './entra/bearer';
import { entraError } from './entra/errors';
import { forbidden, throttled, unauthorized } from './graph/responses';
import { graphError, json, mdeError, type EmuRequest, type EmuResponse } from './http';
import { mdeThrottled } from './mde/responses';
import { queryRecord } from './requestLog';
import type { FaultSpec } from './faults';
import type { Router } from './router';

/** What the transport must do besides sending a response. */
export type PipelineResult =
	| { kind: 'response'; response: EmuResponse }
	| { kind: 'reset' }
	| { kind: 'malformed' };

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function apiOf(path: string): 'graph' | 'mde' | 'entra' | 'other' {
	if (/^\/v1\.0(\/|$)/i.test(path)) return 'graph';
	if (/^\/api(\/|$)/i.test(path)) return 'mde';
	if (/\/oauth2\/|\/discovery\/|\.well-known/i.test(path)) return 'entra';
	return 'other';
}

const GRAPH_CODES: Record<number, string> = {
	400: 'BadRequest',
	401: 'InvalidAuthenticationToken',
	403: 'Forbidden',
	404: 'NotFound',
	405: 'MethodNotAllowed',
	409: 'Conflict',
	412: 'PreconditionFailed',
	422: 'UnprocessableEntity',
	429: 'TooManyRequests',
	500: 'InternalServerError',
	502: 'BadGateway',
	503: 'ServiceUnavailable',
	504: 'GatewayTimeout',
};

/** The error a fault produces, in the shape of the API it hits. */
function faultResponse(ctx: EmuContext, req: EmuRequest, fault: FaultSpec): EmuResponse {
	const status = fault.status ?? 500;
	const headers: Record<string, string> =
		fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {};
	if (fault.body !== undefined) {
		return typeof fault.body === 'string'
			? {
					status,
					headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
					body: fault.body,
				}
			: json(status, fault.body, headers);
	}
	const now = ctx.clock.now();
	const message = fault.message ?? 'Injected fault.';
	switch (apiOf(req.path)) {
		case 'graph': {
			if (status === 429 && fault.code === undefined && fault.message === undefined) {
				const r = throttled(req, Number(fault.retryAfter ?? 1), now);
				if (fault.retryAfter === undefined) delete r.headers?.['retry-after'];
				return r;
			}
			return graphError(req, status, fault.code ?? GRAPH_CODES[status] ?? 'UnknownError', message, {
				headers,
				now,
			});
		}
		case 'mde':
			return mdeError(
				status,
				fault.code ??
					(status === 429 ? 'TooManyRequests' : (GRAPH_CODES[status] ?? 'InternalServerError')),
				message,
				headers,
			);
		case 'entra': {
			const r = entraError(
				status,
				status >= 500 ? 'temporarily_unavailable' : 'invalid_request',
				90033,
				'A transient error has occurred. Please try again.',
				now,
			);
			return { ...r, headers: { ...r.headers, ...headers } };
		}
		default:
			return json(status, { error: 'Injected fault.' }, headers);
	}
}

function notRouted(
	req: EmuRequest,
	kind: 'none' | 'methodNotAllowed',
	allowed: string[] = [],
): EmuResponse {
	const api = apiOf(req.path);
	if (kind === 'methodNotAllowed') {
		const message = `The HTTP method '${req.method}' is not allowed for this resource. Allowed: ${allowed.join(', ')}.`;
		if (api === 'mde')
			return mdeError(405, 'MethodNotAllowed', message, { allow: allowed.join(', ') });
		return graphError(req, 405, 'MethodNotAllowed', message, {
			headers: { allow: allowed.join(', ') },
		});
	}
	if (api === 'graph') {
		const segment = req.path.split('/').filter(Boolean).slice(-1)[0] ?? '';
		return graphError(
			req,
			400,
			'BadRequest',
			`Resource not found for the segment '${segment.slice(0, 100)}'.`,
		);
	}
	if (api === 'mde')
		return mdeError(
			404,
			'ResourceNotFound',
			`No API resource matches '${req.path.slice(0, 200)}'.`,
		);
	return json(404, {
		error: 'not_found',
		message: `Nothing is served at ${req.path.slice(0, 200)}. The emulator serves /{tenant}/oauth2/v2.0/token, /v1.0/..., /api/... and /_emulator/...`,
	});
}

async function route(ctx: EmuContext, router: Router, req: EmuRequest): Promise<EmuResponse> {
	const match = router.match(req.method, req.path);
	if (match.kind !== 'match')
		return notRouted(req, match.kind, match.kind === 'methodNotAllowed' ? match.allowed : []);
	const { route: r, params } = match;
	if (r.api === 'entra')
		return r.handle(ctx, req, params, { appId: '', displayName: '', roles: [] });
	const auth = authenticate(ctx, req, r.api);
	if (!auth.ok) {
		return r.api === 'graph'
			? unauthorized(req, auth.message)
			: mdeError(401, 'Unauthorized', auth.message, { 'www-authenticate': 'Bearer' });
	}
	const caller = auth.caller;
	const roles = typeof r.roles === 'function' ? r.roles(params) : r.roles;
	if (roles && roles.length > 0 && !hasAnyRole(caller, roles)) {
		if (r.api === 'graph') return forbidden(req, roles, caller.roles);
		return mdeError(
			403,
			'Forbidden',
			`Missing application permission: this operation requires one of ${roles.join(', ')}. Roles in the token: ${caller.roles.join(', ') || 'none'}.`,
		);
	}
	if (r.bucket) {
		const key =
			r.bucketPer === 'tenant'
				? ctx.state.tenantId
				: r.bucketPer === 'appRoute'
					? `${caller.appId}|${r.method} ${r.pattern}`
					: caller.appId;
		const wait = ctx.limiter.hit(r.bucket, key);
		if (wait !== undefined)
			return r.api === 'graph' ? throttled(req, wait, ctx.clock.now()) : mdeThrottled(wait);
	}
	return r.handle(ctx, req, params, caller);
}

/** Graph answers every call with `request-id` and echoes `client-request-id` (graph-api.md §10.1). */
function withRequestIds(req: EmuRequest, response: EmuResponse): EmuResponse {
	const headers = { ...(response.headers ?? {}) };
	headers['request-id'] ??= randomUUID();
	headers['client-request-id'] ??= req.headers['client-request-id'] ?? headers['request-id'];
	return { ...response, headers };
}

/** A fault that stops the request before it runs (or delays it), else the request itself. */
async function beforeProcessing(
	ctx: EmuContext,
	router: Router,
	req: EmuRequest,
	fault: FaultSpec | undefined,
): Promise<PipelineResult> {
	if (fault?.delayMs) await delay(fault.delayMs);
	if (fault?.reset && req.batchParent === undefined) return { kind: 'reset' };
	if (fault?.malformed && req.batchParent === undefined) return { kind: 'malformed' };
	if (fault && (fault.status !== undefined || fault.reset || fault.malformed)) {
		return {
			kind: 'response',
			response: faultResponse(ctx, req, { ...fault, status: fault.status ?? 502 }),
		};
	}
	return { kind: 'response', response: await route(ctx, router, req) };
}

/**
 * The request runs (its change is made), then the answer is lost: dropped, late, or replaced by an
 * error status. Inside a $batch a connection cannot be dropped, so the inner answer becomes 504.
 */
async function processThenFail(
	ctx: EmuContext,
	router: Router,
	req: EmuRequest,
	fault: FaultSpec,
): Promise<PipelineResult> {
	const response = await route(ctx, router, req);
	if (fault.delayMs) await delay(fault.delayMs);
	if (fault.reset && req.batchParent === undefined) return { kind: 'reset' };
	if (fault.status !== undefined || fault.reset) {
		return {
			kind: 'response',
			response: faultResponse(ctx, req, { ...fault, status: fault.status ?? 504 }),
		};
	}
	return { kind: 'response', response };
}

/** Runs one API request end to end and records it in the request log. */
export async function runPipeline(
	ctx: EmuContext,
	router: Router,
	req: EmuRequest,
): Promise<PipelineResult> {
	const started = Date.now();
	const seq = ctx.log.nextSeq();
	req.seq = seq;
	const time = new Date(ctx.clock.now()).toISOString();
	let result: PipelineResult;
	const fault = ctx.faults.take(
		req.method,
		req.rawQuery ? `${req.path}?${req.rawQuery}` : req.path,
	);
	if (fault?.afterProcessing) result = await processThenFail(ctx, router, req, fault);
	else result = await beforeProcessing(ctx, router, req, fault);
	if (result.kind === 'response' && apiOf(req.path) === 'graph') {
		result = { kind: 'response', response: withRequestIds(req, result.response) };
	}
	const status =
		result.kind === 'response' ? result.response.status : result.kind === 'malformed' ? 200 : 0;
	ctx.log.add(
		{
			seq,
			method: req.method,
			path: req.path,
			query: queryRecord(req.query),
			status,
			time,
			durationMs: Date.now() - started,
			...(req.batchParent !== undefined ? { batchParent: req.batchParent } : {}),
		},
		{ req, response: result.kind === 'response' ? result.response : undefined },
	);
	return result;
}
