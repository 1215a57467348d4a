/**
 * Status/severity/category/service-source filters, shared by polling and webhook mode.
 * Polling sends the ones Graph supports in `$filter` and re-checks all of them here, so a source
 * that ignores part of `$filter` cannot leak records the user filtered out.
 */

import type { ServerFilters, TriggerFilters, TriggerResource } from './types';

/** graph-api.md §3.1 (alerts_v2) and §3.2 (incidents): fields accepted in `$filter`. */
export function serverFilters(resource: TriggerResource, filters: TriggerFilters): ServerFilters {
	const server: ServerFilters = {};
	if (filters.status) server.status = filters.status;
	if (filters.severity) server.severity = filters.severity;
	if (resource === 'alerts' && filters.serviceSource) server.serviceSource = filters.serviceSource;
	return server;
}

function matchesList(value: unknown, allowed: string[] | undefined): boolean {
	if (!allowed) return true;
	if (typeof value !== 'string') return false;
	const lower = value.toLowerCase();
	return allowed.some((entry) => entry.toLowerCase() === lower);
}

function alertMatches(alert: Record<string, unknown>, filters: TriggerFilters): boolean {
	return (
		matchesList(alert.category, filters.category) &&
		matchesList(alert.serviceSource, filters.serviceSource)
	);
}

/** Filters on the record's own fields (for incidents: status and severity). */
export function matchesOwnFields(
	record: Record<string, unknown>,
	resource: TriggerResource,
	filters: TriggerFilters,
): boolean {
	if (!matchesList(record.status, filters.status)) return false;
	if (!matchesList(record.severity, filters.severity)) return false;
	return resource === 'alerts' ? alertMatches(record, filters) : true;
}

/**
 * Incidents have no category or service source of their own: they match when any of their alerts
 * does. When the alerts are unknown (not fetched, or fetching failed) the incident passes, so a
 * failed lookup never hides it.
 */
export function matchesIncidentAlerts(
	incident: Record<string, unknown>,
	filters: TriggerFilters,
): boolean {
	if (!filters.category && !filters.serviceSource) return true;
	if (!Array.isArray(incident.alerts)) return true;
	return incident.alerts.some(
		(alert: unknown) =>
			typeof alert === 'object' &&
			alert !== null &&
			alertMatches(alert as Record<string, unknown>, filters),
	);
}

export function matchesFilters(
	record: Record<string, unknown>,
	resource: TriggerResource,
	filters: TriggerFilters,
): boolean {
	if (!matchesOwnFields(record, resource, filters)) return false;
	return resource === 'alerts' || matchesIncidentAlerts(record, filters);
}

/** Whether incidents need their alerts to evaluate the filters. */
export function needsIncidentAlerts(filters: TriggerFilters): boolean {
	return Boolean(filters.category || filters.serviceSource);
}
