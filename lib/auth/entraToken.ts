/**
 * Pure pieces of the Entra ID client-credentials flow, shared by the token provider and the n8n
 * credential: the token request (secret or certificate) and the reading of its answer.
 * graph-api.md §1.1.
 */

import { randomUUID } from 'crypto';

import { DefenderError } from '../errors';
import type { ApiResource, HttpResponse } from '../ports';
import { safeSnippet } from '../redact';
import { buildClientAssertion } from './assertion';
import type { CloudEndpoints } from './clouds';

export {
	CLOUDS,
	normalizeBaseUrl,
	resolveCloudEndpoints,
	type CloudEndpoints,
	type CloudName,
	type CustomCloudSettings,
} from './clouds';
export { buildClientAssertion, certificateThumbprintS256 } from './assertion';

export type ClientAuth =
	| { type: 'secret'; secret: string }
	| { type: 'certificate'; privateKeyPem: string; certificatePem: string };

export interface TokenRequestInput {
	endpoints: CloudEndpoints;
	tenantId: string;
	clientId: string;
	auth: ClientAuth;
	resource: ApiResource;
	/** Milliseconds since the epoch. */
	now: number;
	/** For tests; default crypto.randomUUID. */
	newId?: () => string;
}

export interface TokenRequest {
	url: string;
	/** application/x-www-form-urlencoded body. */
	body: string;
}

export interface AccessToken {
	accessToken: string;
	expiresAtMs: number;
}

// Tenant: a GUID or a verified domain (contoso.onmicrosoft.com). Nothing that could alter the path.
const TENANT_ID = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253}[A-Za-z0-9])?$/;
const CLIENT_ID = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$/;

function requireTenantId(value: unknown): string {
	const tenantId = typeof value === 'string' ? value.trim() : '';
	if (!TENANT_ID.test(tenantId) || tenantId.includes('..')) {
		throw new DefenderError('validation', 'The Directory (tenant) ID is missing or malformed.', {
			hint: 'Copy the Tenant ID GUID from Entra ID > Overview, or use the tenant domain such as contoso.onmicrosoft.com.',
		});
	}
	return tenantId;
}

function requireClientId(value: unknown): string {
	const clientId = typeof value === 'string' ? value.trim() : '';
	if (!CLIENT_ID.test(clientId)) {
		throw new DefenderError('validation', 'The Application (client) ID is missing or malformed.', {
			hint: 'Copy the Application (client) ID GUID from Entra ID > App registrations > your app.',
		});
	}
	return clientId;
}

export function tokenUrl(endpoints: CloudEndpoints, tenantId: string): string {
	return `${endpoints.loginHost}/${encodeURIComponent(requireTenantId(tenantId))}/oauth2/v2.0/token`;
}

/** The token endpoint URL and form body for one API (one resource per token, graph-api.md §1.1). */
export function buildTokenRequest(input: TokenRequestInput): TokenRequest {
	const url = tokenUrl(input.endpoints, input.tenantId);
	const clientId = requireClientId(input.clientId);
	const scope = input.endpoints.scopes[input.resource];
	if (!scope) {
		throw new DefenderError(
			'validation',
			`Unknown API '${String(input.resource)}': use graph or mde.`,
		);
	}
	const form = new URLSearchParams({
		client_id: clientId,
		scope,
		grant_type: 'client_credentials',
	});

	const auth = input.auth;
	if (auth?.type === 'secret') {
		if (typeof auth.secret !== 'string' || auth.secret.trim() === '') {
			throw new DefenderError('validation', 'The client secret is empty.', {
				hint: 'Paste the secret Value (not the Secret ID) from Certificates & secrets.',
			});
		}
		form.set('client_secret', auth.secret);
	} else if (auth?.type === 'certificate') {
		const assertion = buildClientAssertion({
			tokenUrl: url,
			clientId,
			privateKeyPem: auth.privateKeyPem,
			certificatePem: auth.certificatePem,
			now: input.now,
			jti: (input.newId ?? randomUUID)(),
		});
		form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
		form.set('client_assertion', assertion);
	} else {
		throw new DefenderError('validation', 'Choose client secret or certificate authentication.');
	}
	return { url, body: form.toString() };
}

interface AadstsExplanation {
	message: string;
	hint: string;
}

const CONSENT = 'Entra ID > App registrations > your app > API permissions > Grant admin consent';

