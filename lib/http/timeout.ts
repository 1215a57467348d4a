/**
 * How long one HTTP call may wait for its answer. Shared by the API client, the token requests
 * and the nodes' "Request Timeout (Seconds)" option.
 */

import { DefenderError } from '../errors';

/**
 * Longest wait for one answer. A stalled connection would otherwise hold a poll or an execution
 * until the HTTP client's own limit (minutes); a timed-out call is retried like a reset.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const MAX_REQUEST_TIMEOUT_SECONDS = 600;

/**
 * The "Request Timeout (Seconds)" option as milliseconds; empty means the default. Anything that
 * is not a number of seconds from 1 to 600 is refused with a message saying what to enter.
 */
export function requestTimeoutFromSeconds(value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_REQUEST_TIMEOUT_MS;
	const seconds = typeof value === 'string' ? Number(value.trim()) : value;
	if (
		typeof seconds !== 'number' ||
		!Number.isFinite(seconds) ||
		seconds < 1 ||
		seconds > MAX_REQUEST_TIMEOUT_SECONDS
	) {
		throw new DefenderError(
			'validation',
			`Request Timeout (Seconds) must be a number from 1 to ${MAX_REQUEST_TIMEOUT_SECONDS}.`,
			{
				hint: `Enter the seconds to wait for one API answer, e.g. ${DEFAULT_REQUEST_TIMEOUT_MS / 1000}.`,
			},
		);
	}
	return Math.round(seconds * 1000);
}
