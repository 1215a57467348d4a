/**
 * `POST /{tenant}/oauth2/v2.0/token`: the client-credentials grant with a client secret (form or
 * HTTP Basic) or a signed client assertion (graph-api.md §1.1).
 */
import { createHash, randomUUID } from 'node:crypto';

import { rolesForResource, type AppRegistration } from './apps';
import { entraError } from './errors';
import { decodeJwt, signJwt, verifySignature } from './jwt';
import { AUDIENCES, resourceFor, type Resource } from './resources';
import type { EmuContext } from '../context';
import { json, type EmuRequest, type EmuResponse } from '../http';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export function isKnownTenant(ctx: EmuContext, tenant: string): boolean {
	const t = tenant.toLowerCase();
	return t === ctx.state.tenantId.toLowerCase() || t === 'contoso.onmicrosoft.com';
}

function parseForm(req: EmuRequest): URLSearchParams | undefined {
	if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? ''))
		return undefined;
	return new URLSearchParams(req.body.toString('utf8'));
}

function basicCredentials(req: EmuRequest): { id: string; secret: string } | undefined {
	const header = req.headers.authorization ?? '';
	if (!/^basic /i.test(header)) return undefined;
	const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return {
		id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
		secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
	};
}

function sameSecret(a: string, b: string): boolean {
	// Compare digests so timing does not depend on where the strings differ.
	const ha = createHash('sha256').update(a).digest();
	const hb = createHash('sha256').update(b).digest();
	return ha.equals(hb);
}

/** Validates a client assertion; returns an AADSTS700027 description on failure. */
function checkAssertion(
	ctx: EmuContext,
	req: EmuRequest,
	app: AppRegistration,
	tenant: string,
	assertion: string,
): string | undefined {
	const jwt = decodeJwt(assertion);
	if (!jwt)
		return 'Client assertion failed signature validation: the assertion is not a well-formed JWT.';
	const thumb = jwt.header['x5t#S256'] ?? jwt.header.x5t;
	const cert = app.certificates.find((c) => c.x5tS256 === thumb || c.x5t === thumb);
	if (!cert) {
		return `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${String(thumb ?? 'none')}'.]`;
	}
	if (!verifySignature(jwt, cert.publicKey)) {
		return 'Client assertion failed signature validation.';
	}
	const claims = jwt.payload;
	const nowSec = Math.floor(ctx.clock.now() / 1000);
	if (typeof claims.exp !== 'number' || claims.exp <= nowSec) {
		return 'Client assertion failed validation: the assertion is expired (exp is missing or in the past).';
	}
	if (typeof claims.nbf === 'number' && claims.nbf > nowSec + 300) {
		return 'Client assertion failed validation: the assertion is not yet valid (nbf is in the future).';
	}
	if (claims.iss !== app.clientId || claims.sub !== app.clientId) {
		return 'Client assertion failed validation: iss and sub must both be the client id.';
	}
	// graph-api.md §1.1: aud must be the token endpoint the assertion is sent to.
	const expectedPath = `/${tenant}/oauth2/v2.0/token`.toLowerCase();
	let audOk = false;
	if (typeof claims.aud === 'string') {
		try {
			const aud = new URL(claims.aud);
			audOk =
				aud.pathname.toLowerCase() === expectedPath &&
				['127.0.0.1', 'localhost'].includes(aud.hostname);
		} catch {
			audOk = false;
		}
	}
	if (!audOk) {
		return `Client assertion audience claim does not match the token endpoint: expected '${req.origin}/${tenant}/oauth2/v2.0/token'.`;
	}
	return undefined;
}