// Plain words for the AADSTS codes people actually hit with client credentials.
const AADSTS: Readonly<Record<string, AadstsExplanation>> = {
	'90002': {
		message: 'Tenant not found: check the Directory (tenant) ID.',
		hint: 'Copy the Tenant ID from Entra ID > Overview, and check that Cloud matches where the tenant lives.',
	},
	'900023': {
		message: 'Tenant not found: check the Directory (tenant) ID.',
		hint: 'The tenant ID must be the tenant GUID or a verified domain such as contoso.onmicrosoft.com.',
	},
	'700016': {
		message: 'Application not found in the tenant: check the Application (client) ID.',
		hint: 'Use the Application (client) ID of an app registered in (or consented to by) this tenant, and check the tenant ID.',
	},
	'7000215': {
		message: 'Invalid client secret.',
		hint: 'Paste the secret Value, not the Secret ID, from Certificates & secrets; create a new secret if the value was lost.',
	},
	'7000222': {
		message: 'The client secret has expired.',
		hint: 'Create a new secret in Entra ID > App registrations > your app > Certificates & secrets and update the credential.',
	},
	'700027': {
		message:
			'The certificate was not accepted: its signature or thumbprint does not match the app registration.',
		hint: 'Upload this certificate (the public part) to the app registration under Certificates & secrets, and check that it has not expired.',
	},
	'700024': {
		message: 'The client assertion is outside its valid time range.',
		hint: 'Check the clock of the machine running n8n: it must be within a few minutes of real time.',
	},
	'50012': {
		message: 'The client credentials were rejected.',
		hint: 'Check the secret or certificate configured for the app registration, and that it has not expired.',
	},
	'65001': {
		message: 'Admin consent is missing for this application.',
		hint: `A tenant admin must grant consent: ${CONSENT}.`,
	},
	'70011': {
		message: 'The requested scope is not valid for this cloud or API.',
		hint: 'Check Cloud in the credential; custom scopes must be the API URI followed by /.default.',
	},
	'1002012': {
		message:
			'The requested scope is not valid: client credentials need a scope ending in /.default.',
		hint: 'Leave the scopes at their defaults, or give the API URI followed by /.default.',
	},
	'500011': {
		message: 'The API (resource) was not found in this tenant.',
		hint: 'For Defender for Endpoint, the tenant needs an MDE licence and onboarding so the WindowsDefenderATP app exists; also check Cloud.',
	},
	'53003': {
		message: 'Blocked by a Conditional Access policy.',
		hint: 'Ask an admin to exclude this workload identity from the policy or allow the n8n host location.',
	},
};

function parseJsonBody(body: unknown): Record<string, unknown> | undefined {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
		? (parsed as Record<string, unknown>)
		: undefined;
}

function aadstsCode(body: Record<string, unknown>): string | undefined {
	const codes = body.error_codes;
	if (Array.isArray(codes) && (typeof codes[0] === 'number' || typeof codes[0] === 'string')) {
		return String(codes[0]);
	}
	const description = typeof body.error_description === 'string' ? body.error_description : '';
	return /AADSTS(\d+)/.exec(description)?.[1];
}

/** The first sentence of error_description, without the AADSTS prefix, scrubbed and short. */
function firstSentence(
	description: unknown,
	knownSecrets: ReadonlyArray<string | undefined>,
): string | undefined {
	if (typeof description !== 'string') return undefined;
	const firstLine = description.split(/\r?\n/)[0] ?? '';
	const withoutCode = firstLine.replace(/^\s*AADSTS\d+:\s*/, '');
	const sentence = /^(.*?[.!?])(\s|$)/.exec(withoutCode)?.[1] ?? withoutCode;
	const safe = safeSnippet(sentence, 200, knownSecrets);
	return safe || undefined;
}

/**
 * Reads the token endpoint's answer. Success → the token and when it expires. Failure →
 * DefenderError whose message says in plain words what to fix; only the AADSTS code and a scrubbed
 * first sentence of the description are kept (never the secret, assertion or token).
 */
export function parseTokenResponse(
	response: HttpResponse,
	now: number,
	knownSecrets: ReadonlyArray<string | undefined> = [],
): AccessToken {
	const body = parseJsonBody(response.body);
	const ok = response.status >= 200 && response.status < 300;

	if (!body) {
		throw new DefenderError(
			ok || response.status < 500 ? 'auth' : 'server',
			`The Entra ID token endpoint answered with something that is not JSON (HTTP ${response.status}).`,
			{
				status: response.status,
				hint: 'Check Cloud and, for a custom cloud, the login host: it must be an Entra ID authority.',
			},
		);
	}

	if (ok) {
		const accessToken = body.access_token;
		if (typeof accessToken !== 'string' || accessToken === '') {
			throw new DefenderError(
				'auth',
				'The Entra ID token endpoint answered without an access token.',
				{
					status: response.status,
					hint: 'Check Cloud and the login host of the credential.',
				},
			);
		}
		const expiresIn = Number(body.expires_in);
		// graph-api.md §1.1: tokens last about an hour; expires_in is always sent in practice.
		const lifetimeSeconds = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3599;
		return { accessToken, expiresAtMs: now + lifetimeSeconds * 1000 };
	}

	const code = aadstsCode(body);
	const explained = code ? AADSTS[code] : undefined;
	const apiMessage = firstSentence(body.error_description, knownSecrets);
	const details = {
		status: response.status,
		code: code
			? `AADSTS${code}`
			: typeof body.error === 'string'
				? safeSnippet(body.error, 60)
				: undefined,
		apiMessage,
		requestId: typeof body.trace_id === 'string' ? safeSnippet(body.trace_id, 60) : undefined,
	};
	if (response.status === 429) {
		throw new DefenderError('throttled', 'Entra ID is throttling token requests (429).', details);
	}
	if (response.status >= 500) {
		throw new DefenderError(
			'server',
			`The Entra ID token endpoint failed (HTTP ${response.status}).`,
			{
				...details,
				hint: 'This is usually temporary: retry later.',
			},
		);
	}
	if (explained) {
		throw new DefenderError('auth', explained.message, { ...details, hint: explained.hint });
	}
	const suffix = details.code ? `, ${details.code}` : '';
	throw new DefenderError(
		'auth',
		`Entra ID refused the token request (HTTP ${response.status}${suffix}).`,
		{
			...details,
			hint: 'Check the tenant ID, client ID, secret or certificate, and Cloud in the credential.',
		},
	);
}
