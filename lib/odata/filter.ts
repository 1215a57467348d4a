/**
 * A small OData `$filter` builder. Field names are checked against what each endpoint can filter
 * on, values are typed and escaped, so user input can never change the shape of the query.
 */

import { DefenderError } from '../errors';
import { ENTITY_LABELS, FILTER_FIELDS, type FieldSpec, type FilterEntity } from './fields';
import { requireEnumValue, toIsoDateTime } from './values';

export type { FilterEntity } from './fields';

type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | Date | null;

/** A rendered filter expression. `kind` decides whether it needs parentheses when nested. */
export class FilterExpression {
	constructor(
		readonly text: string,
		readonly kind: 'term' | 'and' | 'or',
		/** The terms of an and/or, for flattening `a and (b and c)`. */
		readonly parts: readonly FilterExpression[] = [],
	) {}

	toString(): string {
		return this.text;
	}
}

/** An OData string literal: single-quoted, embedded quotes doubled. Nothing else needs escaping. */
export function quoteString(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

function invalid(message: string, hint?: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

function fieldSpec(entity: FilterEntity, field: string): FieldSpec {
	const fields = FILTER_FIELDS[entity];
	const spec = Object.prototype.hasOwnProperty.call(fields, field) ? fields[field] : undefined;
	if (spec) return spec;
	const allowed = Object.keys(fields).join(', ');
	const near = Object.keys(fields).find((f) => f.toLowerCase() === String(field).toLowerCase());
	throw invalid(
		`Cannot filter ${ENTITY_LABELS[entity]} by '${String(field).slice(0, 60)}'.${
			near ? ` Did you mean '${near}'?` : ''
		} Allowed fields: ${allowed}.`,
		`The API only filters ${ENTITY_LABELS[entity]} on: ${allowed}.`,
	);
}

function literal(entity: FilterEntity, field: string, spec: FieldSpec, value: FilterValue): string {
	const what = `The ${field} filter value`;
	if (value === null) return 'null';
	switch (spec.type) {
		case 'string':
			if (typeof value !== 'string') throw invalid(`${what} must be text.`);
			return quoteString(value);
		case 'enum':
			return quoteString(
				requireEnumValue(value, spec.values, `${ENTITY_LABELS[entity]} ${field}`, spec.aliases),
			);
		case 'datetime':
			// DateTimeOffset literals are unquoted in OData.
			return toIsoDateTime(value, what);
		case 'number':
			if (typeof value !== 'number' || !Number.isFinite(value)) {
				throw invalid(`${what} must be a number.`);
			}
			return String(value);
		case 'boolean':
			if (typeof value !== 'boolean') throw invalid(`${what} must be true or false.`);
			return String(value);
		case 'collection':
			if (typeof value !== 'string') throw invalid(`${what} must be text.`);
			return quoteString(value);
	}
}

function compound(kind: 'and' | 'or', items: ReadonlyArray<FilterExpression | undefined>) {
	const present = items.filter((e): e is FilterExpression => e instanceof FilterExpression);
	if (present.length === 0) {
		throw invalid(`'${kind}' needs at least one condition.`);
	}
	if (present.length === 1) return present[0] as FilterExpression;
	// Same operator nests without parentheses (and/or are associative); the other one is grouped.
	const parts = present.flatMap((e) => (e.kind === kind ? e.parts : [e]));
	const text = parts.map((e) => (e.kind === 'term' ? e.text : `(${e.text})`)).join(` ${kind} `);
	return new FilterExpression(text, kind, parts);
}

export interface FilterBuilder {
	readonly entity: FilterEntity;
	eq(field: string, value: FilterValue): FilterExpression;
	ne(field: string, value: FilterValue): FilterExpression;
	gt(field: string, value: FilterValue): FilterExpression;
	ge(field: string, value: FilterValue): FilterExpression;
	lt(field: string, value: FilterValue): FilterExpression;
	le(field: string, value: FilterValue): FilterExpression;
	/** `field eq v1 or field eq v2 ...` (one value: a plain `eq`). */
	inList(field: string, values: readonly FilterValue[]): FilterExpression;
	/** For collection fields such as machineTags: `field/any(x: x eq 'value')`. */
	anyEq(field: string, value: string): FilterExpression;
	/** Undefined entries are skipped, so optional criteria can be passed straight in. */
	and(...expressions: Array<FilterExpression | undefined>): FilterExpression;
	or(...expressions: Array<FilterExpression | undefined>): FilterExpression;
}

/** Returns a builder whose fields and values are checked for `entity`. */
export function filterFor(entity: FilterEntity): FilterBuilder {
	if (!Object.prototype.hasOwnProperty.call(FILTER_FIELDS, entity)) {
		throw invalid(
			`Unknown filter entity '${String(entity)}'. Use one of: ${Object.keys(FILTER_FIELDS).join(', ')}.`,
		);
	}

	const compare = (op: Comparison, field: string, value: FilterValue): FilterExpression => {
		const spec = fieldSpec(entity, field);
		if (spec.type === 'collection') {
			throw invalid(
				`${field} is a list; filter it with anyEq('${field}', value) instead of ${op}.`,
			);
		}
		const ordered = op !== 'eq' && op !== 'ne';
		if (ordered && spec.type !== 'datetime' && spec.type !== 'number') {
			throw invalid(`'${op}' only works on dates and numbers; ${field} takes eq or ne.`);
		}
		if (value === null && ordered) throw invalid(`'${op}' cannot compare ${field} with null.`);
		return new FilterExpression(`${field} ${op} ${literal(entity, field, spec, value)}`, 'term');
	};

	return {
		entity,
		eq: (field, value) => compare('eq', field, value),
		ne: (field, value) => compare('ne', field, value),
		gt: (field, value) => compare('gt', field, value),
		ge: (field, value) => compare('ge', field, value),
		lt: (field, value) => compare('lt', field, value),
		le: (field, value) => compare('le', field, value),
		inList(field, values) {
			if (!Array.isArray(values) || values.length === 0) {
				throw invalid(`The ${field} filter needs at least one value.`);
			}
			const terms = values.map((v) => compare('eq', field, v));
			const unique = terms.filter((t, i) => terms.findIndex((o) => o.text === t.text) === i);
			return compound('or', unique);
		},
		anyEq(field, value) {
			const spec = fieldSpec(entity, field);
			if (spec.type !== 'collection') {
				throw invalid(`${field} is not a list; use eq('${field}', value).`);
			}
			return new FilterExpression(
				`${field}/any(x: x eq ${literal(entity, field, spec, value)})`,
				'term',
			);
		},
		and: (...expressions) => compound('and', expressions),
		or: (...expressions) => compound('or', expressions),
	};
}

export interface TimeBound<Op extends string> {
	field: 'createdDateTime' | 'lastUpdateDateTime';
	op: Op;
	value: string | Date;
}

export interface ListFilterCriteria {
	entity: 'alerts' | 'incidents';
	status?: readonly string[];
	severity?: readonly string[];
	/** Alerts only (incidents cannot be filtered by service source). */
	serviceSource?: readonly string[];
	classification?: string | readonly string[];
	determination?: string | readonly string[];
	/** A UPN, several, or null for "unassigned". */
	assignedTo?: string | null | readonly string[];
	since?: TimeBound<'gt' | 'ge'>;
	until?: TimeBound<'lt' | 'le'>;
}

function asList<T>(value: T | readonly T[] | undefined): readonly T[] {
	if (value === undefined) return [];
	return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/**
 * The usual list filter: criteria joined with AND, several values of one criterion with OR.
 * Returns undefined when no criterion is given.
 */
export function buildListFilter(criteria: ListFilterCriteria): string | undefined {
	const f = filterFor(criteria.entity);
	const oneOf = (field: string, values: readonly FilterValue[]) =>
		values.length ? f.inList(field, values) : undefined;

	const terms = [
		oneOf('status', asList(criteria.status)),
		oneOf('severity', asList(criteria.severity)),
		oneOf('serviceSource', asList(criteria.serviceSource)),
		oneOf('classification', asList(criteria.classification)),
		oneOf('determination', asList(criteria.determination)),
		oneOf('assignedTo', asList<string | null>(criteria.assignedTo)),
	];
	if (criteria.since) {
		if (criteria.since.op !== 'gt' && criteria.since.op !== 'ge') {
			throw invalid(`'since' takes gt or ge, not '${String(criteria.since.op)}'.`);
		}
		terms.push(f[criteria.since.op](criteria.since.field, criteria.since.value));
	}
	if (criteria.until) {
		if (criteria.until.op !== 'lt' && criteria.until.op !== 'le') {
			throw invalid(`'until' takes lt or le, not '${String(criteria.until.op)}'.`);
		}
		terms.push(f[criteria.until.op](criteria.until.field, criteria.until.value));
	}
	return terms.some(Boolean) ? f.and(...terms).text : undefined;
}

/** `(a) and b` for two filter strings; either may be empty. Used to add a paging bound. */
export function andFilters(first: string | undefined, second: string): string {
	return first && first.trim() ? `(${first}) and ${second}` : second;
}
