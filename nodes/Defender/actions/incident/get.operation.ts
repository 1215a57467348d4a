import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { incidentIdField } from '../../descriptions/entityIds';
import { readIncidentId } from '../params';

const properties: INodeProperties[] = [
	incidentIdField,
	{
		displayName: 'Include Alerts',
		name: 'includeAlerts',
		type: 'boolean',
		default: false,
		description: 'Whether to return the incident’s alerts (with evidence) in an alerts field',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['incident'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject> {
	const id = readIncidentId(this, itemIndex);
	const expandAlerts = this.getNodeParameter('includeAlerts', itemIndex, false) === true;
	return (await client.getIncident(id, { expandAlerts })) as IDataObject;
}
