import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { listMachineSoftware } from '../../../../lib/mde';
import { deviceIdField } from '../../descriptions/device';
import { limitField, returnAllField } from '../../descriptions/list';
import { readLimit } from '../list';
import { readDeviceId } from '../params';

const properties: INodeProperties[] = [deviceIdField, returnAllField, limitField];

export const description = updateDisplayOptions(
	{ show: { resource: ['software'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject[]> {
	const id = readDeviceId(this, itemIndex);
	return (await listMachineSoftware(client, id, {
		limit: readLimit(this, itemIndex),
	})) as IDataObject[];
}
