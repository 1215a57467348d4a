import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { getMachine } from '../../../../lib/mde';
import { deviceIdField } from '../../descriptions/device';
import { readDeviceId } from '../params';

const properties: INodeProperties[] = [deviceIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject> {
	return (await getMachine(client, readDeviceId(this, itemIndex))) as IDataObject;
}
