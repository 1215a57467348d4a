/** Graph error answers shared by the Graph routes (graph-api.md §10.1, §7.2). */
import { randomUUID } from 'node:crypto';

import { graphError, graphJson, type EmuRequest, type EmuResponse } from '../http';
import { innerErrorDate } from '../time';

export function badRequest(req: EmuRequest, message: string): EmuResponse {
	return graphError(req, 400, 'BadRequest', message);
}

/**
 * Query-validation failures come back with an empty `code` and `details: []`, as observed for
 * the incidents `$top` limit (graph-api.md §3.2, §10.1).
 */
export function invalidQuery(req: EmuRequest, message: string): EmuResponse {
	return graphError(req, 400, '', `The query specified in the URI is not valid. ${message}`, {
		details: true,
	});
}

export function notFound(req: EmuRequest, what: string, id: string): EmuResponse {
	return graphError(
		req,
		404,
		'NotFound',
		`The ${what} with id '${id.slice(0, 200)}' was not found.`,
	);
}

export function unauthorized(req: EmuRequest, message: string): EmuResponse {
	return graphError(req, 401, 'InvalidAuthenticationToken', message, {
		headers: {
			'www-authenticate':
				'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
		},
	});
}

export function forbidden(
	req: EmuRequest,
	anyOf: readonly string[],
	held: readonly string[],
): EmuResponse {
	return graphError(
		req,
		403,
		'Forbidden',
		`Missing application permission: this operation requires one of ${anyOf.join(', ')}. Roles in the token: ${held.length ? held.join(', ') : 'none'}. Grant the permission to the app and give admin consent.`,
	);
}

/** The documented 429 body (graph-api.md §7.2), PascalCase code and inner status "429". */
export function throttled(req: EmuRequest, retryAfterSeconds: number, nowMs: number): EmuResponse {
	const requestId = randomUUID();
	return graphJson(
		429,
		{
			error: {
				code: 'TooManyRequests',
				innerError: {
					code: '429',
					date: innerErrorDate(nowMs),
					message: 'Please retry after',
					'request-id': requestId,
					status: '429',
				},
				message: 'Please retry again later.',
			},
		},
		{ 'retry-after': String(retryAfterSeconds), 'request-id': requestId },
	);
}
