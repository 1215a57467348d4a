import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { removeMachineTag } from '../../../../lib/mde';
import { deviceIdField, tagField } from '../../descriptions/device';
import { readDeviceId, requiredText } from '../params';

const properties: INodeProperties[] = [
	deviceIdField,
	{ ...tagField, description: 'The tag to remove' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['removeTag'] } },
	properties,
);

// Answers with the updated device, so its machineTags show the result.
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject> {
	const id = readDeviceId(this, itemIndex);
	const tag = requiredText(this, itemIndex, 'tag', 'Tag', 'Write the device tag to remove.');
	return (await removeMachineTag(client, id, tag)) as IDataObject;
}
