/**
 * Access-token checks for API routes: signature, expiry, audience and tenant, then the
 * application roles the route needs (graph-api.md §1.4).
 */
import { decodeJwt, verifySignature } from './jwt';
import { AUDIENCES, type Resource } from './resources';
import type { EmuContext } from '../context';
import type { EmuRequest } from '../http';

export interface Caller {
	appId: string;
	displayName: string;
	roles: string[];
}

export type BearerResult = { ok: true; caller: Caller } | { ok: false; message: string };

export function authenticate(ctx: EmuContext, req: EmuRequest, resource: Resource): BearerResult {
	const header = req.headers.authorization ?? '';
	if (!/^bearer\s+/i.test(header)) return { ok: false, message: 'Access token is empty.' };
	const jwt = decodeJwt(header.replace(/^bearer\s+/i, '').trim());
	if (!jwt) return { ok: false, message: 'IDX14100: JWT is not well formed.' };
	if (jwt.header.kid !== ctx.keys.kid || !verifySignature(jwt, ctx.keys.publicKey)) {
		return { ok: false, message: 'Access token validation failure: invalid signature.' };
	}
	const claims = jwt.payload;
	const nowSec = ctx.clock.now() / 1000;
	// No clock-skew allowance, so a 1-second token lifetime reliably exercises the 401 path.
	if (typeof claims.exp !== 'number' || claims.exp <= nowSec) {
		return { ok: false, message: 'Lifetime validation failed, the token is expired.' };
	}
	if (claims.aud !== AUDIENCES[resource]) {
		return { ok: false, message: 'Access token validation failure. Invalid audience.' };
	}
	if (claims.tid !== ctx.state.tenantId) {
		return {
			ok: false,
			message: 'Access token validation failure: the token was issued for another tenant.',
		};
	}
	const roles = Array.isArray(claims.roles)
		? claims.roles.filter((r): r is string => typeof r === 'string')
		: [];
	return {
		ok: true,
		caller: {
			appId: String(claims.appid ?? ''),
			displayName: String(claims.app_displayname ?? claims.appid ?? ''),
			roles,
		},
	};
}

/** True when the caller holds at least one of the roles. */
export function hasAnyRole(caller: Caller, anyOf: readonly string[]): boolean {
	return anyOf.some((r) => caller.roles.includes(r));
}
