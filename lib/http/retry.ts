/**
 * Retries transient failures: 429, 503, 504 and network errors. Waits honour `Retry-After`,
 * otherwise capped exponential backoff with full jitter. Sleep, clock and randomness are injected
 * so tests can assert every wait.
 */

import { DefenderError, isDefenderError } from '../errors';
import type { Clock, HttpRequest, HttpResponse, Logger, Sleep } from '../ports';
import { silentLogger, systemClock } from '../ports';
import { safeSnippet } from '../redact';
import { errorFromResponse, type RequestInfo } from './graphErrors';
import { parseRetryAfter } from './retryAfter';

export interface RetryOptions {
	sleep: Sleep;
	clock?: Clock;
	/** Returns [0, 1); used for jitter. */
	random?: () => number;
	logger?: Logger;
	/** Total tries including the first. Default 5. */
	maxAttempts?: number;
	/** First backoff step before jitter. Default 1 s. */
	baseDelayMs?: number;
	/** Longest single wait; a larger Retry-After waits this long. Default 60 s. */
	maxDelayMs?: number;
	/** Method and URL of the call, for error messages and hints. */
	request?: RequestInfo;
	/**
	 * False for a call that must not run twice (a comment POST): it is only sent again when the
	 * answer says it was not run (429, 503) or the connection was never made. After a reset, a
	 * timeout or a 504 the caller must look before sending it again. Default true.
	 */
	idempotent?: boolean;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BASE_DELAY_MS = 1_000;
export const DEFAULT_MAX_DELAY_MS = 60_000;

const RETRYABLE_STATUSES = new Set([429, 503, 504]);

const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
]);

export function isRetryableStatus(status: number): boolean {
	return RETRYABLE_STATUSES.has(status);
}

/** Answers that say the request was not run: safe to send again whatever it does. */
const NOT_RUN_STATUSES = new Set([429, 503]);

/** Failures before the request left: no connection, no name. A reset or timeout may come after. */
const NOT_SENT_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_CONNECT_TIMEOUT',
]);

function mayRetry(idempotent: boolean | undefined, status?: number, error?: unknown): boolean {
	if (idempotent !== false) return true;
	if (status !== undefined) return NOT_RUN_STATUSES.has(status);
	const code = errorCode(error);
	return code !== undefined && NOT_SENT_NETWORK_CODES.has(code);
}

function errorCode(error: unknown): string | undefined {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : undefined;
}

function errorText(error: unknown): string {
	const message = (error as { message?: unknown } | null)?.message;
	return typeof message === 'string' ? message : String(error);
}

/** A transport rejection worth another try: resets, refusals, timeouts, hang-ups. */
export function isRetryableNetworkError(error: unknown): boolean {
	if (isDefenderError(error)) return false;
	const code = errorCode(error);
	if (code && RETRYABLE_NETWORK_CODES.has(code)) return true;
	// axios reports its own timeout as ECONNABORTED, "timeout of 60000ms exceeded".
	return /socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|network timeout|timeout of \d+ ?ms exceeded/i.test(
		errorText(error),
	);
}

/**
 * Wraps a transport rejection in a DefenderError('network'). The original error is not kept: HTTP
 * client errors often carry the request config, Authorization header included.
 */
export function networkError(
	error: unknown,
	attempts: number,
	request?: RequestInfo,
): DefenderError {
	const code = errorCode(error);
	const where = request?.url ? ` to ${safeSnippet(request.url.split('?')[0] ?? '', 200)}` : '';
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	return new DefenderError('network', `No response from the API${where}${tries}.`, {
		code,
		apiMessage: safeSnippet(errorText(error), 300),
		hint: 'Check network access to the Microsoft endpoints (proxy, firewall, DNS) and the cloud chosen in the credential.',
	});
}

/** Full jitter: uniform in [0, min(cap, base * 2^(retry-1))]. `retry` counts from 1. */
export function backoffDelay(
	retry: number,
	random: () => number,
	baseDelayMs = DEFAULT_BASE_DELAY_MS,
	maxDelayMs = DEFAULT_MAX_DELAY_MS,
): number {
	const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
	return Math.floor(random() * ceiling);
}

/** The wait before the next try: Retry-After when given (capped), else jittered backoff. */
export function retryDelay(
	retry: number,
	retryAfterMs: number | undefined,
	random: () => number,
	baseDelayMs = DEFAULT_BASE_DELAY_MS,
	maxDelayMs = DEFAULT_MAX_DELAY_MS,
): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxDelayMs);
	return backoffDelay(retry, random, baseDelayMs, maxDelayMs);
}

/**
 * Runs `fn` until it returns a response that is not 429/503/504, retrying those and network errors
 * up to `maxAttempts` tries. Other statuses are returned as they are for the caller to map. When
 * the tries run out, throws DefenderError: 'throttled' (429, with retryAfterMs), 'server' (5xx) or
 * 'network'.
 */
export async function withRetry(
	fn: () => Promise<HttpResponse>,
	options: RetryOptions,
): Promise<HttpResponse> {
	const clock = options.clock ?? systemClock;
	const random = options.random ?? Math.random;
	const logger = options.logger ?? silentLogger;
	const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
	const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
	const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;

	for (let attempt = 1; ; attempt++) {
		const outcome = await settle(fn);
		if ('error' in outcome) {
			const { error } = outcome;
			if (isDefenderError(error)) throw error;
			if (
				!isRetryableNetworkError(error) ||
				attempt >= maxAttempts ||
				!mayRetry(options.idempotent, undefined, error)
			) {
				throw networkError(error, attempt, options.request);
			}
			const wait = retryDelay(attempt, undefined, random, baseDelayMs, maxDelayMs);
			logger.warn('Network error, retrying', { code: errorCode(error), attempt, waitMs: wait });
			await options.sleep(wait);
			continue;
		}
		const { response } = outcome;

		if (!isRetryableStatus(response.status)) return response;
		if (!mayRetry(options.idempotent, response.status)) return response;

		const retryAfterMs = parseRetryAfter(response.headers['retry-after'], clock.now());
		if (attempt >= maxAttempts) {
			const error = errorFromResponse(response, options.request, clock.now());
			throw new DefenderError(
				error.kind,
				`${error.message.replace(/\.$/, '')} after ${attempt} attempts.`,
				{
					status: error.status,
					code: error.code,
					requestId: error.requestId,
					hint: error.hint,
					retryAfterMs: error.retryAfterMs,
					apiMessage: error.apiMessage,
				},
			);
		}
		const wait = retryDelay(attempt, retryAfterMs, random, baseDelayMs, maxDelayMs);
		logger.warn('Transient HTTP status, retrying', {
			status: response.status,
			attempt,
			waitMs: wait,
		});
		await options.sleep(wait);
	}
}

/** Runs `fn`, capturing a rejection as a value so it can be handled outside a catch block. */
async function settle(
	fn: () => Promise<HttpResponse>,
): Promise<{ response: HttpResponse } | { error: unknown }> {
	try {
		return { response: await fn() };
	} catch (error) {
		return { error };
	}
}

/** Convenience for callers that already have a request object. */
export function describeRequest(request: HttpRequest): RequestInfo {
	return { method: request.method, url: request.url };
}
