import type { INodeProperties } from 'n8n-workflow';

import * as syncDisposition from './syncDisposition.operation';

export { syncDisposition };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{
				name: 'Sync Closed Case to Defender',
				value: 'syncDisposition',
				description:
					'Resolve the Defender alerts and incidents a closed case links to, with a classification from its resolution and an audit comment',
				action: 'Sync a closed case',
			},
		],
		default: 'syncDisposition',
	},
	...syncDisposition.description,
];
