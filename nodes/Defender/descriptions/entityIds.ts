import type { INodeProperties } from 'n8n-workflow';

export const alertIdField: INodeProperties = {
	displayName: 'Alert ID',
	name: 'alertId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'da637865765418431569_-773071023',
	description: 'The ID of the alert (alerts_v2), as shown in its URL in the Defender portal',
};

export const incidentIdField: INodeProperties = {
	displayName: 'Incident ID',
	name: 'incidentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '2972395',
	description: 'The numeric ID of the incident',
};
