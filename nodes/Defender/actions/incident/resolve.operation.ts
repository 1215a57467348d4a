import { updateDisplayOptions, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { batchRequestsOption } from '../../descriptions/batchOption';
import { incidentIdField } from '../../descriptions/entityIds';
import { classificationField, determinationField } from '../../descriptions/verdict';
import { writeOnly, type PlanItem } from '../bulk';
import { commentCall, updateCall } from '../calls';
import { readIncidentId, readOptions, readResolveVerdict } from '../params';

const properties: INodeProperties[] = [
	incidentIdField,
	classificationField('classification', { required: true }),
	determinationField('determination'),
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description:
			'Optional text added to the incident’s comments. It is only added when resolving succeeded.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			batchRequestsOption,
			{
				displayName: 'Resolving Comment',
				name: 'resolvingComment',
				type: 'string',
				default: '',
				description:
					'Why the incident was resolved this way, stored on the incident itself (not in its comment list)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['incident'], operation: ['resolve'] } },
	properties,
);

export const plan: PlanItem = function (itemIndex) {
	const id = readIncidentId(this, itemIndex);
	const verdict = readResolveVerdict(this, itemIndex);
	const comment = String(this.getNodeParameter('comment', itemIndex, '')).trim();
	const resolvingComment = String(readOptions(this, itemIndex).resolvingComment ?? '').trim();
	const patch: IDataObject = { status: 'resolved', ...verdict };
	if (resolvingComment) patch.resolvingComment = resolvingComment;
	const chain = [updateCall('incident', id, patch)];
	if (comment) chain.push(commentCall('incident', id, comment));
	return writeOnly([chain], ([[incident, comments]]) =>
		comments ? { ...(incident as IDataObject), comments } : (incident as IDataObject),
	);
};
