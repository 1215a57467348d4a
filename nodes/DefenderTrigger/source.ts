import type { DefenderClient } from '../../lib/client/DefenderClient';
import { toODataParams, type IncidentEnricher, type PageSource } from '../../lib/poll';

/** Feeds the poll runner from the lib client: one yielded array per Graph page. */
export function pageSourceFor(client: DefenderClient): PageSource {
	return (query) => {
		const params = toODataParams(query);
		const listQuery = {
			filter: params.$filter,
			orderBy: params.$orderby,
			top: query.top,
		};
		return query.resource === 'alerts'
			? client.iterateAlerts(listQuery)
			: client.iterateIncidents(listQuery);
	};
}

export function incidentEnricherFor(client: DefenderClient): IncidentEnricher {
	return async (incident) => await client.listIncidentAlerts(String(incident.id));
}
