/** Compiles a parsed `$filter` into a predicate, type-checking it against an entity schema. */
import { ODataError } from './errors';
import {
	parseFilter,
	unknownFunction,
	type CompareOp,
	type FilterNode,
	type Literal,
	type StringFunction,
} from './parser';
import { findProperty, type EntitySchema, type FieldType } from './schema';
import { allMembers, enumRank, isEvolved } from '../graph/enums';
import { canonicalTime } from '../time';

export type Row = Record<string, unknown>;
export type Predicate = (row: Row) => boolean;

export interface FilterOptions {
	/** `Prefer: include-unknown-enum-members` was sent (graph-api.md §5.2). */
	includeEvolved: boolean;
	/** `startswith`, `endswith` and `contains` are allowed (the MDE routes). */
	stringFunctions?: boolean;
}

const OP_NAMES: Record<CompareOp, string> = {
	eq: 'Equal',
	ne: 'NotEqual',
	gt: 'GreaterThan',
	ge: 'GreaterThanOrEqual',
	lt: 'LessThan',
	le: 'LessThanOrEqual',
};

function edmType(field: FieldType): string {
	switch (field.kind) {
		case 'datetime':
			return 'Edm.DateTimeOffset';
		case 'number':
			return 'Edm.Int64';
		case 'boolean':
			return 'Edm.Boolean';
		case 'enum':
			return field.typeName;
		default:
			return 'Edm.String';
	}
}

function literalType(value: Literal): string {
	switch (value.kind) {
		case 'string':
			return 'Edm.String';
		case 'number':
			return Number.isInteger(value.value) ? 'Edm.Int32' : 'Edm.Double';
		case 'boolean':
			return 'Edm.Boolean';
		case 'datetime':
			return 'Edm.DateTimeOffset';
		case 'enum':
			return value.typeName;
		default:
			return '<null>';
	}
}

function incompatible(field: FieldType, value: Literal, op: CompareOp): never {
	throw new ODataError(
		`A binary operator with incompatible types was detected. Found operand types '${edmType(field)}' and '${literalType(value)}' for operator kind '${OP_NAMES[op]}'.`,
	);
}

function applyOp(op: CompareOp, cmp: number): boolean {
	switch (op) {
		case 'eq':
			return cmp === 0;
		case 'ne':
			return cmp !== 0;
		case 'gt':
			return cmp > 0;
		case 'ge':
			return cmp >= 0;
		case 'lt':
			return cmp < 0;
		default:
			return cmp <= 0;
	}
}

/** Null only equals null; ordering comparisons with null are false (OData semantics). */
function compareNullable(
	op: CompareOp,
	a: unknown,
	b: unknown,
	cmp: (x: never, y: never) => number,
): boolean {
	const aNull = a === null || a === undefined;
	const bNull = b === null || b === undefined;
	if (aNull || bNull) {
		if (op === 'eq') return aNull && bNull;
		if (op === 'ne') return aNull !== bNull;
		return false;
	}
	return applyOp(op, cmp(a as never, b as never));
}

