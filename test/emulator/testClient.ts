/**
 * Small HTTP helpers for the emulator's own tests: fetch a token, call an API route, read the
 * JSON answer. Not used by the package code.
 */
import type { RunningEmulator } from './index';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const MDE_SCOPE = 'https://api.securitycenter.microsoft.com/.default';

export interface ApiAnswer {
	status: number;
	headers: Headers;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	text: string;
}

async function answer(response: Response): Promise<ApiAnswer> {
	const text = await response.text();
	let body: unknown = undefined;
	try {
		body = text === '' ? undefined : JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: response.status, headers: response.headers, body, text };
}

export async function requestToken(
	emu: RunningEmulator,
	form: Record<string, string>,
	tenant: string = emu.tenantId,
): Promise<ApiAnswer> {
	const response = await fetch(`${emu.url}/${tenant}/oauth2/v2.0/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form).toString(),
	});
	return answer(response);
}

/** A token for the default client (or the given one). */
export async function tokenFor(
	emu: RunningEmulator,
	scope = GRAPH_SCOPE,
	client: { clientId: string; clientSecret: string } = emu.defaultClient,
): Promise<string> {
	const res = await requestToken(emu, {
		grant_type: 'client_credentials',
		client_id: client.clientId,
		client_secret: client.clientSecret,
		scope,
	});
	if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
	return res.body.access_token as string;
}

export interface CallOptions {
	token?: string;
	body?: unknown;
	headers?: Record<string, string>;
}

/** Calls `path` (relative to the emulator root, e.g. `/v1.0/security/alerts_v2?$top=5`). */
export async function call(
	emu: RunningEmulator,
	method: string,
	path: string,
	options: CallOptions = {},
): Promise<ApiAnswer> {
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	let body: string | undefined;
	if (options.body !== undefined) {
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		headers['content-type'] ??= 'application/json';
	}
	const url = path.startsWith('http') ? path : `${emu.url}${path}`;
	return answer(await fetch(url, { method, headers, body }));
}
