/**
 * Turns a ListQuery into Graph query parameters. Kept separate so the page source can use the
 * shared OData builder instead once it covers these cases; the shape of the output is the same.
 */

import type { ListQuery, ServerFilters } from './types';

function quote(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

function anyOf(field: keyof ServerFilters, values: string[] | undefined): string | undefined {
	if (!values || values.length === 0) return undefined;
	const terms = values.map((value) => `${field} eq ${quote(value)}`);
	return terms.length === 1 ? terms[0] : `(${terms.join(' or ')})`;
}

/** `$filter` for a list query: the time bound, then status, severity and serviceSource groups. */
export function toODataFilter(query: ListQuery): string | undefined {
	const clauses: string[] = [];
	if (query.since) clauses.push(`${query.since.field} ge ${query.since.value}`);
	for (const field of ['status', 'severity', 'serviceSource'] as const) {
		const clause = anyOf(field, query.filters[field]);
		if (clause) clauses.push(clause);
	}
	return clauses.length > 0 ? clauses.join(' and ') : undefined;
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
