import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { batchRequestsOption } from '../../descriptions/batchOption';
import { alertIdField } from '../../descriptions/entityIds';
import { writeOnly, type PlanItem } from '../bulk';
import { commentCall } from '../calls';
import { readAlertId, requiredText } from '../params';

const properties: INodeProperties[] = [
	alertIdField,
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Text added to the alert’s comments in Defender',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [batchRequestsOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['alert'], operation: ['addComment'] } },
	properties,
);

// graph-api.md §4.2: the answer is the alert's whole comment list.
export const plan: PlanItem = function (itemIndex) {
	const id = readAlertId(this, itemIndex);
	const text = requiredText(this, itemIndex, 'comment', 'Comment', 'Write the text to add.');
	return writeOnly([[commentCall('alert', id, text)]], ([[comments]]) => ({
		alertId: id,
		comments,
	}));
};
