/**
 * TokenProvider over the Entra ID client-credentials flow: one cached token per API, refreshed
 * five minutes before it expires, and one shared request when several callers need a token at once.
 */

import { withRetry, type RetryOptions } from '../http/retry';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../http/timeout';
import type { ApiResource, Clock, HttpTransport, TokenProvider } from '../ports';
import type { CloudEndpoints } from './clouds';
import { buildTokenRequest, parseTokenResponse, type ClientAuth } from './entraToken';

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

export interface EntraTokenSettings {
	endpoints: CloudEndpoints;
	tenantId: string;
	clientId: string;
	auth: ClientAuth;
	/** Refresh this long before expiry. Default 5 minutes (graph-api.md §1.1). */
	refreshMarginMs?: number;
	/** Retries of 429/5xx/network failures at the token endpoint. Without it, one try. */
	retry?: Omit<RetryOptions, 'clock' | 'request'>;
	/** For tests; default crypto.randomUUID. */
	newId?: () => string;
}

interface CachedToken {
	accessToken: string;
	obtainedAtMs: number;
	expiresAtMs: number;
}

export class EntraTokenProvider implements TokenProvider {
	private readonly cache = new Map<ApiResource, CachedToken>();
	private readonly inFlight = new Map<ApiResource, Promise<string>>();

	constructor(
		private readonly transport: HttpTransport,
		private readonly clock: Clock,
		private readonly settings: EntraTokenSettings,
	) {}

	async getToken(resource: ApiResource): Promise<string> {
		const cached = this.cache.get(resource);
		if (cached && this.clock.now() < this.refreshAt(cached)) return cached.accessToken;

		const pending = this.inFlight.get(resource);
		if (pending) return await pending;

		const request = this.mint(resource).finally(() => this.inFlight.delete(resource));
		this.inFlight.set(resource, request);
		return await request;
	}

	invalidate(resource: ApiResource): void {
		this.cache.delete(resource);
	}

	/** Refresh point: `margin` before expiry, but never later than half-way through a short token. */
	private refreshAt(token: CachedToken): number {
		const margin = this.settings.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
		const lifetime = token.expiresAtMs - token.obtainedAtMs;
		return token.expiresAtMs - Math.min(margin, lifetime / 2);
	}

	private async mint(resource: ApiResource): Promise<string> {
		const { auth } = this.settings;
		const obtainedAtMs = this.clock.now();
		const tokenRequest = buildTokenRequest({
			endpoints: this.settings.endpoints,
			tenantId: this.settings.tenantId,
			clientId: this.settings.clientId,
			auth,
			resource,
			now: obtainedAtMs,
			newId: this.settings.newId,
		});
		const retry = this.settings.retry;
		const response = await withRetry(
			async () =>
				await this.transport.request({
					method: 'POST',
					url: tokenRequest.url,
					headers: {
						'Content-Type': 'application/x-www-form-urlencoded',
						Accept: 'application/json',
					},
					body: tokenRequest.body,
					timeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
				}),
			{
				...(retry ?? {}),
				sleep: retry?.sleep ?? (async () => undefined),
				maxAttempts: retry ? retry.maxAttempts : 1,
				clock: this.clock,
				request: { method: 'POST', url: tokenRequest.url },
			},
		);
		const token = parseTokenResponse(response, this.clock.now(), [
			auth.type === 'secret' ? auth.secret : undefined,
		]);
		this.cache.set(resource, { ...token, obtainedAtMs });
		return token.accessToken;
	}
}
