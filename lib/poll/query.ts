/**
 * Turns a ListQuery into Graph query parameters, with `$filter` from the shared OData builder
 * (field allowlists, enum checks, escaping).
 */

import { buildListFilter } from '../odata/filter';
import type { ListQuery } from './types';

/**
 * `$filter` for a list query: status, severity and serviceSource groups, then the time bound.
 * Throws a validation error for a filter value the field does not accept.
 */
export function toODataFilter(query: ListQuery): string | undefined {
	return buildListFilter({
		entity: query.resource,
		status: query.filters.status,
		severity: query.filters.severity,
		serviceSource: query.resource === 'alerts' ? query.filters.serviceSource : undefined,
		since: query.since && { field: query.since.field, op: 'ge', value: query.since.value },
	});
}

/**
 * `$filter`, `$orderby` and `$top`. `$orderby` is not documented for alerts_v2 but is honoured
 * (graph-api.md §3.1); the runner also sorts each page, so a page in another order is still safe.
 */
export function toODataParams(query: ListQuery): Record<string, string> {
	const params: Record<string, string> = {
		$orderby: `${query.orderBy.field} ${query.orderBy.direction}`,
		$top: String(query.top),
	};
	const filter = toODataFilter(query);
	if (filter) params.$filter = filter;
	return params;
}
