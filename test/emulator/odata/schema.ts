/** What each entity lets `$filter` and `$orderby` touch, with the types OData checks. */
import type { EvolvableEnum } from '../graph/enums';

export type FieldType =
	| { kind: 'string' }
	| { kind: 'enum'; enum: EvolvableEnum; typeName: string }
	| { kind: 'datetime' }
	| { kind: 'number' }
	| { kind: 'boolean' }
	/** Collection of strings, filterable only through `any()`. */
	| { kind: 'stringCollection' }
	/** Collection of complex values (alert evidence), filterable only through `any()`. */
	| { kind: 'objectCollection' };

export interface EntitySchema {
	/** Qualified type name used in OData messages, e.g. `microsoft.graph.security.alert`. */
	typeName: string;
	/** Every property of the entity: tells "unknown property" from "not filterable". */
	properties: readonly string[];
	filterable: Readonly<Record<string, FieldType>>;
	orderable: readonly string[];
}

export function findProperty(names: Iterable<string>, requested: string): string | undefined {
	const lower = requested.toLowerCase();
	for (const name of names) if (name.toLowerCase() === lower) return name;
	return undefined;
}
