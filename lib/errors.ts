/**
 * Typed errors raised by lib/. Messages are written here, never copied from a response body,
 * so no secret, token or Authorization header can reach them.
 */

export type DefenderErrorKind =
	| 'auth'
	| 'forbidden'
	| 'notFound'
	| 'throttled'
	| 'validation'
	| 'server'
	| 'network'
	| 'schema'
	| 'conflict';

export interface DefenderErrorDetails {
	status?: number;
	/** Graph or MDE error code (`error.code`), or the AADSTS code for token errors. */
	code?: string;
	/** Graph `request-id` / MDE `target`, for support tickets. */
	requestId?: string;
	/** How the user can fix it. */
	hint?: string;
	retryAfterMs?: number;
	/** Safe, short API message (already scrubbed of secrets). */
	apiMessage?: string;
	cause?: unknown;
}

export class DefenderError extends Error {
	readonly kind: DefenderErrorKind;
	readonly status?: number;
	readonly code?: string;
	readonly requestId?: string;
	readonly hint?: string;
	readonly retryAfterMs?: number;
	readonly apiMessage?: string;

	constructor(kind: DefenderErrorKind, message: string, details: DefenderErrorDetails = {}) {
		super(message);
		this.name = 'DefenderError';
		this.kind = kind;
		this.status = details.status;
		this.code = details.code;
		this.requestId = details.requestId;
		this.hint = details.hint;
		this.retryAfterMs = details.retryAfterMs;
		this.apiMessage = details.apiMessage;
		if (details.cause !== undefined) (this as { cause?: unknown }).cause = details.cause;
	}

	toJSON(): Record<string, unknown> {
		return {
			kind: this.kind,
			message: this.message,
			status: this.status,
			code: this.code,
			requestId: this.requestId,
			hint: this.hint,
			retryAfterMs: this.retryAfterMs,
			apiMessage: this.apiMessage,
		};
	}
}

/**
 * The same failure told with more context: another message and/or a hint put before its own. The
 * original stays reachable as `cause`.
 */
export function restate(
	error: DefenderError,
	change: { message?: string; hintBefore?: string },
): DefenderError {
	const hint = change.hintBefore
		? `${change.hintBefore}${error.hint ? ` ${error.hint}` : ''}`
		: error.hint;
	return new DefenderError(error.kind, change.message ?? error.message, {
		status: error.status,
		code: error.code,
		requestId: error.requestId,
		retryAfterMs: error.retryAfterMs,
		apiMessage: error.apiMessage,
		cause: error,
		hint,
	});
}

export function isDefenderError(value: unknown): value is DefenderError {
	return value instanceof DefenderError;
}
