/** A self-signed certificate for 127.0.0.1/localhost, generated at start (nothing cached on disk). */
import { createHash, createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

import type { SigningKeys } from './context';

export interface TlsMaterial {
	certPem: string;
	keyPem: string;
	/** The same key pair signs access tokens. */
	signing: SigningKeys;
}

export async function createTlsMaterial(): Promise<TlsMaterial> {
	const notBefore = new Date(Date.now() - 60000);
	const pems = await generate([{ name: 'commonName', value: 'Defender XDR emulator' }], {
		keySize: 2048,
		algorithm: 'sha256',
		notBeforeDate: notBefore,
		notAfterDate: new Date(notBefore.getTime() + 7 * 86400000),
		extensions: [
			{ name: 'basicConstraints', cA: true },
			{ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
			{ name: 'extKeyUsage', serverAuth: true },
			{
				name: 'subjectAltName',
				altNames: [
					{ type: 7, ip: '127.0.0.1' },
					{ type: 2, value: 'localhost' },
				],
			},
		],
	});
	const cert = new X509Certificate(pems.cert);
	return {
		certPem: pems.cert,
		keyPem: pems.private,
		signing: {
			privateKey: createPrivateKey(pems.private),
			publicKey: createPublicKey(pems.private),
			kid: createHash('sha1').update(cert.raw).digest('base64url'),
			certificatePem: pems.cert,
		},
	};
}

export interface ClientCertificate {
	certificatePem: string;
	privateKeyPem: string;
	/** Hex thumbprints, as MSAL's clientCertificate option takes them. */
	thumbprintSha1: string;
	thumbprintSha256: string;
}

/** A client certificate for the certificate-credential (client assertion) flow. */
export async function createClientCertificate(commonName: string): Promise<ClientCertificate> {
	const pems = await generate([{ name: 'commonName', value: commonName }], {
		keySize: 2048,
		algorithm: 'sha256',
	});
	const cert = new X509Certificate(pems.cert);
	return {
		certificatePem: pems.cert,
		privateKeyPem: pems.private,
		thumbprintSha1: createHash('sha1').update(cert.raw).digest('hex'),
		thumbprintSha256: createHash('sha256').update(cert.raw).digest('hex'),
	};
}
