/**
 * The only ways lib/ touches the outside world. The nodes fill these with n8n's helpers;
 * tests fill them with real HTTP against nock or the emulator.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL without query string. */
	url: string;
	query?: Record<string, string | number | boolean>;
	headers?: Record<string, string>;
	/** JSON-serialisable body, or a string sent as is (form bodies). */
	body?: unknown;
	timeoutMs?: number;
}

export interface HttpResponse {
	status: number;
	/** Header names lower-cased. */
	headers: Record<string, string>;
	/** Parsed JSON when the body is JSON, the raw text otherwise, undefined when empty. */
	body: unknown;
}

/**
 * Resolves for every HTTP status (4xx and 5xx included) and rejects only when no response
 * arrived (connection refused or reset, timeout, DNS). Rejections carry `code` when known.
 */
export interface HttpTransport {
	request(req: HttpRequest): Promise<HttpResponse>;
}

/** Which API a token is for: Microsoft Graph or the Defender for Endpoint API. */
export type ApiResource = 'graph' | 'mde';

export interface TokenProvider {
	getToken(resource: ApiResource): Promise<string>;
	/** Forget a cached token after the API rejected it (401), so the next call mints a new one. */
	invalidate(resource: ApiResource): void;
}

export type Sleep = (ms: number) => Promise<void>;

export interface Clock {
	now(): number;
}

export interface Logger {
	debug(message: string, meta?: Record<string, unknown>): void;
	warn(message: string, meta?: Record<string, unknown>): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const silentLogger: Logger = { debug: () => undefined, warn: () => undefined };
