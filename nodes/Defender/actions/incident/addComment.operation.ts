import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { batchRequestsOption } from '../../descriptions/batchOption';
import { incidentIdField } from '../../descriptions/entityIds';
import { writeOnly, type PlanItem } from '../bulk';
import { commentCall } from '../calls';
import { readIncidentId, requiredText } from '../params';

const properties: INodeProperties[] = [
	incidentIdField,
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Text added to the incident’s comments in Defender',
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
	{ show: { resource: ['incident'], operation: ['addComment'] } },
	properties,
);

// graph-api.md §4.4: the answer is the incident's whole comment list.
export const plan: PlanItem = function (itemIndex) {
	const id = readIncidentId(this, itemIndex);
	const text = requiredText(this, itemIndex, 'comment', 'Comment', 'Write the text to add.');
	return writeOnly([[commentCall('incident', id, text)]], ([[comments]]) => ({
		incidentId: id,
		comments,
	}));
};
