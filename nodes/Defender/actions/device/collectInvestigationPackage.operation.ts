import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { actionCommentField, deviceActionOptions, deviceIdsField } from '../../descriptions/device';
import { deviceActionOperation } from '../deviceActions';

const properties: INodeProperties[] = [
	deviceIdsField,
	actionCommentField,
	deviceActionOptions(false),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['device'], operation: ['collectInvestigationPackage'] } },
	properties,
);

export const execute = deviceActionOperation(
	'collectInvestigationPackage',
	(_context, _itemIndex, comment) => ({
		type: 'collectInvestigationPackage',
		comment,
	}),
);
