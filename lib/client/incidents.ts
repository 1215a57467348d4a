/** Incidents: list, get, alerts of one, update, comment (graph-api.md §3.2, §4.3, §4.4). */

import { graphAlertSchema, type GraphAlert } from '../schemas/alert';
import type { AlertComment } from '../schemas/comment';
import { graphIncidentSchema, type GraphIncident } from '../schemas/incident';
import { patchEntity, postComment } from './entityWrites';
import {
	iteratePages,
	listAll,
	listPage,
	type IterateOptions,
	type ListEndpoint,
	type ListQuery,
	type Page,
} from './paging';
import type { ApiRequester } from './request';
import { idSegment, incidentPatchBody, type IncidentPatch } from './validate';

export const INCIDENTS_PATH = '/security/incidents';

export const INCIDENTS_ENDPOINT: ListEndpoint<typeof graphIncidentSchema> = {
	path: INCIDENTS_PATH,
	item: graphIncidentSchema,
	// graph-api.md §3.2: incidents reject $top above 50 with 400, so clamp.
	pageCap: 50,
	timeFields: ['lastUpdateDateTime', 'createdDateTime'],
	what: 'incidents page',
};

export function listIncidentsPage(
	requester: ApiRequester,
	query?: ListQuery,
): Promise<Page<GraphIncident>> {
	return listPage(requester, INCIDENTS_ENDPOINT, query);
}

export function iterateIncidents(
	requester: ApiRequester,
	query?: ListQuery,
	options?: IterateOptions,
): AsyncGenerator<GraphIncident[]> {
	return iteratePages(requester, INCIDENTS_ENDPOINT, query, options);
}

export interface GetIncidentOptions {
	/** `$expand=alerts`: each alert in full, evidence included. */
	expandAlerts?: boolean;
}

export async function getIncident(
	requester: ApiRequester,
	id: string,
	options: GetIncidentOptions = {},
): Promise<GraphIncident> {
	return await requester.json(
		{
			api: 'graph',
			method: 'GET',
			path: `${INCIDENTS_PATH}/${idSegment(id, 'incident')}`,
			query: options.expandAlerts ? { $expand: 'alerts' } : undefined,
		},
		graphIncidentSchema,
		'incident',
	);
}

/**
 * All alerts of one incident through `/incidents/{id}/alerts`, following nextLinks. This avoids
 * `$expand=alerts` on lists, which fails on alert-heavy tenants (graph-api.md §3.2).
 */
export async function listIncidentAlerts(
	requester: ApiRequester,
	id: string,
): Promise<GraphAlert[]> {
	const endpoint: ListEndpoint<typeof graphAlertSchema> = {
		path: `${INCIDENTS_PATH}/${idSegment(id, 'incident')}/alerts`,
		item: graphAlertSchema,
		timeFields: [],
		what: "incident's alerts",
	};
	return await listAll(requester, endpoint);
}

export async function updateIncident(
	requester: ApiRequester,
	id: string,
	patch: IncidentPatch,
): Promise<GraphIncident> {
	return await patchEntity(
		requester,
		{ collectionPath: INCIDENTS_PATH, kind: 'incident', id, schema: graphIncidentSchema },
		incidentPatchBody(patch),
		() => getIncident(requester, id),
	);
}

export async function addIncidentComment(
	requester: ApiRequester,
	id: string,
	text: string,
): Promise<AlertComment[]> {
	return await postComment(requester, { collectionPath: INCIDENTS_PATH, kind: 'incident', id }, text);
}
