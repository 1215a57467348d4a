/** Get Many: filters → OData query, Return All / Limit → paging, checks Graph cannot do. */

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ListQuery } from '../../../lib/client/paging';
import { andFilters, buildListFilter, filterFor } from '../../../lib/odata/filter';
import { filterText, filterValues } from './params';

type ListEntity = 'alerts' | 'incidents';

/** The `$filter` for the Filters collection; the builder checks and escapes every value. */
export function listQuery(entity: ListEntity, filters: IDataObject): ListQuery {
	const createdAfter = filterText(filters, 'createdAfter');
	const updatedAfter = filterText(filters, 'updatedAfter');
	let filter = buildListFilter({
		entity,
		status: filterValues(filters, 'status'),
		severity: filterValues(filters, 'severity'),
		serviceSource: entity === 'alerts' ? filterValues(filters, 'serviceSource') : undefined,
		classification: filterValues(filters, 'classification'),
		determination: filterValues(filters, 'determination'),
		assignedTo: filterText(filters, 'assignedTo'),
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
export function categoryCheck(filters: IDataObject): ((item: IDataObject) => boolean) | undefined {
	const categories = (filterValues(filters, 'category') ?? []).map((category) =>
		category.toLowerCase(),
	);
	if (categories.length === 0) return undefined;
	return (item) =>
		typeof item.category === 'string' && categories.includes(item.category.toLowerCase());
}
