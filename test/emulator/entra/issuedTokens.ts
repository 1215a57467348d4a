/**
 * Every access token the token endpoint issued in this emulator run, so a test can search its
 * output for them (the secrets scan). Kept across admin resets: a token issued before a reset may
 * still sit in a client's cache.
 */

export interface IssuedToken {
	token: string;
	clientId: string;
	resource: 'graph' | 'mde';
	/** ISO time of issue on the emulator's clock. */
	issuedAt: string;
}

export class IssuedTokens {
	private readonly tokens: IssuedToken[] = [];
	/** Oldest are dropped past this many, so long soak runs stay bounded. */
	private readonly limit = 100000;

	add(token: IssuedToken): void {
		this.tokens.push(token);
		if (this.tokens.length > this.limit) this.tokens.splice(0, this.tokens.length - this.limit);
	}

	/** Read-only copies, oldest first. */
	list(): IssuedToken[] {
		return this.tokens.map((t) => ({ ...t }));
	}
}
