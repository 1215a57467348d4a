/** alerts_v2: list, get, update, comment (graph-api.md §3.1, §4.1, §4.2). */

import { graphAlertSchema, type GraphAlert } from '../schemas/alert';
import { commentListSchema, type AlertComment } from '../schemas/comment';
import {
	iteratePages,
	listPage,
	type IterateOptions,
	type ListEndpoint,
	type ListQuery,
	type Page,
} from './paging';
import type { ApiRequester } from './request';
import { jsonBody } from './request';
import { alertPatchBody, commentText, idSegment, type AlertPatch } from './validate';
import { parseResponse } from '../schemas/parse';

export const ALERTS_PATH = '/security/alerts_v2';

export const ALERTS_ENDPOINT: ListEndpoint<typeof graphAlertSchema> = {
	path: ALERTS_PATH,
	item: graphAlertSchema,
	// graph-api.md §3.1: alerts $top max 1000 (larger values are clamped).
	pageCap: 1000,
	timeFields: ['lastUpdateDateTime', 'createdDateTime'],
	what: 'alerts page',
};

export const COMMENT_ODATA_TYPE = 'microsoft.graph.security.alertComment';

export function listAlertsPage(
	requester: ApiRequester,
	query?: ListQuery,
): Promise<Page<GraphAlert>> {
	return listPage(requester, ALERTS_ENDPOINT, query);
}

export function iterateAlerts(
	requester: ApiRequester,
	query?: ListQuery,
	options?: IterateOptions,
): AsyncGenerator<GraphAlert[]> {
	return iteratePages(requester, ALERTS_ENDPOINT, query, options);
}

export async function getAlert(requester: ApiRequester, id: string): Promise<GraphAlert> {
	return await requester.json(
		{ api: 'graph', method: 'GET', path: `${ALERTS_PATH}/${idSegment(id, 'alert')}` },
		graphAlertSchema,
		'alert',
	);
}

/** PATCH answers 200 with the updated alert; should it answer 204, the alert is read back. */
export async function updateAlert(
	requester: ApiRequester,
	id: string,
	patch: AlertPatch,
): Promise<GraphAlert> {
	const body = alertPatchBody(patch);
	const path = `${ALERTS_PATH}/${idSegment(id, 'alert')}`;
	const response = await requester.send({ api: 'graph', method: 'PATCH', path, body });
	const updated = jsonBody(response.body);
	if (response.status === 204 || updated === undefined) return await getAlert(requester, id);
	return parseResponse(graphAlertSchema, updated, 'updated alert');
}

/** Adds a comment; Graph answers with the alert's whole comment list (graph-api.md §4.2). */
export async function addAlertComment(
	requester: ApiRequester,
	id: string,
	text: string,
): Promise<AlertComment[]> {
	const list = await requester.json(
		{
			api: 'graph',
			method: 'POST',
			path: `${ALERTS_PATH}/${idSegment(id, 'alert')}/comments`,
			body: { '@odata.type': COMMENT_ODATA_TYPE, comment: commentText(text) },
		},
		commentListSchema,
		'alert comments',
	);
	return list.value;
}
