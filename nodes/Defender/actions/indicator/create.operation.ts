import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { submitIndicator } from '../../../../lib/mde';
import { indicatorFields } from '../../descriptions/indicator';
import { readIndicatorInput } from './input';

const properties: INodeProperties[] = [...indicatorFields];

export const description = updateDisplayOptions(
	{ show: { resource: ['indicator'], operation: ['create'] } },
	properties,
);

// graph-api.md §8.3: POST /api/indicators creates, or updates the one with the same type and value.
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject> {
	return (await submitIndicator(client, readIndicatorInput(this, itemIndex))) as IDataObject;
}
