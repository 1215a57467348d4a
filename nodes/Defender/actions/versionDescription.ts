import type { INodeProperties } from 'n8n-workflow';

import * as alert from './alert';
import * as caseResource from './case';
import * as incident from './incident';

/** Version 1: the resource picker and every operation's fields. */
export const versionProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Alert', value: 'alert' },
			{ name: 'Case', value: 'case', description: 'A closed case from any case system' },
			{ name: 'Incident', value: 'incident' },
		],
		default: 'alert',
	},
	...alert.description,
	...incident.description,
	...caseResource.description,
];
