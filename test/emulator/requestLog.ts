/**
 * What tests and benchmarks count: one entry per API request (admin calls excluded). The token
 * request body and the Authorization header are never recorded.
 *
 * With `recordBodies` the entries also carry the request headers and body and the response body,
 * so a test can search everything that crossed the wire. Left out even then: the Authorization
 * header, the token endpoint's form body (where the client secret or assertion has to go) and the
 * `access_token` of the token endpoint's answer.
 */
import type { EmuRequest, EmuResponse } from './http';

export interface RequestLogEntry {
	/** Sequence number, unique per emulator run. */
	seq: number;
	method: string;
	path: string;
	query: Record<string, string>;
	status: number;
	/** ISO time the request arrived. */
	time: string;
	durationMs: number;
	/** `seq` of the `$batch` request this one was part of. */
	batchParent?: number;
	/** recordBodies only: request headers (names lower-cased), without Authorization. */
	requestHeaders?: Record<string, string>;
	/** recordBodies only: the request body as text; never the token endpoint's form. */
	requestBody?: string;
	/** recordBodies only: the response body as text, the issued access token masked. */
	responseBody?: string;
}

export interface RequestLogOptions {
	/** Record headers and bodies too (default false: benchmarks keep the lean entries). */
	recordBodies?: boolean;
}

/** What the pipeline hands over besides the entry, used only when bodies are recorded. */
export interface RequestExchange {
	req: Pick<EmuRequest, 'path' | 'headers' | 'body'>;
	/** Undefined when the connection was dropped or a broken body was sent instead. */
	response?: EmuResponse;
}

export const NOT_RECORDED_TOKEN_FORM = '[token request form not recorded]';
export const NOT_RECORDED_ACCESS_TOKEN = '[issued access token not recorded]';

const TOKEN_PATH = /\/oauth2\/v2\.0\/token$/i;

export function isTokenPath(path: string): boolean {
	return TOKEN_PATH.test(path);
}

function bodyText(body: unknown): string | undefined {
	if (body === undefined) return undefined;
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body);
}

/** The token endpoint's answer without the token it issued (errors are kept whole). */
function maskIssuedToken(body: unknown): unknown {
	if (typeof body === 'object' && body !== null && 'access_token' in body) {
		return { ...(body as Record<string, unknown>), access_token: NOT_RECORDED_ACCESS_TOKEN };
	}
	return body;
}

/** The optional recorded fields of one exchange. */
export function recordExchange(
	exchange: RequestExchange,
): Pick<RequestLogEntry, 'requestHeaders' | 'requestBody' | 'responseBody'> {
	const tokenCall = isTokenPath(exchange.req.path);
	const requestHeaders: Record<string, string> = {};
	for (const [name, value] of Object.entries(exchange.req.headers)) {
		if (name.toLowerCase() !== 'authorization') requestHeaders[name.toLowerCase()] = value;
	}
	const requestBody = tokenCall
		? NOT_RECORDED_TOKEN_FORM
		: exchange.req.body.length > 0
			? exchange.req.body.toString('utf8')
			: undefined;
	const responseBody = bodyText(
		tokenCall ? maskIssuedToken(exchange.response?.body) : exchange.response?.body,
	);
	return {
		requestHeaders,
		...(requestBody !== undefined ? { requestBody } : {}),
		...(responseBody !== undefined ? { responseBody } : {}),
	};
}

export class RequestLog {
	private entries: RequestLogEntry[] = [];
	private seq = 0;
	/** Oldest entries are dropped past this size, so long benchmarks do not grow without bound. */
	private readonly limit = 200000;
	readonly recordBodies: boolean;

	constructor(options: RequestLogOptions = {}) {
		this.recordBodies = options.recordBodies ?? false;
	}

	nextSeq(): number {
		this.seq += 1;
		return this.seq;
	}

	/** Adds an entry; with recordBodies, `exchange` supplies the headers and bodies. */
	add(entry: RequestLogEntry, exchange?: RequestExchange): void {
		const recorded =
			this.recordBodies && exchange ? { ...entry, ...recordExchange(exchange) } : entry;
		this.entries.push(recorded);
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
	}

	list(): RequestLogEntry[] {
		return this.entries.map((e) => ({
			...e,
			query: { ...e.query },
			...(e.requestHeaders ? { requestHeaders: { ...e.requestHeaders } } : {}),
		}));
	}

	clear(): void {
		this.entries = [];
	}
}

export function queryRecord(params: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of params) out[k] = v;
	return out;
}
