/**
 * What the n8n credential does with its fields, kept here so it is plain, testable code: which
 * endpoints the fields describe, when to mint which token, and which token a URL gets.
 * One token per API (Graph, Defender for Endpoint), graph-api.md §1.1.
 */

import { DefenderError, isDefenderError } from '../errors';
import type { ApiResource, HttpResponse } from '../ports';
import { resolveCloudEndpoints, type CloudEndpoints, type CloudName } from './clouds';
import {
	buildTokenRequest,
	parseTokenResponse,
	type ClientAuth,
	type TokenRequest,
} from './entraToken';

export type CredentialData = Record<string, unknown>;

/** Sends the token request; answers every HTTP status (n8n: ignoreHttpStatusErrors). */
export type SendTokenRequest = (request: TokenRequest) => Promise<HttpResponse>;

/** Refresh this long before expiry, so a token never expires in the middle of a poll. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface MintedTokens {
	graphAccessToken: string;
	mdeAccessToken: string;
	/** JSON: expiry per API in ms, and why the Defender for Endpoint token is missing if it is. */
	tokenExpiry: string;
}

interface StoredExpiry {
	graph?: number;
	mde?: number;
	mdeError?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function credentialCloud(data: CredentialData): CloudEndpoints {
	const cloud = (text(data.cloud) || 'global') as CloudName;
	return resolveCloudEndpoints(
		cloud,
		cloud === 'custom'
			? {
					loginHost: text(data.loginHost),
					graphBaseUrl: text(data.graphBaseUrl),
					mdeBaseUrl: text(data.mdeBaseUrl),
				}
			: undefined,
	);
}

export function credentialEndpoints(data: CredentialData): {
	graphBaseUrl: string;
	mdeBaseUrl: string;
} {
	const { graphBaseUrl, mdeBaseUrl } = credentialCloud(data);
	return { graphBaseUrl, mdeBaseUrl };
}

function clientAuth(data: CredentialData): ClientAuth {
	if (data.authentication === 'certificate') {
		return {
			type: 'certificate',
			privateKeyPem: text(data.privateKey),
			certificatePem: text(data.certificate),
		};
	}
	return { type: 'secret', secret: text(data.clientSecret) };
}

function readExpiry(data: CredentialData): StoredExpiry {
	try {
		const parsed = JSON.parse(text(data.tokenExpiry) || '{}') as StoredExpiry;
		return parsed && typeof parsed === 'object' ? parsed : {};
	} catch {
		return {};
	}
}

function fresh(token: unknown, expiresAt: number | undefined, now: number): boolean {
	return text(token) !== '' && typeof expiresAt === 'number' && expiresAt - REFRESH_MARGIN_MS > now;
}

/**
 * Called by n8n when the Graph token field is empty or an API answered 401. Mints only what is
 * missing or about to expire; when both still look valid the 401 means they were revoked, so both
 * are minted again. A Defender for Endpoint failure (not licensed, no permission) does not stop
 * Graph from working: its reason is kept and reported when an MDE call is made.
 */
export async function mintTokensForCredential(
	data: CredentialData,
	now: number,
	send: SendTokenRequest,
): Promise<MintedTokens> {
	const endpoints = credentialCloud(data);
	const auth = clientAuth(data);
	const secrets = [text(data.clientSecret), text(data.privateKey)];
	const stored = readExpiry(data);

	const graphFresh = fresh(data.graphAccessToken, stored.graph, now);
	const mdeFresh = fresh(data.mdeAccessToken, stored.mde, now);
	const revoked = graphFresh && (mdeFresh || stored.mdeError !== undefined);

	const mint = async (resource: ApiResource) => {
		const request = buildTokenRequest({
			endpoints,
			tenantId: text(data.tenantId),
			clientId: text(data.clientId),
			auth,
			resource,
			now,
		});
		return parseTokenResponse(await send(request), now, secrets);
	};

	const next: StoredExpiry = { graph: stored.graph, mde: stored.mde };
	let graphAccessToken = text(data.graphAccessToken);
	let mdeAccessToken = text(data.mdeAccessToken);

	if (!graphFresh || revoked) {
		const token = await mint('graph');
		graphAccessToken = token.accessToken;
		next.graph = token.expiresAtMs;
	}
	if (!mdeFresh || revoked) {
		try {
			const token = await mint('mde');
			mdeAccessToken = token.accessToken;
			next.mde = token.expiresAtMs;
		} catch (error) {
			mdeAccessToken = '';
			next.mde = undefined;
			next.mdeError = isDefenderError(error) ? error.message : 'The token request failed.';
		}
	}
	return { graphAccessToken, mdeAccessToken, tokenExpiry: JSON.stringify(next) };
}

function under(url: string, base: string): boolean {
	return url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
}

/** The token for a request URL: Graph's, the MDE API's, or none for any other host. */
export function tokenForUrl(data: CredentialData, url: string): string | undefined {
	let endpoints: CloudEndpoints;
	try {
		endpoints = credentialCloud(data);
	} catch {
		return undefined;
	}
	if (under(url, endpoints.mdeBaseUrl)) return text(data.mdeAccessToken) || undefined;
	if (under(url, endpoints.graphBaseUrl)) return text(data.graphAccessToken) || undefined;
	return undefined;
}

/** Why there is no Defender for Endpoint token, if minting it failed. */
export function mdeTokenProblem(data: CredentialData): DefenderError | undefined {
	const reason = readExpiry(data).mdeError;
	if (!reason || text(data.mdeAccessToken)) return undefined;
	return new DefenderError('auth', 'No token for the Defender for Endpoint API.', {
		apiMessage: reason,
		hint: 'Add WindowsDefenderATP application permissions to the app registration and grant admin consent.',
	});
}
