import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { actionCommentField, deviceActionOptions, deviceIdsField } from '../../descriptions/device';
import { deviceActionOperation } from '../deviceActions';

const properties: INodeProperties[] = [
	deviceIdsField,
	actionCommentField,
	deviceActionOptions(true),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['offboard'] } },
	properties,
);

export const execute = deviceActionOperation('offboard', (_context, _itemIndex, comment) => ({
	type: 'offboard',
	comment,
}));
