import type { INodeProperties } from 'n8n-workflow';

import * as runQuery from './runQuery.operation';

export { runQuery };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hunting'] } },
		options: [
			{
				name: 'Run Query',
				value: 'runQuery',
				description: 'Run a KQL advanced hunting query',
				action: 'Run an advanced hunting query',
			},
		],
		default: 'runQuery',
	},
	...runQuery.description,
];
