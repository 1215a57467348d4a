import type { INodeProperties } from 'n8n-workflow';

import { requestTimeoutOption } from '../../shared/requestTimeout';

import * as alert from './alert';
import * as caseResource from './case';
import * as device from './device';
import * as hunting from './hunting';
import * as incident from './incident';
import * as indicator from './indicator';
import * as software from './software';
import * as vulnerability from './vulnerability';

/** Version 1: the resource picker and every operation's fields. */
export const versionProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Advanced Hunting', value: 'hunting', description: 'KQL queries over Defender data' },
			{ name: 'Alert', value: 'alert' },
			{ name: 'Case', value: 'case', description: 'A closed case from any case system' },
			{
				name: 'Device',
				value: 'device',
				description: 'A Defender for Endpoint device: inventory, tags and response actions',
			},
			{ name: 'Incident', value: 'incident' },
			{
				name: 'Indicator',
				value: 'indicator',
				description: 'Custom indicators (IoCs) Defender for Endpoint allows, audits or blocks',
			},
			{ name: 'Software', value: 'software', description: 'Software installed on a device' },
			{ name: 'Vulnerability', value: 'vulnerability', description: 'CVEs and exposed devices' },
		],
		default: 'alert',
	},
	...alert.description,
	...incident.description,
	...caseResource.description,
	...device.description,
	...indicator.description,
	...hunting.description,
	...vulnerability.description,
	...software.description,
	{
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [requestTimeoutOption(' before the item fails')],
	},
];
