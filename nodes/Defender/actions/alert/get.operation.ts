import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { alertIdField } from '../../descriptions/entityIds';
import { readAlertId } from '../params';

const properties: INodeProperties[] = [alertIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['alert'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject> {
	return (await client.getAlert(readAlertId(this, itemIndex))) as IDataObject;
}
