/**
 * The signed client assertion for certificate credentials: a PS256 JWT with the certificate's
 * SHA-256 thumbprint (graph-api.md §1.1, Entra "certificate credentials").
 */

import {
	constants,
	createHash,
	createPrivateKey,
	sign,
	X509Certificate,
	type KeyObject,
} from 'crypto';

import { DefenderError } from '../errors';

/** Assertion lifetime: Entra asks for 5–10 minutes after nbf. */
export const ASSERTION_LIFETIME_SECONDS = 600;

export interface AssertionInput {
	tokenUrl: string;
	clientId: string;
	privateKeyPem: string;
	certificatePem: string;
	/** Milliseconds since the epoch. */
	now: number;
	/** The `jti` claim: a fresh GUID per assertion. */
	jti: string;
}

function base64url(data: Buffer | string): string {
	return Buffer.from(data).toString('base64url');
}

function tryParse<T>(parse: () => T): T | undefined {
	try {
		return parse();
	} catch {
		// The caller raises its own error; the parser's message could quote the PEM.
		return undefined;
	}
}

function readCertificate(pem: string): X509Certificate {
	const certificate = tryParse(() => new X509Certificate(pem));
	if (!certificate) {
		throw new DefenderError('validation', 'The certificate could not be read.', {
			hint: 'Paste the PEM certificate uploaded to the app registration, including the -----BEGIN CERTIFICATE----- line.',
		});
	}
	return certificate;
}

function readPrivateKey(pem: string): KeyObject {
	const key = tryParse(() => createPrivateKey(pem));
	if (!key) {
		throw new DefenderError('validation', 'The private key could not be read.', {
			hint: 'Paste an unencrypted PEM private key (PKCS#8 "BEGIN PRIVATE KEY" or PKCS#1 "BEGIN RSA PRIVATE KEY").',
		});
	}
	if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') {
		throw new DefenderError('validation', 'The private key must be an RSA key.', {
			hint: 'Entra ID client assertions are signed with PS256, which needs an RSA certificate and key.',
		});
	}
	return key;
}

/** base64url SHA-256 of the certificate's DER bytes: the `x5t#S256` header. */
export function certificateThumbprintS256(certificatePem: string): string {
	return base64url(createHash('sha256').update(readCertificate(certificatePem).raw).digest());
}

/** Builds and signs the client assertion JWT. */
export function buildClientAssertion(input: AssertionInput): string {
	const certificate = readCertificate(input.certificatePem);
	const key = readPrivateKey(input.privateKeyPem);
	if (!certificate.checkPrivateKey(key)) {
		throw new DefenderError('validation', 'The private key does not belong to the certificate.', {
			hint: 'Use the key pair of the certificate uploaded to the app registration.',
		});
	}
	const seconds = Math.floor(input.now / 1000);
	const header = {
		alg: 'PS256',
		typ: 'JWT',
		'x5t#S256': base64url(createHash('sha256').update(certificate.raw).digest()),
	};
	const claims = {
		aud: input.tokenUrl,
		iss: input.clientId,
		sub: input.clientId,
		jti: input.jti,
		nbf: seconds,
		iat: seconds,
		exp: seconds + ASSERTION_LIFETIME_SECONDS,
	};
	const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
	const signature = sign('sha256', Buffer.from(signingInput), {
		key,
		padding: constants.RSA_PKCS1_PSS_PADDING,
		saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
	});
	return `${signingInput}.${base64url(signature)}`;
}
