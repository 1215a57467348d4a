import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['software'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the software installed on a device',
				action: 'Get many software items of a device',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
