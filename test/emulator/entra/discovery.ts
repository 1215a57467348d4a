/**
 * OpenID configuration, instance discovery and signing keys, enough for MSAL and other OIDC
 * clients to treat the emulator as an authority. URLs follow the host the request arrived on.
 */
import { isKnownTenant } from './token';
import type { EmuContext } from '../context';
import { json, type EmuRequest, type EmuResponse } from '../http';
import { entraError } from './errors';

export function handleOpenIdConfiguration(
	ctx: EmuContext,
	req: EmuRequest,
	tenant: string,
): EmuResponse {
	if (!isKnownTenant(ctx, tenant)) {
		return entraError(
			400,
			'invalid_tenant',
			90002,
			`Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
			ctx.clock.now(),
		);
	}
	const base = `${req.origin}/${tenant}`;
	const tid = ctx.state.tenantId;
	return json(200, {
		token_endpoint: `${base}/oauth2/v2.0/token`,
		token_endpoint_auth_methods_supported: [
			'client_secret_post',
			'private_key_jwt',
			'client_secret_basic',
		],
		jwks_uri: `${req.origin}/${tenant}/discovery/v2.0/keys`,
		response_modes_supported: ['query', 'fragment', 'form_post'],
		subject_types_supported: ['pairwise'],
		id_token_signing_alg_values_supported: ['RS256'],
		response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
		scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
		issuer: `${req.origin}/${tid}/v2.0`,
		request_uri_parameter_supported: false,
		userinfo_endpoint: `${req.origin}/oidc/userinfo`,
		authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
		device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
		http_logout_supported: true,
		frontchannel_logout_supported: true,
		end_session_endpoint: `${base}/oauth2/v2.0/logout`,
		claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'roles'],
		kerberos_endpoint: `${base}/kerberos`,
		tenant_region_scope: 'WW',
		cloud_instance_name: 'microsoftonline.com',
		cloud_graph_host_name: 'graph.windows.net',
		msgraph_host: 'graph.microsoft.com',
		rbac_url: 'https://pas.windows.net',
	});
}

export function handleInstanceDiscovery(req: EmuRequest): EmuResponse {
	const host = new URL(req.origin).host;
	return json(200, {
		tenant_discovery_endpoint: `${req.origin}/common/v2.0/.well-known/openid-configuration`,
		'api-version': '1.1',
		metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
	});
}

export function handleKeys(ctx: EmuContext): EmuResponse {
	const jwk = ctx.keys.publicKey.export({ format: 'jwk' });
	const der = ctx.keys.certificatePem
		.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
		.replace(/\s+/g, '');
	return json(200, {
		keys: [
			{
				kty: 'RSA',
				use: 'sig',
				kid: ctx.keys.kid,
				x5t: ctx.keys.kid,
				n: jwk.n,
				e: jwk.e,
				x5c: [der],
			},
		],
	});
}
