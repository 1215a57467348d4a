import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CLOUDS } from '../lib/auth/clouds';
import { mintTokensForCredential, tokenForUrl } from '../lib/auth/credentialTokens';
import { DefenderError, isDefenderError } from '../lib/errors';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../lib/http/timeout';

const customOnly = { show: { cloud: ['custom'] } };

const graphBaseByCloud = JSON.stringify(
	Object.fromEntries(
		Object.entries(CLOUDS).map(([cloud, endpoints]) => [cloud, endpoints.graphBaseUrl]),
	),
);

/** n8n expression for the Graph base URL of the credential's cloud (used by the connection test). */
const graphBaseUrlExpression = `={{ $credentials.cloud === "custom" ? String($credentials.graphBaseUrl).replace(/\\/+$/, "") : ${graphBaseByCloud}[$credentials.cloud] }}`;

/**
 * Entra ID client credentials (secret or certificate) for Microsoft Graph Security and the
 * Defender for Endpoint API. Tokens are minted in preAuthentication and kept in hidden, encrypted
 * fields that every execution and worker shares; n8n mints again after a 401.
 */
/**
 * n8n wraps this error in a NodeApiError and its credential test shows that error's message, or
 * `error.cause.code` when there is one. A `status` makes NodeApiError swap our words for a generic
 * "Authorization failed" and a `code` would show alone, so both go; the AADSTS code stays inside
 * the message.
 */
function forCredentialTest(error: unknown): unknown {
	if (!isDefenderError(error)) return error;
	const message = error.code ? `${error.message} (${error.code})` : error.message;
	return new DefenderError(error.kind, message, {
		requestId: error.requestId,
		hint: error.hint,
		retryAfterMs: error.retryAfterMs,
		apiMessage: error.apiMessage,
	});
}

export class DefenderXdrApi implements ICredentialType {
	name = 'defenderXdrApi';

	displayName = 'Microsoft Defender XDR (Entra ID) API';

	icon: Icon = { light: 'file:../icons/defender.svg', dark: 'file:../icons/defender.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-defender-xdr/n8n-nodes-defender-xdr#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Cloud',
			name: 'cloud',
			type: 'options',
			default: 'global',
			options: [
				{ name: 'Global (Commercial)', value: 'global' },
				{ name: 'US Government GCC', value: 'usGcc' },
				{ name: 'US Government GCC High', value: 'usGccHigh' },
				{ name: 'US Government DoD', value: 'usDod' },
				{ name: 'Custom (Proxy, Private Endpoint or Emulator)', value: 'custom' },
			],
			description:
				'Which Microsoft cloud the tenant lives in. Tokens of one cloud are not valid in another.',
		},
		{
			displayName: 'Login Host',
			name: 'loginHost',
			type: 'string',
			default: '',
			placeholder: 'https://login.microsoftonline.com',
			displayOptions: customOnly,
			description: 'Base URL of the Entra ID token endpoint host, without the tenant',
		},
		{
			displayName: 'Graph Base URL',
			name: 'graphBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://graph.microsoft.com/v1.0',
			displayOptions: customOnly,
			description: 'Microsoft Graph base URL including the version segment',
		},
		{
			displayName: 'Defender for Endpoint API Base URL',
			name: 'mdeBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.securitycenter.microsoft.com/api',
			displayOptions: customOnly,
			description: 'Defender for Endpoint API base URL including /api',
		},
		{
			displayName: 'Directory (Tenant) ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: 'Entra ID > Overview > Tenant ID',
		},
		{
			displayName: 'Application (Client) ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: 'Entra ID > App registrations > your app > Application (client) ID',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: 'clientSecret',
			options: [
				{ name: 'Client Secret', value: 'clientSecret' },
				{ name: 'Certificate', value: 'certificate' },
			],
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['clientSecret'] } },
			description: 'The secret Value (not the Secret ID) from Certificates & secrets',
		},
		{
			displayName: 'Private Key (PEM)',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['certificate'] } },
			placeholder: '-----BEGIN PRIVATE KEY-----',
			description: 'RSA private key of the certificate uploaded to the app registration',
		},
		{
			displayName: 'Certificate (PEM)',
			name: 'certificate',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['certificate'] } },
			placeholder: '-----BEGIN CERTIFICATE-----',
			description:
				'The public certificate uploaded to the app registration (used for its thumbprint)',
		},
		{
			displayName: 'Graph Access Token',
			name: 'graphAccessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Defender for Endpoint Access Token',
			name: 'mdeAccessToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Token Expiry',
			name: 'tokenExpiry',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const helpers = this.helpers;
		let tokens;
		try {
			tokens = await mintTokensForCredential(credentials, Date.now(), async (request) => {
				const response = (await helpers.httpRequest({
					method: 'POST',
					url: request.url,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: request.body,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					json: false,
					timeout: DEFAULT_REQUEST_TIMEOUT_MS,
				})) as { statusCode: number; headers: Record<string, string>; body: unknown };
				return { status: response.statusCode, headers: response.headers, body: response.body };
			});
		} catch (error) {
			throw forCredentialTest(error);
		}
		return { ...tokens } as IDataObject;
	}

	authenticate: IAuthenticate = async (credentials, requestOptions: IHttpRequestOptions) => {
		const url = requestOptions.baseURL
			? `${requestOptions.baseURL.replace(/\/$/, '')}/${requestOptions.url.replace(/^\//, '')}`
			: requestOptions.url;
		const token = tokenForUrl(credentials, url);
		if (token) {
			requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${token}` };
		}
		return requestOptions;
	};

	// Authentication is proven by preAuthentication (which always runs for a test) and this call;
	// a 403 still means the token was accepted, so only a rejected token fails the test.
	test: ICredentialTestRequest = {
		request: {
			baseURL: graphBaseUrlExpression,
			url: '/security/alerts_v2',
			qs: { $top: 1 },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 'InvalidAuthenticationToken',
					message:
						'Microsoft Graph rejected the token. Check that Cloud matches the tenant: tokens of one Microsoft cloud are not valid in another.',
				},
			},
		],
	};
}
