/**
 * Every access token the token endpoint issued in this emulator run, and every client assertion it
 * was sent, so a test can search its output for them (the secrets scan). Kept across admin resets:
 * a token issued before a reset may still sit in a client's cache.
 */

export interface IssuedToken {
	token: string;
	clientId: string;
	resource: 'graph' | 'mde';
	/** ISO time of issue on the emulator's clock. */
	issuedAt: string;
}

/** Oldest are dropped past this many, so long soak runs stay bounded. */
const LIMIT = 100000;

function bounded<T>(list: T[], value: T): void {
	list.push(value);
	if (list.length > LIMIT) list.splice(0, list.length - LIMIT);
}

export class IssuedTokens {
	private readonly tokens: IssuedToken[] = [];
	private readonly assertions: string[] = [];

	add(token: IssuedToken): void {
		bounded(this.tokens, token);
	}

	/** A client assertion (a JWT signed with the app's private key), valid or not. */
	addAssertion(assertion: string): void {
		bounded(this.assertions, assertion);
	}

	/** Read-only copies, oldest first. */
	list(): IssuedToken[] {
		return this.tokens.map((t) => ({ ...t }));
	}

	receivedAssertions(): string[] {
		return [...this.assertions];
	}
}
