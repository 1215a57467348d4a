import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteIndicator from './delete.operation';
import * as getMany from './getMany.operation';
import * as importIndicators from './import.operation';
import * as sync from './sync.operation';

export { create, deleteIndicator, getMany, importIndicators, sync };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['indicator'] } },
		options: [
			{
				name: 'Create or Update',
				value: 'create',
				description: 'Submit an indicator; one with the same type and value is updated',
				action: 'Create or update an indicator',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete indicators by ID',
				action: 'Delete an indicator',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List active indicators matching filters',
				action: 'Get many indicators',
			},
			{
				name: 'Import',
				value: 'import',
				description: 'Create or update one indicator per input item, 500 per request',
				action: 'Import indicators',
			},
			{
				name: 'Sync',
				value: 'sync',
				description:
					'Make Defender match a feed: create missing, update changed, remove those no longer listed',
				action: 'Sync indicators with a feed',
			},
		],
		default: 'create',
	},
	...create.description,
	...getMany.description,
	...deleteIndicator.description,
	...importIndicators.description,
	...sync.description,
];
