/**
 * Hosts and token scopes per Microsoft cloud (graph-api.md §1.2, §1.3). Tokens of one cloud are
 * not valid in another, so everything a request needs comes from one entry here.
 */

import { DefenderError } from '../errors';
import type { ApiResource } from '../ports';

export type CloudName = 'global' | 'usGcc' | 'usGccHigh' | 'usDod' | 'custom';

export interface CloudEndpoints {
	/** Entra ID authority host, e.g. https://login.microsoftonline.com (no tenant, no trailing slash). */
	loginHost: string;
	/** Graph base URL including the version segment, e.g. https://graph.microsoft.com/v1.0. */
	graphBaseUrl: string;
	/** Defender for Endpoint API base URL including /api. */
	mdeBaseUrl: string;
	/** The `scope` sent to the token endpoint for each API. */
	scopes: Readonly<Record<ApiResource, string>>;
}

const GLOBAL_SCOPES = {
	graph: 'https://graph.microsoft.com/.default',
	mde: 'https://api.securitycenter.microsoft.com/.default',
} as const;

export const CLOUDS: Readonly<Record<Exclude<CloudName, 'custom'>, CloudEndpoints>> = {
	global: {
		loginHost: 'https://login.microsoftonline.com',
		graphBaseUrl: 'https://graph.microsoft.com/v1.0',
		mdeBaseUrl: 'https://api.securitycenter.microsoft.com/api',
		scopes: GLOBAL_SCOPES,
	},
	// GCC signs in and uses Graph worldwide; only the MDE API has its own host.
	usGcc: {
		loginHost: 'https://login.microsoftonline.com',
		graphBaseUrl: 'https://graph.microsoft.com/v1.0',
		mdeBaseUrl: 'https://api-gcc.securitycenter.microsoft.us/api',
		scopes: {
			graph: 'https://graph.microsoft.com/.default',
			mde: 'https://api-gcc.securitycenter.microsoft.us/.default',
		},
	},
	usGccHigh: {
		loginHost: 'https://login.microsoftonline.us',
		graphBaseUrl: 'https://graph.microsoft.us/v1.0',
		mdeBaseUrl: 'https://api-gov.securitycenter.microsoft.us/api',
		scopes: {
			graph: 'https://graph.microsoft.us/.default',
			mde: 'https://api-gov.securitycenter.microsoft.us/.default',
		},
	},
	usDod: {
		loginHost: 'https://login.microsoftonline.us',
		graphBaseUrl: 'https://dod-graph.microsoft.us/v1.0',
		mdeBaseUrl: 'https://api-gov.securitycenter.microsoft.us/api',
		scopes: {
			graph: 'https://dod-graph.microsoft.us/.default',
			mde: 'https://api-gov.securitycenter.microsoft.us/.default',
		},
	},
};

export interface CustomCloudSettings {
	loginHost: string;
	graphBaseUrl: string;
	mdeBaseUrl: string;
	/** Default: the Global Graph scope. */
	graphScope?: string;
	/** Default: the Global MDE scope. */
	mdeScope?: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Checks a user-supplied base URL: absolute, https (plain http only on loopback, for an emulator),
 * no query or fragment. Returns it without a trailing slash.
 */
export function normalizeBaseUrl(value: unknown, label: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) {
		throw new DefenderError('validation', `${label} is empty.`, {
			hint: `Enter the full URL, e.g. ${label === 'Login host' ? 'https://login.microsoftonline.com' : 'https://graph.microsoft.com/v1.0'}.`,
		});
	}
	const url = URL.canParse(text) ? new URL(text) : undefined;
	if (!url) {
		throw new DefenderError('validation', `${label} is not a valid URL.`, {
			hint: 'Use an absolute URL starting with https://.',
		});
	}
	const secure = url.protocol === 'https:';
	const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
	if (!secure && !loopbackHttp) {
		throw new DefenderError('validation', `${label} must use https.`, {
			hint: 'Plain http is only accepted for 127.0.0.1/localhost (a local emulator); tokens and secrets must not travel unencrypted.',
		});
	}
	if (url.search || url.hash || url.username || url.password) {
		throw new DefenderError(
			'validation',
			`${label} must not contain a query, fragment or credentials.`,
		);
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function scopeOr(value: string | undefined, fallback: string, label: string): string {
	if (value === undefined || value.trim() === '') return fallback;
	const scope = value.trim();
	if (!/^\S+\/\.default$/.test(scope)) {
		throw new DefenderError('validation', `${label} must end with /.default.`, {
			hint: 'Client-credential tokens use the resource URI followed by /.default, e.g. https://graph.microsoft.com/.default.',
		});
	}
	return scope;
}

/** The endpoints of a named cloud, or of a custom one built from the caller's URLs. */
export function resolveCloudEndpoints(
	cloud: CloudName,
	custom?: CustomCloudSettings,
): CloudEndpoints {
	if (cloud !== 'custom') {
		const known = Object.prototype.hasOwnProperty.call(CLOUDS, cloud) ? CLOUDS[cloud] : undefined;
		if (!known) {
			throw new DefenderError('validation', `Unknown cloud '${String(cloud)}'.`, {
				hint: 'Use global, usGcc, usGccHigh, usDod or custom.',
			});
		}
		return known;
	}
	if (!custom) {
		throw new DefenderError(
			'validation',
			'The custom cloud needs a login host, Graph base URL and Defender for Endpoint base URL.',
		);
	}
	return {
		loginHost: normalizeBaseUrl(custom.loginHost, 'Login host'),
		graphBaseUrl: normalizeBaseUrl(custom.graphBaseUrl, 'Graph base URL'),
		mdeBaseUrl: normalizeBaseUrl(custom.mdeBaseUrl, 'Defender for Endpoint API base URL'),
		scopes: {
			graph: scopeOr(custom.graphScope, GLOBAL_SCOPES.graph, 'Graph scope'),
			mde: scopeOr(custom.mdeScope, GLOBAL_SCOPES.mde, 'Defender for Endpoint scope'),
		},
	};
}
