/** Everything a route handler may touch, passed explicitly (no module-level state). */
import type { KeyObject } from 'node:crypto';

import type { EmulatorClock } from './clock';
import type { AppRegistry } from './entra/apps';
import type { IssuedTokens } from './entra/issuedTokens';
import type { FaultInjector } from './faults';
import type { EmuRequest, EmuResponse } from './http';
import type { RateLimiter, RateLimitOptions } from './rateLimit';
import type { RequestLog } from './requestLog';
import type { EmulatorState } from './state';

export interface ResolvedOptions {
	seed: number;
	alerts: number;
	spanDays: number;
	tokenLifetimeSeconds: number;
	rateLimits: RateLimitOptions | false;
	alertsNextLink: boolean;
	actionClockMs: number;
	validatePairs: boolean;
}

export interface SigningKeys {
	privateKey: KeyObject;
	publicKey: KeyObject;
	/** Key id and x5t of the certificate that signs access tokens. */
	kid: string;
	certificatePem: string;
}

export interface EmuContext {
	options: ResolvedOptions;
	state: EmulatorState;
	apps: AppRegistry;
	clock: EmulatorClock;
	keys: SigningKeys;
	log: RequestLog;
	/** Access tokens issued so far (read by tests through `issuedTokens()`). */
	issuedTokens: IssuedTokens;
	faults: FaultInjector;
	limiter: RateLimiter;
	/** Runs a request through the API pipeline (used by `$batch` for its inner requests). */
	dispatch: (req: EmuRequest) => Promise<EmuResponse>;
}
