/**
 * Scrubs anything that looks like a credential from text that may be shown to a user or logged:
 * API error messages, token endpoint descriptions, transport error messages.
 */

const REDACTED = '[redacted]';

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
	// PEM private keys (any flavour).
	[/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
	// Authorization header values and bare bearer tokens.
	[
		/\b(authorization)(["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic)\s+)?[^\s"',;]+/gi,
		`$1$2${REDACTED}`,
	],
	[/\bBearer\s+[^\s"',;]+/gi, `Bearer ${REDACTED}`],
	// JWTs (access tokens, client assertions): base64url JSON header starts with "eyJ".
	[/\beyJ[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){0,2}/g, REDACTED],
	// Form and query parameters carrying secrets.
	[
		/\b(client_secret|client_assertion|access_token|refresh_token|id_token|password|sig)=[^&\s"',;]*/gi,
		`$1=${REDACTED}`,
	],
	// The same names as JSON properties.
	[
		/(["'](?:client_secret|clientSecret|client_assertion|access_token|accessToken|refresh_token|id_token|password|secret)["']\s*:\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/gi,
		`$1"${REDACTED}"`,
	],
];

/**
 * Returns `text` with tokens, client secrets, assertions, Authorization values and private keys
 * replaced by `[redacted]`. `knownSecrets` are replaced wherever they occur, whatever their shape.
 */
export function redactSecrets(
	text: string,
	knownSecrets: ReadonlyArray<string | undefined> = [],
): string {
	let out = text;
	for (const secret of knownSecrets) {
		// Very short strings would shred ordinary words; real secrets are long.
		if (secret && secret.length >= 6) out = out.split(secret).join(REDACTED);
	}
	for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

/** Redacts, then cuts to `max` characters (redacting first so no secret is left half-visible). */
export function safeSnippet(
	text: string,
	max = 300,
	knownSecrets: ReadonlyArray<string | undefined> = [],
): string {
	const clean = redactSecrets(text, knownSecrets).trim();
	return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
