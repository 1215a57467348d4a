/** Shared set-up for client tests: a client over real HTTP (nock), a recording sleep and fixtures. */
import nock from 'nock';

import { CLOUDS } from '../../../lib/auth/entraToken';
import { EntraTokenProvider } from '../../../lib/auth/tokenCache';
import { DefenderClient } from '../../../lib/client/DefenderClient';
import type { TokenProvider } from '../../../lib/ports';
import { createAxiosTransport, manualClock, recordingSleep } from '../http/axiosTransport';

export const GRAPH_HOST = 'https://graph.microsoft.com';
export const GRAPH = `${GRAPH_HOST}/v1.0`;
export const MDE_HOST = 'https://api.securitycenter.microsoft.com';
export const LOGIN_HOST = 'https://login.microsoftonline.com';
export const TENANT = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const CLIENT_SECRET = 'test-secret-value';
export const TOKEN_PATH = `/${TENANT}/oauth2/v2.0/token`;

/** Headers every Graph call must carry. */
export const GRAPH_HEADERS = {
	accept: 'application/json',
	prefer: 'include-unknown-enum-members',
};

export function makeClient(options: { tokens?: TokenProvider; maxAttempts?: number } = {}) {
	const sleep = recordingSleep();
	const clock = manualClock();
	const transport = createAxiosTransport();
	const client = new DefenderClient({
		transport,
		endpoints: { graphBaseUrl: GRAPH, mdeBaseUrl: `${MDE_HOST}/api` },
		tokens: options.tokens,
		sleep,
		clock,
		random: () => 0.5,
		retry: options.maxAttempts ? { maxAttempts: options.maxAttempts } : undefined,
	});
	return { client, sleep, clock, transport };
}

/** A client that mints its own tokens against a nock'd Entra endpoint. */
export function makeClientWithTokens(options: { maxAttempts?: number } = {}) {
	const clock = manualClock();
	const tokens = new EntraTokenProvider(createAxiosTransport(), clock, {
		endpoints: CLOUDS.global,
		tenantId: TENANT,
		clientId: CLIENT_ID,
		auth: { type: 'secret', secret: CLIENT_SECRET },
	});
	return { ...makeClient({ tokens, maxAttempts: options.maxAttempts }), tokens };
}

/** Graph with the standard headers and no Authorization (the n8n credential adds it). */
export function graphScope() {
	return nock(GRAPH_HOST, { reqheaders: GRAPH_HEADERS, badheaders: ['authorization'] });
}

export function tokenReply(accessToken: string) {
	return { token_type: 'Bearer', expires_in: 3599, access_token: accessToken };
}

export function alert(id: string, extra: Record<string, unknown> = {}) {
	return {
		'@odata.type': '#microsoft.graph.security.alert',
		id,
		status: 'new',
		severity: 'high',
		serviceSource: 'microsoftDefenderForEndpoint',
		createdDateTime: '2025-01-15T09:00:00.0000000Z',
		lastUpdateDateTime: '2025-01-15T10:00:00.0000000Z',
		...extra,
	};
}

export function incident(id: string, extra: Record<string, unknown> = {}) {
	return {
		'@odata.type': '#microsoft.graph.security.incident',
		id,
		status: 'active',
		severity: 'medium',
		createdDateTime: '2025-01-15T09:00:00Z',
		lastUpdateDateTime: '2025-01-15T10:00:00Z',
		...extra,
	};
}

export function graphError(code: string, message: string, requestId = 'req-1') {
	return {
		error: { code, message, innerError: { date: '2025-01-15T10:00:00', 'request-id': requestId } },
	};
}

/** Collects every page of an async iterator. */
export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
	const out: T[][] = [];
	for await (const page of pages) out.push(page);
	return out;
}
