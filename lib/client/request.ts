/**
 * One API call: headers, bearer token (when the client mints its own), retries, a single re-mint
 * after a 401, error mapping and response parsing. Everything above this file speaks in paths and
 * schemas.
 */

import type { z } from 'zod';

import { normalizeBaseUrl } from '../auth/clouds';
import { DefenderError } from '../errors';
import { errorFromResponse, isSuccess } from '../http/graphErrors';
import { withRetry } from '../http/retry';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../http/timeout';
import type {
	ApiResource,
	Clock,
	HttpMethod,
	HttpResponse,
	HttpTransport,
	Logger,
	Sleep,
	TokenProvider,
} from '../ports';
import { silentLogger, systemClock } from '../ports';
import { parseResponse } from '../schemas/parse';

/** Graph masks enum members added after unknownFutureValue without this (graph-api.md §5.2). */
export const PREFER_UNKNOWN_ENUMS = 'include-unknown-enum-members';

export interface RetrySettings {
	maxAttempts?: number;
	baseDelayMs?: number;
	maxDelayMs?: number;
}

export interface RequesterOptions {
	transport: HttpTransport;
	endpoints: { graphBaseUrl: string; mdeBaseUrl: string };
	/** When given, the client adds `Authorization: Bearer` itself and re-mints once on a 401. */
	tokens?: TokenProvider;
	sleep: Sleep;
	clock?: Clock;
	random?: () => number;
	logger?: Logger;
	retry?: RetrySettings;
	/** Per request; default DEFAULT_REQUEST_TIMEOUT_MS. */
	requestTimeoutMs?: number;
}

export interface ApiCall {
	api: ApiResource;
	method: HttpMethod;
	/** Path below the API's base URL, starting with "/". */
	path?: string;
	/** An absolute URL (a nextLink); its origin must be the API's. */
	url?: string;
	query?: Record<string, string | number | boolean>;
	body?: unknown;
	headers?: Record<string, string>;
	/** False when the call must not run twice (see RetryOptions.idempotent). Default true. */
	idempotent?: boolean;
}

export class ApiRequester {
	readonly graphBaseUrl: string;
	readonly mdeBaseUrl: string;
	readonly clock: Clock;
	readonly logger: Logger;
	readonly sleep: Sleep;
	readonly random: () => number;
	readonly retry: RetrySettings;
	readonly requestTimeoutMs: number;

	constructor(private readonly options: RequesterOptions) {
		this.graphBaseUrl = normalizeBaseUrl(options.endpoints?.graphBaseUrl, 'Graph base URL');
		this.mdeBaseUrl = normalizeBaseUrl(
			options.endpoints?.mdeBaseUrl,
			'Defender for Endpoint API base URL',
		);
		this.clock = options.clock ?? systemClock;
		this.logger = options.logger ?? silentLogger;
		this.sleep = options.sleep;
		this.random = options.random ?? Math.random;
		this.retry = options.retry ?? {};
		const timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
		if (!Number.isFinite(timeout) || timeout <= 0) {
			throw new DefenderError(
				'validation',
				'The request timeout must be a positive number of milliseconds.',
			);
		}
		this.requestTimeoutMs = timeout;
	}

	baseUrl(api: ApiResource): string {
		return api === 'graph' ? this.graphBaseUrl : this.mdeBaseUrl;
	}

	/** Sends the call and returns the 2xx response; any other status becomes a DefenderError. */
	async send(call: ApiCall): Promise<HttpResponse> {
		const url = call.url ?? `${this.baseUrl(call.api)}${call.path ?? ''}`;
		const headers: Record<string, string> = { Accept: 'application/json' };
		if (call.api === 'graph') headers.Prefer = PREFER_UNKNOWN_ENUMS;
		if (call.body !== undefined && typeof call.body !== 'string') {
			headers['Content-Type'] = 'application/json';
		}
		Object.assign(headers, call.headers);
		const info = { method: call.method, url };

		const attempt = () =>
			withRetry(
				async () => {
					const authorization: Record<string, string> = this.options.tokens
						? { Authorization: `Bearer ${await this.options.tokens.getToken(call.api)}` }
						: {};
					return await this.options.transport.request({
						method: call.method,
						url,
						query: call.query,
						headers: { ...headers, ...authorization },
						body: call.body,
						timeoutMs: this.requestTimeoutMs,
					});
				},
				{
					sleep: this.sleep,
					clock: this.clock,
					random: this.random,
					logger: this.logger,
					request: info,
					...this.retry,
					idempotent: call.idempotent,
				},
			);

		this.logger.debug('Defender API request', { method: call.method, url });
		let response = await attempt();
		if (response.status === 401 && this.options.tokens) {
			// The token may have been revoked or rotated early: mint a new one, once.
			this.logger.debug('401 from the API, minting a new token', { api: call.api });
			this.options.tokens.invalidate(call.api);
			response = await attempt();
		}
		if (!isSuccess(response.status)) throw errorFromResponse(response, info, this.clock.now());
		return response;
	}

	/** Sends the call and parses the JSON body with `schema`; `what` names it in errors. */
	async json<Schema extends z.ZodTypeAny>(
		call: ApiCall,
		schema: Schema,
		what: string,
	): Promise<z.infer<Schema>> {
		const response = await this.send(call);
		return parseResponse(schema, jsonBody(response.body), what);
	}
}

/** Transports hand over parsed JSON, or text when the content type was not JSON: try that too. */
export function jsonBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	if (body.trim() === '') return undefined;
	try {
		return JSON.parse(body);
	} catch {
		// parseResponse reports non-JSON bodies with a clear message.
		return body;
	}
}