function parseScope(scope: string): { resource?: Resource; error?: string } {
	const scopes = scope.split(/\s+/).filter((s) => s !== '');
	const resources = new Set<Resource>();
	for (const s of scopes) {
		if (!s.toLowerCase().endsWith('/.default')) {
			return {
				error: `The provided value for scope ${s} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
			};
		}
		const resource = resourceFor(s.slice(0, -'/.default'.length));
		if (!resource) {
			return {
				error: `The provided value for the input parameter 'scope' is not valid. The scope ${s} is not valid: the resource is not known in this tenant.`,
			};
		}
		resources.add(resource);
	}
	if (resources.size !== 1) {
		return {
			error:
				"The provided value for the input parameter 'scope' is not valid. All scopes included must be for a single resource.",
		};
	}
	return { resource: [...resources][0] };
}

function issueToken(
	ctx: EmuContext,
	app: AppRegistration,
	resource: Resource,
	viaCertificate: boolean,
): EmuResponse {
	const now = Math.floor(ctx.clock.now() / 1000);
	const lifetime = ctx.options.tokenLifetimeSeconds;
	const tenantId = ctx.state.tenantId;
	const roles = rolesForResource(app.roles, resource);
	const objectId = createHash('sha256').update(`sp:${app.clientId}`).digest('hex');
	const oid = `${objectId.slice(0, 8)}-${objectId.slice(8, 12)}-4${objectId.slice(13, 16)}-8${objectId.slice(17, 20)}-${objectId.slice(20, 32)}`;
	const payload: Record<string, unknown> = {
		aud: AUDIENCES[resource],
		iss: `https://sts.windows.net/${tenantId}/`,
		iat: now,
		nbf: now,
		exp: now + lifetime,
		app_displayname: app.displayName,
		appid: app.clientId,
		appidacr: viaCertificate ? '2' : '1',
		idp: `https://sts.windows.net/${tenantId}/`,
		idtyp: 'app',
		oid,
		sub: oid,
		tid: tenantId,
		uti: randomUUID().replace(/-/g, '').slice(0, 22),
		ver: '1.0',
	};
	if (roles.length > 0) payload.roles = roles;
	const token = signJwt(
		{ typ: 'JWT', alg: 'RS256', x5t: ctx.keys.kid, kid: ctx.keys.kid },
		payload,
		ctx.keys.privateKey,
	);
	ctx.issuedTokens.add({
		token,
		clientId: app.clientId,
		resource,
		issuedAt: new Date(now * 1000).toISOString(),
	});
	return json(
		200,
		{ token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token },
		{ 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
	);
}

export function handleToken(ctx: EmuContext, req: EmuRequest, tenant: string): EmuResponse {
	const now = ctx.clock.now();
	if (!isKnownTenant(ctx, tenant)) {
		return entraError(
			400,
			'invalid_request',
			90002,
			`Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
			now,
		);
	}
	const form = parseForm(req);
	if (!form) {
		return entraError(
			400,
			'invalid_request',
			900144,
			"The request body must contain the following parameter: 'grant_type'. Send the body as application/x-www-form-urlencoded.",
			now,
		);
	}
	const grantType = form.get('grant_type');
	if (!grantType) {
		return entraError(
			400,
			'invalid_request',
			900144,
			"The request body must contain the following parameter: 'grant_type'.",
			now,
		);
	}
	if (grantType !== 'client_credentials') {
		return entraError(
			400,
			'unsupported_grant_type',
			70003,
			`The app requested an unsupported grant type '${grantType.slice(0, 50)}'. This emulator supports client_credentials only.`,
			now,
		);
	}
	const basic = basicCredentials(req);
	const clientId = form.get('client_id') ?? basic?.id;
	if (!clientId) {
		return entraError(
			400,
			'invalid_request',
			900144,
			"The request body must contain the following parameter: 'client_id'.",
			now,
		);
	}
	const scope = form.get('scope');
	if (!scope) {
		return entraError(
			400,
			'invalid_request',
			900144,
			"The request body must contain the following parameter: 'scope'.",
			now,
		);
	}
	const app = ctx.apps.get(clientId);
	if (!app) {
		return entraError(
			400,
			'unauthorized_client',
			700016,
			`Application with identifier '${clientId.slice(0, 100)}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
			now,
		);
	}
	const parsedScope = parseScope(scope);
	if (!parsedScope.resource)
		return entraError(400, 'invalid_scope', 70011, parsedScope.error ?? 'Invalid scope.', now);

	const secret = form.get('client_secret') ?? basic?.secret;
	const assertion = form.get('client_assertion');
	if (assertion !== null) {
		ctx.issuedTokens.addAssertion(assertion);
		if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
			return entraError(
				400,
				'invalid_request',
				50027,
				`The client_assertion_type must be '${ASSERTION_TYPE}'.`,
				now,
			);
		}
		const failure = checkAssertion(ctx, req, app, tenant, assertion);
		if (failure) return entraError(401, 'invalid_client', 700027, failure, now);
		return issueToken(ctx, app, parsedScope.resource, true);
	}
	if (secret === undefined || secret === null) {
		return entraError(
			401,
			'invalid_client',
			7000218,
			"The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
			now,
		);
	}
	if (app.clientSecret === undefined || !sameSecret(secret, app.clientSecret)) {
		return entraError(
			401,
			'invalid_client',
			7000215,
			`Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
			now,
		);
	}
	return issueToken(ctx, app, parsedScope.resource, false);
}
