import type {
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { isDefenderError, type DefenderError } from '../../lib/errors';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../lib/ports';

export const CREDENTIAL_NAME = 'defenderXdrApi';

type RequestContext =
	| IExecuteFunctions
	| IPollFunctions
	| IWebhookFunctions
	| IHookFunctions
	| ILoadOptionsFunctions;

interface HttpErrorShape {
	response?: { status?: number; statusCode?: number; headers?: unknown; data?: unknown; body?: unknown };
	code?: string;
	cause?: unknown;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return out;
	for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

/** n8n wraps failures in NodeApiError; the HTTP answer is on the error or one of its causes. */
function findHttpResponse(error: unknown): HttpResponse | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const response = (current as HttpErrorShape).response;
		const status = response?.status ?? response?.statusCode;
		if (response && typeof status === 'number') {
			return {
				status,
				headers: lowerCaseHeaders(response.headers),
				body: response.data ?? response.body,
			};
		}
		current = (current as HttpErrorShape).cause;
	}
	return undefined;
}

/** A token failure from the credential (wrong secret, tenant…) arrives wrapped by n8n. */
function findDefenderError(error: unknown): DefenderError | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		if (isDefenderError(current)) return current;
		current = (current as HttpErrorShape).cause;
	}
	return undefined;
}

function findNetworkCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as HttpErrorShape).code;
		if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
		current = (current as HttpErrorShape).cause;
	}
	return undefined;
}

/**
 * lib's HttpTransport over n8n's authenticated request helper. The credential adds the token and
 * re-mints it once on a 401; every other status comes back as a response for lib to interpret.
 */
export function createN8nTransport(context: RequestContext): HttpTransport {
	return {
		async request(req: HttpRequest): Promise<HttpResponse> {
			const options: IHttpRequestOptions = {
				method: req.method as IHttpRequestMethods,
				url: req.url,
				qs: req.query,
				headers: req.headers,
				body: req.body as IHttpRequestOptions['body'],
				json: typeof req.body !== 'string',
				returnFullResponse: true,
				timeout: req.timeoutMs,
			};
			try {
				const response = (await context.helpers.httpRequestWithAuthentication.call(
					context,
					CREDENTIAL_NAME,
					options,
				)) as { statusCode: number; headers: unknown; body: unknown };
				return {
					status: response.statusCode,
					headers: lowerCaseHeaders(response.headers),
					body: response.body,
				};
			} catch (error) {
				const tokenFailure = findDefenderError(error);
				if (tokenFailure) throw tokenFailure;
				const response = findHttpResponse(error);
				if (response) return response;
				const failure = new Error('The request did not get an answer') as Error & { code?: string };
				failure.code = findNetworkCode(error) ?? 'ENETWORK';
				throw failure;
			}
		},
	};
}
