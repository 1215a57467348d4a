/** Parsing and validation of OData system query options ($top, $skip, $orderby, …). */
import { ODataError } from './errors';
import { findProperty, type EntitySchema } from './schema';

export type QueryOptionName =
	| '$filter'
	| '$top'
	| '$skip'
	| '$count'
	| '$orderby'
	| '$expand'
	| '$select'
	| '$skiptoken';

export interface OrderClause {
	field: string;
	descending: boolean;
}

export interface QueryOptions {
	filter?: string;
	top?: number;
	skip?: number;
	count: boolean;
	orderby?: OrderClause[];
	expand?: string[];
	select?: string[];
	skiptoken?: string;
}

function nonNegativeInteger(name: string, raw: string): number {
	if (!/^\d{1,9}$/.test(raw.trim())) {
		throw new ODataError(
			`Invalid value '${raw.slice(0, 50)}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`,
		);
	}
	return Number(raw.trim());
}

/**
 * Reads the `$` options of a request. Unknown `$` options and options the route does not support
 * are rejected; parameters without `$` are ignored, as Graph does.
 */
export function parseQueryOptions(
	params: URLSearchParams,
	allowed: readonly QueryOptionName[],
	schema: EntitySchema,
): QueryOptions {
	const values = new Map<string, string>();
	for (const [rawName, value] of params) {
		if (!rawName.startsWith('$')) continue;
		const name = rawName.toLowerCase() as QueryOptionName;
		if (!allowed.includes(name)) {
			throw new ODataError(`The query parameter '${rawName}' is not supported.`);
		}
		if (values.has(name)) {
			throw new ODataError(
				`Query option '${name}' was specified more than once, but it must be specified at most once.`,
			);
		}
		values.set(name, value);
	}
	const options: QueryOptions = { count: false };
	const filter = values.get('$filter');
	if (filter !== undefined) options.filter = filter;
	const top = values.get('$top');
	if (top !== undefined) options.top = nonNegativeInteger('$top', top);
	const skip = values.get('$skip');
	if (skip !== undefined) options.skip = nonNegativeInteger('$skip', skip);
	const count = values.get('$count');
	if (count !== undefined) {
		const lower = count.trim().toLowerCase();
		if (lower !== 'true' && lower !== 'false') {
			throw new ODataError(`'${count.slice(0, 50)}' is not a valid count option.`);
		}
		options.count = lower === 'true';
	}
	const orderby = values.get('$orderby');
	if (orderby !== undefined) options.orderby = parseOrderBy(orderby, schema);
	const expand = values.get('$expand');
	if (expand !== undefined) options.expand = splitList(expand);
	const select = values.get('$select');
	if (select !== undefined) options.select = splitList(select);
	const skiptoken = values.get('$skiptoken');
	if (skiptoken !== undefined) options.skiptoken = skiptoken;
	return options;
}

function splitList(raw: string): string[] {
	return raw
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

export function parseOrderBy(raw: string, schema: EntitySchema): OrderClause[] {
	const clauses = splitList(raw);
	if (clauses.length === 0) throw new ODataError('The $orderby query option must not be empty.');
	return clauses.map((clause) => {
		const parts = clause.split(/\s+/);
		if (parts.length > 2)
			throw new ODataError(`Syntax error in $orderby clause '${clause.slice(0, 100)}'.`);
		const direction = (parts[1] ?? 'asc').toLowerCase();
		if (direction !== 'asc' && direction !== 'desc') {
			throw new ODataError(
				`Syntax error in $orderby clause '${clause.slice(0, 100)}': expected 'asc' or 'desc'.`,
			);
		}
		const field = findProperty(schema.orderable, parts[0]);
		if (!field) {
			if (findProperty(schema.properties, parts[0])) {
				throw new ODataError(
					`The property '${parts[0]}' cannot be used in the $orderby query option.`,
				);
			}
			throw new ODataError(
				`Could not find a property named '${parts[0].slice(0, 100)}' on type '${schema.typeName}'.`,
			);
		}
		return { field, descending: direction === 'desc' };
	});
}

/** Stable comparator for `$orderby` clauses; ties fall back to `id` so pages never overlap. */
export function orderComparator(
	clauses: OrderClause[],
	rank: (field: string, value: unknown) => number | string,
): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
	return (a, b) => {
		for (const { field, descending } of clauses) {
			const x = rank(field, a[field]);
			const y = rank(field, b[field]);
			if (x === y) continue;
			if (x === '' || x === -Infinity) return 1; // nulls last
			if (y === '' || y === -Infinity) return -1;
			const cmp = x < y ? -1 : 1;
			return descending ? -cmp : cmp;
		}
		const ia = String(a.id);
		const ib = String(b.id);
		return ia < ib ? -1 : ia > ib ? 1 : 0;
	};
}
