import { updateDisplayOptions, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { batchRequestsOption } from '../../descriptions/batchOption';
import { alertIdField } from '../../descriptions/entityIds';
import { classificationField, determinationField } from '../../descriptions/verdict';
import { writeOnly, type PlanItem } from '../bulk';
import { commentCall, updateCall } from '../calls';
import { readAlertId, readResolveVerdict } from '../params';

const properties: INodeProperties[] = [
	alertIdField,
	classificationField('classification', { required: true }),
	determinationField('determination'),
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description:
			'Optional text added to the alert’s comments. It is only added when resolving succeeded.',
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
	{ show: { resource: ['alert'], operation: ['resolve'] } },
	properties,
);

/** Status resolved with the verdict, then the comment; the output is the alert with its comments. */
export const plan: PlanItem = function (itemIndex) {
	const id = readAlertId(this, itemIndex);
	const verdict = readResolveVerdict(this, itemIndex);
	const comment = String(this.getNodeParameter('comment', itemIndex, '')).trim();
	const chain = [updateCall('alert', id, { status: 'resolved', ...verdict })];
	if (comment) chain.push(commentCall('alert', id, comment));
	return writeOnly([chain], ([[alert, comments]]) =>
		comments ? { ...(alert as IDataObject), comments } : (alert as IDataObject),
	);
};
