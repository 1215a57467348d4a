/**
 * The framework-free Defender XDR client: Microsoft Graph security alerts and incidents, JSON
 * batching, and a raw call for the Defender for Endpoint API. All I/O goes through the ports.
 */

import type { GraphAlert } from '../schemas/alert';
import type { AlertComment } from '../schemas/comment';
import type { GraphIncident } from '../schemas/incident';
import * as alerts from './alerts';
import { batch, type BatchRequest, type BatchResult } from './batch';
import * as incidents from './incidents';
import type { GetIncidentOptions } from './incidents';
import type { IterateOptions, ListQuery, Page } from './paging';
import { ApiRequester, jsonBody, type ApiCall, type RequesterOptions } from './request';
import type { AlertPatch, IncidentPatch } from './validate';

export type DefenderClientOptions = RequesterOptions;

export class DefenderClient {
	private readonly requester: ApiRequester;

	constructor(options: DefenderClientOptions) {
		this.requester = new ApiRequester(options);
	}

	get graphBaseUrl(): string {
		return this.requester.graphBaseUrl;
	}

	get mdeBaseUrl(): string {
		return this.requester.mdeBaseUrl;
	}

	// Alerts

	listAlertsPage(query: ListQuery = {}): Promise<Page<GraphAlert>> {
		return alerts.listAlertsPage(this.requester, query);
	}

	/** Pages of alerts; see paging.ts for nextLink and time-boundary paging. */
	iterateAlerts(query: ListQuery = {}, options: IterateOptions = {}): AsyncGenerator<GraphAlert[]> {
		return alerts.iterateAlerts(this.requester, query, options);
	}

	getAlert(id: string): Promise<GraphAlert> {
		return alerts.getAlert(this.requester, id);
	}

	updateAlert(id: string, patch: AlertPatch): Promise<GraphAlert> {
		return alerts.updateAlert(this.requester, id, patch);
	}

	addAlertComment(id: string, text: string): Promise<AlertComment[]> {
		return alerts.addAlertComment(this.requester, id, text);
	}

	// Incidents

	listIncidentsPage(query: ListQuery = {}): Promise<Page<GraphIncident>> {
		return incidents.listIncidentsPage(this.requester, query);
	}

	iterateIncidents(
		query: ListQuery = {},
		options: IterateOptions = {},
	): AsyncGenerator<GraphIncident[]> {
		return incidents.iterateIncidents(this.requester, query, options);
	}

	getIncident(id: string, options: GetIncidentOptions = {}): Promise<GraphIncident> {
		return incidents.getIncident(this.requester, id, options);
	}

	listIncidentAlerts(id: string): Promise<GraphAlert[]> {
		return incidents.listIncidentAlerts(this.requester, id);
	}

	updateIncident(id: string, patch: IncidentPatch): Promise<GraphIncident> {
		return incidents.updateIncident(this.requester, id, patch);
	}

	addIncidentComment(id: string, text: string): Promise<AlertComment[]> {
		return incidents.addIncidentComment(this.requester, id, text);
	}

	// Batch and raw calls

	batch(requests: readonly BatchRequest[]): Promise<BatchResult[]> {
		return batch(this.requester, requests);
	}

	/**
	 * Any other Graph or Defender for Endpoint call, with the same headers, retries, token handling
	 * and error mapping. Returns the parsed JSON body (undefined when empty).
	 */
	async request(call: ApiCall): Promise<unknown> {
		const response = await this.requester.send(call);
		return jsonBody(response.body);
	}
}
