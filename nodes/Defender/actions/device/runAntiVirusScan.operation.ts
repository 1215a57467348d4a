import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import type { ScanType } from '../../../../lib/mde';
import { actionCommentField, deviceActionOptions, deviceIdsField } from '../../descriptions/device';
import { deviceActionOperation } from '../deviceActions';

const properties: INodeProperties[] = [
	deviceIdsField,
	actionCommentField,
	{
		displayName: 'Scan Type',
		name: 'scanType',
		type: 'options',
		options: [
			{ name: 'Quick', value: 'Quick' },
			{ name: 'Full', value: 'Full' },
		],
		default: 'Quick',
	},
	deviceActionOptions(false),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['runAntiVirusScan'] } },
	properties,
);

export const execute = deviceActionOperation('runAntiVirusScan', (context, itemIndex, comment) => ({
	type: 'runAntiVirusScan',
	comment,
	scanType: context.getNodeParameter('scanType', itemIndex, 'Quick') as ScanType,
}));
