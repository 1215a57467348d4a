/** Get Many: filters → OData query, Return All / Limit → paging, checks Graph cannot do. */

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ListQuery } from '../../../lib/client/paging';
import { andFilters, buildListFilter, filterFor } from '../../../lib/odata/filter';
import { readTags } from './params';

type ListEntity = 'alerts' | 'incidents';

function list(value: unknown): string[] | undefined {
	const values = readTags(value);
	return values.length > 0 ? values : undefined;
}

function time(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The `$filter` for the Filters collection; the builder checks and escapes every value. */
export function listQuery(entity: ListEntity, filters: IDataObject): ListQuery {
	const createdAfter = time(filters.createdAfter);
	const updatedAfter = time(filters.updatedAfter);
	const assignedTo = typeof filters.assignedTo === 'string' ? filters.assignedTo.trim() : '';
	let filter = buildListFilter({
		entity,
		status: list(filters.status),
		severity: list(filters.severity),
		serviceSource: entity === 'alerts' ? list(filters.serviceSource) : undefined,
		classification: list(filters.classification),
		determination: list(filters.determination),
		assignedTo: assignedTo || undefined,
		since: createdAfter ? { field: 'createdDateTime', op: 'ge', value: createdAfter } : undefined,
	});
	if (updatedAfter) {
		filter = andFilters(filter, filterFor(entity).ge('lastUpdateDateTime', updatedAfter).text);
	}
	return filter ? { filter } : {};
}

export interface Collected {
	limit?: number;
	/** Items Graph cannot filter out (alert category) are checked here. */
	keep?: (item: IDataObject) => boolean;
}

/** Reads pages until the limit is reached; breaking out stops further requests. */
export async function collect(
	pages: (limit?: number) => AsyncGenerator<unknown[]>,
	options: Collected,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	// With a local check the server-side limit would count items that are then dropped.
	const serverLimit = options.keep ? undefined : options.limit;
	for await (const page of pages(serverLimit)) {
		for (const item of page as IDataObject[]) {
			if (options.keep && !options.keep(item)) continue;
			out.push(item);
			if (options.limit !== undefined && out.length >= options.limit) return out;
		}
	}
	return out;
}

export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	return context.getNodeParameter('limit', itemIndex, 50) as number;
}

/** Category is free text on alerts and not filterable in Graph: compare case-insensitively. */
export function categoryCheck(value: unknown): ((item: IDataObject) => boolean) | undefined {
	const categories = readTags(value).map((category) => category.toLowerCase());
	if (categories.length === 0) return undefined;
	return (item) =>
		typeof item.category === 'string' && categories.includes(item.category.toLowerCase());
}
