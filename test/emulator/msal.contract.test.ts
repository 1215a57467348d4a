/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, not shipped */
/**
 * Contract: Microsoft's own client, @azure/msal-node, gets tokens from the emulator over HTTPS
 * (client secret and certificate), and the emulator's Graph routes accept them.
 */
import {
	ConfidentialClientApplication,
	type INetworkModule,
	type NetworkRequestOptions,
	type NetworkResponse,
} from '@azure/msal-node';
import * as https from 'node:https';

import { startEmulator, type RunningEmulator } from './index';

/** MSAL network module that trusts the emulator's self-signed certificate (and nothing else). */
function trustingNetworkClient(ca: string): INetworkModule {
	const send = <T>(
		method: string,
		url: string,
		options?: NetworkRequestOptions,
	): Promise<NetworkResponse<T>> =>
		new Promise((resolve, reject) => {
			const req = https.request(url, { method, ca, headers: options?.headers }, (res) => {
				let text = '';
				res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
				res.on('end', () => {
					const headers: Record<string, string> = {};
					for (const [k, v] of Object.entries(res.headers))
						if (typeof v === 'string') headers[k] = v;
					try {
						resolve({ status: res.statusCode ?? 0, headers, body: JSON.parse(text) as T });
					} catch (e) {
						reject(e);
					}
				});
			});
			req.on('error', reject);
			if (options?.body) req.write(options.body);
			req.end();
		});
	return {
		sendGetRequestAsync: (url, options) => send('GET', url, options),
		sendPostRequestAsync: (url, options) => send('POST', url, options),
	};
}

async function graphGet(emu: RunningEmulator, token: string): Promise<number> {
	const res = await fetch(`${emu.graphBaseUrl}/security/alerts_v2?$top=1`, {
		headers: { authorization: `Bearer ${token}` },
	});
	return res.status;
}

describe('msal-node contract', () => {
	let emu: RunningEmulator;
	let authority: string;
	let host: string;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 3, rateLimits: false });
		authority = `${emu.httpsUrl}/${emu.tenantId}`;
		host = new URL(emu.httpsUrl as string).host;
	});
	afterAll(() => emu.stop());

	it('acquires a token with a client secret that Graph routes accept', async () => {
		const app = new ConfidentialClientApplication({
			auth: {
				clientId: emu.defaultClient.clientId,
				clientSecret: emu.defaultClient.clientSecret,
				authority,
				knownAuthorities: [host],
			},
			system: { networkClient: trustingNetworkClient(emu.certificatePem) },
		});
		const result = await app.acquireTokenByClientCredential({
			scopes: ['https://graph.microsoft.com/.default'],
		});
		expect(result?.accessToken).toBeTruthy();
		expect(result?.tokenType).toBe('Bearer');
		expect(await graphGet(emu, result?.accessToken as string)).toBe(200);
		const paths = emu.requests.list().map((e) => e.path);
		expect(paths).toContain(`/${emu.tenantId}/v2.0/.well-known/openid-configuration`);
		expect(paths).toContain(`/${emu.tenantId}/oauth2/v2.0/token`);
	});

	it.each([
		['SHA-256 thumbprint (PS256, x5t#S256)', true],
		['SHA-1 thumbprint (RS256, x5t)', false],
	])('acquires a token with a certificate: %s', async (_label, sha256) => {
		const cert = await emu.registerCertificateApp({ roles: ['SecurityAlert.Read.All'] });
		const app = new ConfidentialClientApplication({
			auth: {
				clientId: cert.clientId,
				authority,
				knownAuthorities: [host],
				clientCertificate: sha256
					? { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.privateKeyPem }
					: { thumbprint: cert.thumbprintSha1, privateKey: cert.privateKeyPem },
			},
			system: { networkClient: trustingNetworkClient(emu.certificatePem) },
		});
		const result = await app.acquireTokenByClientCredential({
			scopes: ['https://graph.microsoft.com/.default'],
		});
		expect(await graphGet(emu, result?.accessToken as string)).toBe(200);
	});

	it('surfaces the emulator’s Entra error through msal', async () => {
		const app = new ConfidentialClientApplication({
			auth: {
				clientId: emu.defaultClient.clientId,
				clientSecret: 'wrong-secret-value',
				authority,
				knownAuthorities: [host],
			},
			system: { networkClient: trustingNetworkClient(emu.certificatePem) },
		});
		await expect(
			app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }),
		).rejects.toMatchObject({
			errorCode: 'invalid_client',
			errorMessage: expect.stringMatching(/Description: AADSTS7000215: Invalid client secret/),
		});
	});
});
