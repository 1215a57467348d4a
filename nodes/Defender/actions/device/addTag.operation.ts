import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { addMachineTag } from '../../../../lib/mde';
import { deviceIdField, tagField } from '../../descriptions/device';
import { readDeviceId, requiredText } from '../params';

const properties: INodeProperties[] = [
	deviceIdField,
	{ ...tagField, description: 'The tag to add (case as written)' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['addTag'] } },
	properties,
);

// Answers with the updated device, so its machineTags show the result.
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject> {
	const id = readDeviceId(this, itemIndex);
	const tag = requiredText(this, itemIndex, 'tag', 'Tag', 'Write the device tag to add.');
	return (await addMachineTag(client, id, tag)) as IDataObject;
}
