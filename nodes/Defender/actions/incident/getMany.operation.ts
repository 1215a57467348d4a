import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { incidentFilters, limitField, returnAllField } from '../../descriptions/list';
import { collect, listQuery, readLimit } from '../list';

const properties: INodeProperties[] = [returnAllField, limitField, incidentFilters];

export const description = updateDisplayOptions(
	{ show: { resource: ['incident'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = listQuery('incidents', filters);
	return await collect((limit) => client.iterateIncidents(query, { limit }), {
		limit: readLimit(this, itemIndex),
	});
}
