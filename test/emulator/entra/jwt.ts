/** Minimal JWS (compact) signing and verification for RS256 and PS256. */
import { constants, createSign, createVerify, type KeyObject } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

export interface DecodedJwt {
	header: Record<string, unknown>;
	payload: JwtClaims;
	signingInput: string;
	signature: Buffer;
}

export function base64url(input: Buffer | string): string {
	return Buffer.from(input).toString('base64url');
}

export function signJwt(
	header: Record<string, unknown>,
	payload: JwtClaims,
	key: KeyObject,
): string {
	const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
	const alg = header.alg;
	const signer = createSign('RSA-SHA256');
	signer.update(signingInput);
	const signature =
		alg === 'PS256'
			? signer.sign({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
			: signer.sign(key);
	return `${signingInput}.${base64url(signature)}`;
}

/** Splits and parses a compact JWT; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
		const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
		if (
			typeof header !== 'object' ||
			header === null ||
			typeof payload !== 'object' ||
			payload === null
		) {
			return undefined;
		}
		return {
			header: header as Record<string, unknown>,
			payload: payload as JwtClaims,
			signingInput: `${parts[0]}.${parts[1]}`,
			signature: Buffer.from(parts[2], 'base64url'),
		};
	} catch {
		return undefined;
	}
}

/** Checks the signature of a decoded JWT with an RSA public key; only RS256 and PS256 count. */
export function verifySignature(jwt: DecodedJwt, key: KeyObject): boolean {
	const alg = jwt.header.alg;
	if (alg !== 'RS256' && alg !== 'PS256') return false;
	const verifier = createVerify('RSA-SHA256');
	verifier.update(jwt.signingInput);
	try {
		return alg === 'PS256'
			? verifier.verify(
					{
						key,
						padding: constants.RSA_PKCS1_PSS_PADDING,
						saltLength: constants.RSA_PSS_SALTLEN_AUTO,
					},
					jwt.signature,
				)
			: verifier.verify(key, jwt.signature);
	} catch {
		return false;
	}
}
