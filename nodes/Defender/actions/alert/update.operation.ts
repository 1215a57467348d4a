import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { ALERT_STATUSES } from '../../../../lib/graph/enums';
import { enumOptions } from '../../../shared/enumOptions';
import { batchRequestsOption } from '../../descriptions/batchOption';
import { alertIdField } from '../../descriptions/entityIds';
import { classificationField, determinationField } from '../../descriptions/verdict';
import { writeOnly, type PlanItem } from '../bulk';
import { updateCall } from '../calls';
import { inputError, readAlertId, readVerdict } from '../params';

const properties: INodeProperties[] = [
	alertIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		// graph-api.md §4.1: only these four can be updated on an alert.
		options: [
			{
				displayName: 'Assigned To',
				name: 'assignedTo',
				type: 'string',
				default: '',
				placeholder: 'secops@contoso.com',
				description: 'Owner of the alert (free text, usually a UPN). Leave empty to unassign.',
			},
			classificationField('classification'),
			determinationField('determination', {
				description:
					'Needs Classification in the same update, and must go with it (checked before any request)',
			}),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: enumOptions(ALERT_STATUSES),
				default: 'inProgress',
			},
		],
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
	{ show: { resource: ['alert'], operation: ['update'] } },
	properties,
);

export function alertPatch(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): IDataObject {
	const patch: IDataObject = {};
	if (fields.status !== undefined) patch.status = fields.status;
	if (fields.assignedTo !== undefined) {
		const owner = String(fields.assignedTo).trim();
		patch.assignedTo = owner === '' ? null : owner;
	}
	const verdict = readVerdict(context, itemIndex, fields);
	if (verdict.classification) patch.classification = verdict.classification;
	if (verdict.determination) patch.determination = verdict.determination;
	return patch;
}

export const plan: PlanItem = function (itemIndex) {
	const id = readAlertId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const patch = alertPatch(this, itemIndex, fields);
	if (Object.keys(patch).length === 0) {
		throw inputError(
			this,
			itemIndex,
			'Nothing to update.',
			'Add at least one field under Update Fields: Status, Classification, Determination or Assigned To.',
		);
	}
	return writeOnly([[updateCall('alert', id, patch)]], ([[alert]]) => alert as IDataObject);
};
