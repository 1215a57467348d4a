import type { INodeProperties } from 'n8n-workflow';

import {
	ALERT_SEVERITIES,
	ALERT_STATUSES,
	INCIDENT_STATUSES,
	SERVICE_SOURCES,
} from '../../../lib/graph/enums';
import { enumOptions } from '../../shared/enumOptions';
import { classificationOptions, determinationOptions } from './verdict';

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

const severity: INodeProperties = {
	displayName: 'Severity',
	name: 'severity',
	type: 'multiOptions',
	default: [],
	options: enumOptions(ALERT_SEVERITIES),
};

const classification: INodeProperties = {
	displayName: 'Classification',
	name: 'classification',
	type: 'multiOptions',
	default: [],
	options: classificationOptions,
};

const determination: INodeProperties = {
	displayName: 'Determination',
	name: 'determination',
	type: 'multiOptions',
	default: [],
	options: determinationOptions,
};

const assignedTo: INodeProperties = {
	displayName: 'Assigned To',
	name: 'assignedTo',
	type: 'string',
	default: '',
	placeholder: 'secops@contoso.com',
	description: 'Only records assigned to this user (exact match)',
};

const createdAfter: INodeProperties = {
	displayName: 'Created After',
	name: 'createdAfter',
	type: 'dateTime',
	default: '',
};

const updatedAfter: INodeProperties = {
	displayName: 'Updated After',
	name: 'updatedAfter',
	type: 'dateTime',
	default: '',
};

/** As the trigger's filters, plus verdict, assignment and time. */
export const alertFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description:
		'All filters given must match (AND); within one filter any selected value matches (OR)',
	options: [
		assignedTo,
		{
			displayName: 'Category',
			name: 'category',
			type: 'string',
			default: '',
			placeholder: 'Execution, Malware',
			description:
				'Comma-separated alert categories. Graph cannot filter on category, so n8n checks it on each page.',
		},
		classification,
		createdAfter,
		determination,
		{
			displayName: 'Service Source',
			name: 'serviceSource',
			type: 'multiOptions',
			default: [],
			options: enumOptions(SERVICE_SOURCES),
		},
		severity,
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			default: [],
			options: enumOptions(ALERT_STATUSES),
		},
		updatedAfter,
	],
};

export const incidentFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description:
		'All filters given must match (AND); within one filter any selected value matches (OR)',
	options: [
		assignedTo,
		classification,
		createdAfter,
		determination,
		severity,
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			default: [],
			options: enumOptions(INCIDENT_STATUSES),
		},
		updatedAfter,
	],
};
