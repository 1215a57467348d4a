/** The two writes alerts and incidents share: PATCH (read back on 204) and POST a comment. */

import type { z } from 'zod';

import { DefenderError, isDefenderError, restate } from '../errors';
import { commentListSchema, type AlertComment } from '../schemas/comment';
import { parseResponse } from '../schemas/parse';
import type { ApiRequester } from './request';
import { jsonBody } from './request';
import { commentText, idSegment } from './validate';

export const COMMENT_ODATA_TYPE = 'microsoft.graph.security.alertComment';

export type EntityKind = 'alert' | 'incident';

/** PATCH answers 200 with the updated entity; should it answer 204, the entity is read back. */
export async function patchEntity<Schema extends z.ZodTypeAny>(
	requester: ApiRequester,
	target: { collectionPath: string; kind: EntityKind; id: string; schema: Schema },
	body: Record<string, unknown>,
	readBack: () => Promise<z.infer<Schema>>,
): Promise<z.infer<Schema>> {
	const path = `${target.collectionPath}/${idSegment(target.id, target.kind)}`;
	const response = await requester.send({ api: 'graph', method: 'PATCH', path, body });
	const updated = jsonBody(response.body);
	if (response.status === 204 || updated === undefined) return await readBack();
	return parseResponse(target.schema, updated, `updated ${target.kind}`);
}

/**
 * Adds a comment; Graph answers with the entity's whole comment list (graph-api.md §4.2, §4.4).
 * Not sent again after a reset, timeout or 504: the comment may be there, the caller must look.
 */
export async function postComment(
	requester: ApiRequester,
	target: { collectionPath: string; kind: EntityKind; id: string },
	text: string,
): Promise<AlertComment[]> {
	const list = await requester
		.json(
			{
				api: 'graph',
				method: 'POST',
				path: `${target.collectionPath}/${idSegment(target.id, target.kind)}/comments`,
				body: { '@odata.type': COMMENT_ODATA_TYPE, comment: commentText(text) },
				// Sent again after a lost answer, a comment would be added twice.
				idempotent: false,
			},
			commentListSchema,
			`${target.kind} comments`,
		)
		.catch((error: unknown) => {
			throw outcomeUnknown(error) ? mayHaveCommented(error as DefenderError, target) : error;
		});
	return list.value;
}

/**
 * A failure after which the request may have run: no answer (reset, timeout), a gateway or server
 * error, or an answer that could not be read.
 */
export function outcomeUnknown(error: unknown): boolean {
	if (!isDefenderError(error)) return false;
	if (error.kind === 'network' || error.kind === 'schema') return true;
	return error.kind === 'server' && error.status !== 503;
}

function mayHaveCommented(
	error: DefenderError,
	target: { kind: EntityKind; id: string },
): DefenderError {
	return restate(error, {
		hintBefore: `The comment may have been added all the same: look at the comments of ${target.kind} ${target.id} before adding it again.`,
	});
}
