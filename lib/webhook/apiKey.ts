/**
 * Webhook authentication with a shared key, sent as `x-api-key: <key>` or
 * `Authorization: Bearer <key>`. Both sides are hashed with SHA-256 and the digests compared with
 * timingSafeEqual: equal-length inputs, so neither the content nor the length of the key leaks
 * through timing. An empty configured key refuses every request.
 */

import { createHash, timingSafeEqual } from 'crypto';

export type ApiKeyCheck =
	| { ok: true }
	/** `notConfigured`: the credential has no key (a setup error, answer 500/401 and log it). */
	| { ok: false; reason: 'notConfigured' | 'missing' | 'mismatch'; message: string };

export type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== name) continue;
		const first = Array.isArray(value) ? value[0] : value;
		if (typeof first === 'string' && first.trim() !== '') return first.trim();
	}
	return undefined;
}

/** The key the caller presented: `x-api-key` first, else a Bearer token. */
export function presentedKey(headers: HeaderBag): string | undefined {
	const apiKey = header(headers, 'x-api-key');
	if (apiKey !== undefined) return apiKey;
	const authorization = header(headers, 'authorization');
	const match = authorization === undefined ? null : /^Bearer\s+(\S.*)$/i.exec(authorization);
	return match ? match[1].trim() : undefined;
}

function digest(value: string) {
	return createHash('sha256').update(value, 'utf8').digest();
}

export function verifyApiKey(
	headers: HeaderBag,
	expectedKey: string | undefined | null,
): ApiKeyCheck {
	if (typeof expectedKey !== 'string' || expectedKey.trim() === '') {
		return {
			ok: false,
			reason: 'notConfigured',
			message: 'The webhook API key credential is empty; set a key in the credential.',
		};
	}
	const presented = presentedKey(headers);
	if (presented === undefined) {
		return {
			ok: false,
			reason: 'missing',
			message: 'Send the API key in the "x-api-key" header or as "Authorization: Bearer <key>".',
		};
	}
	if (!timingSafeEqual(digest(presented), digest(expectedKey))) {
		return { ok: false, reason: 'mismatch', message: 'The API key is not valid.' };
	}
	return { ok: true };
}
