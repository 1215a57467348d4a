/**
 * Searches text for known secrets: the whole value, its encodings and every 16-character window
 * of it, so a secret that was cut, wrapped or partly escaped is still found. Reports where, with
 * the secret masked in the context it prints.
 */

/** Shortest piece of a secret that counts as an occurrence. */
export const WINDOW = 16;

export interface KnownSecret {
	/** What it is, e.g. "client secret" or "access token 7 (signature)"; printed on a hit. */
	label: string;
	/** The forms to search; each contributes its 16-character windows (shorter ones are matched whole). */
	forms: string[];
}

export interface Occurrence {
	source: string;
	/** Where inside the source, e.g. an execution id; may be empty. */
	detail: string;
	label: string;
	offset: number;
	/** 80 characters around the hit, the secret's characters replaced by `*`. */
	context: string;
}

/** A client secret, webhook key or header value: the value, URL-encoded, base64 and JSON-escaped. */
export function plainSecret(label: string, value: string): KnownSecret {
	return {
		label,
		forms: [
			value,
			encodeURIComponent(value),
			Buffer.from(value).toString('base64'),
			JSON.stringify(value).slice(1, -1),
		],
	};
}

/** Base64 body of a PEM, without the BEGIN/END lines. */
export function pemBody(pem: string): string[] {
	return pem
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('-----'));
}

/**
 * A PEM private key: its base64 body lines and the body joined. The first 40 characters of a
 * PKCS#8 RSA body are the same in every key (version and algorithm identifier), so they are left
 * out of the windows; the rest is the key itself.
 */
export function privateKeySecret(label: string, pem: string): KnownSecret {
	const joined = pemBody(pem).join('');
	const distinctive = joined.slice(40);
	return {
		label,
		forms: [distinctive, ...pemBody(pem).filter((line) => joined.indexOf(line) >= 40)],
	};
}

/**
 * An access token (JWT): its signature, the part that makes it usable. Header and payload are
 * base64 of JSON that every token shares much of (audience, issuer, timestamps), and n8n's own
 * JWTs share some too, so their windows prove nothing; a whole token contains the signature.
 */
export function tokenSecret(label: string, token: string): KnownSecret {
	const signature = token.split('.')[2] ?? '';
	return { label, forms: [signature !== '' ? signature : token] };
}

export class SecretScanner {
	private readonly windows = new Map<string, string>();
	private readonly short: Array<{ form: string; label: string }> = [];
	readonly bytesBySource = new Map<string, number>();
	readonly occurrences: Occurrence[] = [];
	/** Hits of secrets the caller declared out of this package's reach for one text (printed, not failed). */
	readonly exempted: Occurrence[] = [];

	constructor(secrets: KnownSecret[], publicTexts: string[] = []) {
		for (const secret of secrets) {
			for (const form of secret.forms) {
				if (form.length < WINDOW) {
					if (form.length >= 8) this.short.push({ form, label: secret.label });
					continue;
				}
				for (let i = 0; i + WINDOW <= form.length; i++) {
					const window = form.slice(i, i + WINDOW);
					// A window that also occurs in public material (a certificate) proves nothing.
					if (publicTexts.some((text) => text.includes(window))) continue;
					if (!this.windows.has(window)) this.windows.set(window, secret.label);
				}
			}
		}
		if (this.windows.size === 0 && this.short.length === 0)
			throw new Error('no secrets to search for');
	}

	/** Number of distinct windows searched for (printed with the figures). */
	get needleCount(): number {
		return this.windows.size + this.short.length;
	}

	/**
	 * Searches one text; records and returns the occurrences (one per stretch of secret). Bytes are
	 * counted per `source`; `detail` (e.g. an execution id) is only printed with a hit.
	 */
	scan(
		source: string,
		text: string,
		detail = '',
		exempt: ReadonlySet<string> = new Set(),
	): Occurrence[] {
		this.bytesBySource.set(source, (this.bytesBySource.get(source) ?? 0) + Buffer.byteLength(text));
		const found: Occurrence[] = [];
		// One report per stretch of a secret, not one per window of it.
		const reportedUntil = new Map<string, number>();
		for (let i = 0; i + WINDOW <= text.length; i++) {
			const label = this.windows.get(text.slice(i, i + WINDOW));
			if (label === undefined) continue;
			const continues = i <= (reportedUntil.get(label) ?? -1);
			reportedUntil.set(label, i + WINDOW);
			if (!continues)
				found.push({ source, detail, label, offset: i, context: this.masked(text, i) });
		}
		for (const { form, label } of this.short) {
			for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length)) {
				found.push({
					source,
					detail,
					label,
					offset: at,
					context: this.masked(text, at, form.length),
				});
			}
		}
		const counted = found.filter((o) => !exempt.has(o.label));
		this.exempted.push(...found.filter((o) => exempt.has(o.label)));
		this.occurrences.push(...counted);
		return counted;
	}

	private masked(text: string, at: number, length = WINDOW): string {
		const start = Math.max(0, at - 32);
		const end = Math.min(text.length, at + 48);
		const chars = text.slice(start, end).split('');
		for (let i = start; i < end; i++) {
			if (this.windows.has(text.slice(i, i + WINDOW))) {
				for (let j = i; j < Math.min(end, i + WINDOW); j++) chars[j - start] = '*';
			}
		}
		for (let j = at; j < Math.min(end, at + length); j++) chars[j - start] = '*';
		return chars.join('').replace(/\s/g, ' ');
	}
}

/** One line per occurrence, for the failure message. */
export function describeOccurrences(occurrences: Occurrence[], max = 40): string {
	const lines = occurrences
		.slice(0, max)
		.map(
			(o) =>
				`${o.source}${o.detail ? ` ${o.detail}` : ''} @${o.offset}: ${o.label}: …${o.context}…`,
		);
	if (occurrences.length > max) lines.push(`… and ${occurrences.length - max} more`);
	return lines.join('\n');
}
