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
import { readTags } from '../params';

const properties: INodeProperties[] = [returnAllField, limitField, deviceFilters];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['getMany'] } },
	properties,
);

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function values(value: unknown): string[] | undefined {
	const list = readTags(value);
	return list.length > 0 ? list : undefined;
}

export function machineFilters(filters: IDataObject): MachineFilters {
	return {
		name: text(filters.name),
		ip: text(filters.ip),
		health: values(filters.health),
		risk: values(filters.risk),
		exposure: values(filters.exposure),
		tag: values(filters.tag),
		os: values(filters.os),
		lastSeenAfter: text(filters.lastSeenAfter),
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
