import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import type { IsolationType } from '../../../../lib/mde';
import { actionCommentField, deviceActionOptions, deviceIdsField } from '../../descriptions/device';
import { deviceActionOperation } from '../deviceActions';

const properties: INodeProperties[] = [
	deviceIdsField,
	actionCommentField,
	{
		displayName: 'Isolation Type',
		name: 'isolationType',
		type: 'options',
		options: [
			{
				name: 'Full',
				value: 'Full',
				description: 'Cut the device off from the network except the Defender service',
			},
			{
				name: 'Selective',
				value: 'Selective',
				description: 'Also keep Outlook, Teams and Skype for Business working (Windows 10 1709+)',
			},
		],
		default: 'Full',
	},
	deviceActionOptions(true),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['isolate'] } },
	properties,
);

export const execute = deviceActionOperation('isolate', (context, itemIndex, comment) => ({
	type: 'isolate',
	comment,
	isolationType: context.getNodeParameter('isolationType', itemIndex, 'Full') as IsolationType,
}));
