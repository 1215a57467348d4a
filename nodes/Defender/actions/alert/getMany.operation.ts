import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { alertFilters, limitField, returnAllField } from '../../descriptions/list';
import { categoryCheck, collect, listQuery, readLimit } from '../list';

const properties: INodeProperties[] = [returnAllField, limitField, alertFilters];

export const description = updateDisplayOptions(
	{ show: { resource: ['alert'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = listQuery('alerts', filters);
	return await collect((limit) => client.iterateAlerts(query, { limit }), {
		limit: readLimit(this, itemIndex),
		keep: categoryCheck(filters),
	});
}
