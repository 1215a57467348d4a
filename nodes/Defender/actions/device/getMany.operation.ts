import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { listMachines, type MachineFilters } from '../../../../lib/mde';
import { deviceFilters } from '../../descriptions/device';
import { limitField, returnAllField } from '../../descriptions/list';
import { readLimit } from '../list';
import { filterText, filterValues } from '../params';

const properties: INodeProperties[] = [returnAllField, limitField, deviceFilters];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['getMany'] } },
	properties,
);

export function machineFilters(filters: IDataObject): MachineFilters {
	return {
		name: filterText(filters, 'name'),
		ip: filterText(filters, 'ip'),
		health: filterValues(filters, 'health'),
		risk: filterValues(filters, 'risk'),
		exposure: filterValues(filters, 'exposure'),
		tag: filterValues(filters, 'tag'),
		os: filterValues(filters, 'os'),
		lastSeenAfter: filterText(filters, 'lastSeenAfter'),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return (await listMachines(client, {
		filters: machineFilters(filters),
		limit: readLimit(this, itemIndex),
	})) as IDataObject[];
}
