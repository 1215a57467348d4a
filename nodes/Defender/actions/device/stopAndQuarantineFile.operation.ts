import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { actionCommentField, deviceActionOptions, deviceIdsField } from '../../descriptions/device';
import { deviceActionOperation } from '../deviceActions';

const properties: INodeProperties[] = [
	deviceIdsField,
	actionCommentField,
	{
		displayName: 'File SHA-1',
		name: 'sha1',
		type: 'string',
		required: true,
		default: '',
		placeholder: '87662bc3d60e4200ceaf7aae249d1c343f4b83c9',
		description:
			'SHA-1 of the file to stop on the device and quarantine (40 hexadecimal characters; SHA-256 is not accepted by this action)',
	},
	deviceActionOptions(false),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['stopAndQuarantineFile'] } },
	properties,
);

export const execute = deviceActionOperation(
	'stopAndQuarantineFile',
	(context, itemIndex, comment) => ({
		type: 'stopAndQuarantineFile',
		comment,
		sha1: String(context.getNodeParameter('sha1', itemIndex, '')),
	}),
);
