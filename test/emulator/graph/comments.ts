/** `POST …/comments` for alerts and incidents (graph-api.md §4.2, §4.4): 200 + the whole list. */
import { badRequest } from './responses';
import { preferenceHeaders } from './serialize';
import type { AlertComment } from '../generator';
import {
	graphJson,
	isJsonContentType,
	isRecord,
	parseJsonBody,
	type EmuRequest,
	type EmuResponse,
} from '../http';

const MAX_COMMENT_LENGTH = 30000;

/** Reads the comment text from the body, or returns the 400 to send. */
export function readComment(
	req: EmuRequest,
): { ok: true; text: string } | { ok: false; response: EmuResponse } {
	const parsed = isJsonContentType(req) ? parseJsonBody(req) : { ok: false as const };
	if (!parsed.ok) return { ok: false, response: jsonPayloadError(req) };
	const body = parsed.value;
	if (!isRecord(body) || typeof body.comment !== 'string' || body.comment.trim() === '') {
		return {
			ok: false,
			response: badRequest(
				req,
				"The request body must contain a non-empty string property 'comment'.",
			),
		};
	}
	if (body.comment.length > MAX_COMMENT_LENGTH) {
		return {
			ok: false,
			response: badRequest(req, `The comment is longer than ${MAX_COMMENT_LENGTH} characters.`),
		};
	}
	const extra = Object.keys(body).find((k) => k !== 'comment' && !k.startsWith('@odata.'));
	if (extra)
		return {
			ok: false,
			response: badRequest(
				req,
				`The property '${extra.slice(0, 100)}' is not a parameter of the comments action; send only 'comment'.`,
			),
		};
	return { ok: true, text: body.comment };
}

export function jsonPayloadError(req: EmuRequest): EmuResponse {
	return badRequest(
		req,
		'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
	);
}

export function commentsResponse(
	req: EmuRequest,
	contextPath: string,
	comments: AlertComment[],
): EmuResponse {
	return graphJson(
		200,
		{
			'@odata.context': `${req.origin}/v1.0/$metadata#${contextPath}`,
			value: comments.map((c) => ({ ...c })),
		},
		preferenceHeaders(req),
	);
}

/**
 * Appends the request's comment to an alert or incident and answers with the whole list. A comment
 * is an update in the portal, so it moves lastUpdateDateTime too [I].
 */
export function appendComment(
	req: EmuRequest,
	entity: { comments: AlertComment[]; lastUpdateDateTime: string },
	author: string,
	nextStamp: () => string,
	contextPath: string,
): EmuResponse {
	const comment = readComment(req);
	if (!comment.ok) return comment.response;
	const stamp = nextStamp();
	entity.comments.push({
		comment: comment.text,
		createdByDisplayName: author,
		createdDateTime: stamp,
	});
	entity.lastUpdateDateTime = stamp;
	return commentsResponse(req, contextPath, entity.comments);
}
