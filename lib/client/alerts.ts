/** alerts_v2: list, get, update, comment (graph-api.md §3.1, §4.1, §4.2). */

import { graphAlertSchema, type GraphAlert } from '../schemas/alert';
import type { AlertComment } from '../schemas/comment';
import {
	iteratePages,
	listPage,
	type IterateOptions,
	type ListEndpoint,
	type ListQuery,
	type Page,
} from './paging';
import { patchEntity, postComment } from './entityWrites';
import type { ApiRequester } from './request';
import { alertPatchBody, idSegment, type AlertPatch } from './validate';

export const ALERTS_PATH = '/security/alerts_v2';

export const ALERTS_ENDPOINT: ListEndpoint<typeof graphAlertSchema> = {
	path: ALERTS_PATH,
	item: graphAlertSchema,
	// graph-api.md §3.1: alerts $top max 1000 (larger values are clamped).
	pageCap: 1000,
	timeFields: ['lastUpdateDateTime', 'createdDateTime'],
	what: 'alerts page',
};

export { COMMENT_ODATA_TYPE } from './entityWrites';

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

export async function updateAlert(
	requester: ApiRequester,
	id: string,
	patch: AlertPatch,
): Promise<GraphAlert> {
	return await patchEntity(
		requester,
		{ collectionPath: ALERTS_PATH, kind: 'alert', id, schema: graphAlertSchema },
		alertPatchBody(patch),
		() => getAlert(requester, id),
	);
}

export async function addAlertComment(
	requester: ApiRequester,
	id: string,
	text: string,
): Promise<AlertComment[]> {
	return await postComment(requester, { collectionPath: ALERTS_PATH, kind: 'alert', id }, text);
}
