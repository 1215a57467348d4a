import { updateDisplayOptions, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { batchRequestsOption } from '../../descriptions/batchOption';
import { incidentIdField } from '../../descriptions/entityIds';
import { writeOnly, type PlanItem } from '../bulk';
import { updateCall } from '../calls';
import { readIncidentId, requiredText } from '../params';

const properties: INodeProperties[] = [
	incidentIdField,
	{
		displayName: 'Action',
		name: 'assignment',
		type: 'options',
		default: 'assign',
		options: [
			{ name: 'Assign', value: 'assign', description: 'Set the owner of the incident' },
			{ name: 'Unassign', value: 'unassign', description: 'Remove the owner of the incident' },
		],
	},
	{
		displayName: 'Assign To',
		name: 'assignTo',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'secops@contoso.com',
		description: 'The new owner (free text in Defender, usually a user principal name)',
		displayOptions: { show: { assignment: ['assign'] } },
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
	{ show: { resource: ['incident'], operation: ['assign'] } },
	properties,
);

/** assignedTo = the owner, or null to unassign. */
export const plan: PlanItem = function (itemIndex) {
	const id = readIncidentId(this, itemIndex);
	const unassign = this.getNodeParameter('assignment', itemIndex, 'assign') === 'unassign';
	const owner = unassign
		? null
		: requiredText(this, itemIndex, 'assignTo', 'Assign To', 'Set the owner, or choose Unassign.');
	return writeOnly(
		[[updateCall('incident', id, { assignedTo: owner })]],
		([[incident]]) => incident as IDataObject,
	);
};