function compareStrings(a: string, b: string): number {
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

/** Resolves a literal to the comparable value of the given field type. */
function coerce(field: FieldType, value: Literal, op: CompareOp, options: FilterOptions): unknown {
	if (value.kind === 'null') return null;
	switch (field.kind) {
		case 'datetime': {
			if (value.kind !== 'datetime') incompatible(field, value, op);
			const canonical = canonicalTime(value.value);
			if (!canonical)
				throw new ODataError(`The value '${value.value}' is not a valid DateTimeOffset.`);
			return canonical;
		}
		case 'enum': {
			if (value.kind !== 'string' && value.kind !== 'enum') incompatible(field, value, op);
			const member = allMembers(field.enum).find(
				(m) => m.toLowerCase() === value.value.toLowerCase(),
			);
			if (!member) {
				throw new ODataError(
					`The string '${value.value}' is not a valid enumeration type constant of '${field.typeName}'.`,
				);
			}
			if (isEvolved(field.enum, member) && !options.includeEvolved) {
				// graph-api.md §5.2: filtering on a member after the sentinel needs the Prefer header.
				throw new ODataError(
					`The enumeration member '${member}' of '${field.typeName}' requires the request header 'Prefer: include-unknown-enum-members'.`,
				);
			}
			return member;
		}
		case 'number':
			if (value.kind !== 'number') incompatible(field, value, op);
			return value.value;
		case 'boolean':
			if (value.kind !== 'boolean') incompatible(field, value, op);
			return value.value;
		case 'string':
			if (value.kind !== 'string') incompatible(field, value, op);
			return value.value;
		default:
			return incompatible(field, value, op);
	}
}

function comparator(
	field: FieldType,
	op: CompareOp,
	expected: unknown,
): (actual: unknown) => boolean {
	switch (field.kind) {
		case 'enum': {
			const e = field.enum;
			return (actual) =>
				compareNullable(
					op,
					actual,
					expected,
					(a: string, b: string) => enumRank(e, a) - enumRank(e, b),
				);
		}
		case 'number':
			return (actual) => compareNullable(op, actual, expected, (a: number, b: number) => a - b);
		case 'boolean':
			return (actual) =>
				compareNullable(op, actual, expected, (a: boolean, b: boolean) => Number(a) - Number(b));
		case 'datetime':
			return (actual) =>
				compareNullable(
					op,
					typeof actual === 'string' ? (canonicalTime(actual) ?? actual) : actual,
					expected,
					(a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0),
				);
		default:
			return (actual) => compareNullable(op, actual, expected, compareStrings);
	}
}

/** Loose comparison inside `any()` over complex values, where the schema does not type fields. */
function looseComparator(op: CompareOp, value: Literal): (actual: unknown) => boolean {
	const expected =
		value.kind === 'null'
			? null
			: value.kind === 'datetime'
				? canonicalTime(value.value)
				: value.value;
	return (actual) =>
		compareNullable(op, actual, expected, (a: unknown, b: unknown) => {
			if (typeof a === 'number' && typeof b === 'number') return a - b;
			return compareStrings(String(a), String(b));
		});
}

function resolveField(schema: EntitySchema, path: string): { name: string; field: FieldType } {
	const head = path.split('/')[0];
	const name = findProperty(Object.keys(schema.filterable), head);
	if (name && !path.includes('/')) return { name, field: schema.filterable[name] };
	if (name || findProperty(schema.properties, head)) {
		throw new ODataError(
			`The property '${name ?? head}' cannot be used in the $filter query option.`,
		);
	}
	throw new ODataError(`Could not find a property named '${head}' on type '${schema.typeName}'.`);
}

/** Reads `e/microsoft.graph.security.userEvidence/userAccount/userPrincipalName` from one item. */
function lambdaPath(variable: string, path: string): (item: unknown) => unknown {
	const segments = path.split('/');
	if (segments[0] !== variable) {
		throw new ODataError(
			`The range variable '${segments[0]}' is not defined; expected '${variable}'.`,
		);
	}
	const rest = segments.slice(1);
	return (item) => {
		let current: unknown = item;
		for (const segment of rest) {
			if (current === null || typeof current !== 'object') return undefined;
			const obj = current as Row;
			if (segment.includes('.')) {
				if (obj['@odata.type'] !== `#${segment}`) return undefined;
				continue;
			}
			current = obj[segment];
		}
		return current;
	};
}

/** Case-insensitive, like the string comparisons of this emulator. */
function stringFunction(name: StringFunction, value: Literal): (actual: unknown) => boolean {
	if (value.kind !== 'string') {
		throw new ODataError(
			`The second argument of ${name}() must be a quoted string, e.g. ${name}(computerDnsName, 'value').`,
		);
	}
	const needle = value.value.toLowerCase();
	return (actual) => {
		if (typeof actual !== 'string') return false;
		const hay = actual.toLowerCase();
		if (name === 'startswith') return hay.startsWith(needle);
		if (name === 'endswith') return hay.endsWith(needle);
		return hay.includes(needle);
	};
}

function compileLambda(
	node: FilterNode,
	variable: string,
	collection: FieldType,
	options: FilterOptions,
): (item: unknown) => boolean {
	switch (node.type) {
		case 'and': {
			const l = compileLambda(node.left, variable, collection, options);
			const r = compileLambda(node.right, variable, collection, options);
			return (item) => l(item) && r(item);
		}
		case 'or': {
			const l = compileLambda(node.left, variable, collection, options);
			const r = compileLambda(node.right, variable, collection, options);
			return (item) => l(item) || r(item);
		}
		case 'not': {
			const inner = compileLambda(node.operand, variable, collection, options);
			return (item) => !inner(item);
		}
		case 'compare': {
			const read = lambdaPath(variable, node.path);
			const test = looseComparator(node.op, node.value);
			return (item) => test(read(item));
		}
		case 'in': {
			const read = lambdaPath(variable, node.path);
			const tests = node.values.map((v) => looseComparator('eq', v));
			return (item) => {
				const value = read(item);
				return tests.some((t) => t(value));
			};
		}
		case 'function': {
			if (!options.stringFunctions) throw unknownFunction(node.name);
			const read = lambdaPath(variable, node.path);
			const test = stringFunction(node.name, node.value);
			return (item) => test(read(item));
		}
		default:
			throw new ODataError('Nested any() expressions are not supported.');
	}
}

function compile(node: FilterNode, schema: EntitySchema, options: FilterOptions): Predicate {
	switch (node.type) {
		case 'and': {
			const l = compile(node.left, schema, options);
			const r = compile(node.right, schema, options);
			return (row) => l(row) && r(row);
		}
		case 'or': {
			const l = compile(node.left, schema, options);
			const r = compile(node.right, schema, options);
			return (row) => l(row) || r(row);
		}
		case 'not': {
			const inner = compile(node.operand, schema, options);
			return (row) => !inner(row);
		}
		case 'compare': {
			const { name, field } = resolveField(schema, node.path);
			if (field.kind === 'stringCollection' || field.kind === 'objectCollection') {
				throw new ODataError(
					`The property '${name}' is a collection; filter it with ${name}/any(x: x eq 'value').`,
				);
			}
			const test = comparator(field, node.op, coerce(field, node.value, node.op, options));
			return (row) => test(row[name]);
		}
		case 'in': {
			const { name, field } = resolveField(schema, node.path);
			if (field.kind === 'stringCollection' || field.kind === 'objectCollection') {
				throw new ODataError(
					`The property '${name}' is a collection; filter it with ${name}/any(x: x eq 'value').`,
				);
			}
			const tests = node.values.map((v) =>
				comparator(field, 'eq', coerce(field, v, 'eq', options)),
			);
			return (row) => tests.some((t) => t(row[name]));
		}
		case 'any': {
			const name = findProperty(Object.keys(schema.filterable), node.path);
			const field = name ? schema.filterable[name] : undefined;
			if (
				!name ||
				!field ||
				(field.kind !== 'stringCollection' && field.kind !== 'objectCollection')
			) {
				resolveField(schema, node.path);
				throw new ODataError(
					`The any() operator needs a collection property; '${node.path}' is not one.`,
				);
			}
			const predicate = node.predicate
				? compileLambda(node.predicate, node.variable, field, options)
				: () => true;
			return (row) => {
				const items = row[name];
				return Array.isArray(items) && items.some((item) => predicate(item));
			};
		}
		case 'function': {
			if (!options.stringFunctions) throw unknownFunction(node.name);
			const { name, field } = resolveField(schema, node.path);
			if (field.kind === 'stringCollection' || field.kind === 'objectCollection') {
				throw new ODataError(
					`The property '${name}' is a collection; filter it with ${name}/any(x: ${node.name}(x, 'value')).`,
				);
			}
			if (field.kind !== 'string') {
				throw new ODataError(
					`${node.name}() needs a string property; '${name}' is of type '${edmType(field)}'.`,
				);
			}
			const test = stringFunction(node.name, node.value);
			return (row) => test(row[name]);
		}
	}
}

export function compileFilter(
	text: string,
	schema: EntitySchema,
	options: FilterOptions,
): Predicate {
	return compile(parseFilter(text), schema, options);
}
