/**
 * A real-HTTP HttpTransport for tests (nock intercepts it; the emulator answers it on loopback).
 * It follows the port's contract: resolves for every status, rejects only when no response came.
 */
import axios from 'axios';

import type { HttpRequest, HttpResponse, HttpTransport } from '../../../lib/ports';

function encodeQuery(query: HttpRequest['query']): string {
	if (!query) return '';
	const parts = Object.entries(query).map(
		([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`,
	);
	return parts.length ? `?${parts.join('&')}` : '';
}

function parseBody(text: string, contentType: string | undefined): unknown {
	if (text === '') return undefined;
	if (contentType && /json/i.test(contentType)) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return text;
}

export function createAxiosTransport(): HttpTransport & { requests: HttpRequest[] } {
	const requests: HttpRequest[] = [];
	return {
		requests,
		async request(req: HttpRequest): Promise<HttpResponse> {
			requests.push(req);
			const data =
				req.body === undefined || typeof req.body === 'string'
					? req.body
					: JSON.stringify(req.body);
			const response = await axios.request<string>({
				method: req.method,
				url: `${req.url}${encodeQuery(req.query)}`,
				headers: req.headers,
				data,
				timeout: req.timeoutMs,
				responseType: 'text',
				transformResponse: [(raw: string) => raw],
				validateStatus: () => true,
				maxRedirects: 0,
				proxy: false,
			});
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(response.headers)) {
				if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
			}
			return {
				status: response.status,
				headers,
				body: parseBody(response.data ?? '', headers['content-type']),
			};
		},
	};
}

/** A Sleep that records each wait and resolves at once. */
export function recordingSleep(): ((ms: number) => Promise<void>) & { waits: number[] } {
	const waits: number[] = [];
	const sleep = async (ms: number) => {
		waits.push(ms);
	};
	return Object.assign(sleep, { waits });
}

/** A Clock the test moves by hand. */
export function manualClock(start = Date.parse('2025-01-15T10:00:00Z')) {
	let now = start;
	return {
		now: () => now,
		advance(ms: number) {
			now += ms;
		},
		set(ms: number) {
			now = ms;
		},
	};
}

/** A socket-level failure for nock's replyWithError (an Error instance, with a Node error code). */
export function socketError(code: string, message = `connect ${code}`): Error {
	return Object.assign(new Error(message), { code });
}
