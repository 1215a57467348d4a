import type { INodeProperties } from 'n8n-workflow';

import * as addComment from './addComment.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as resolve from './resolve.operation';
import * as update from './update.operation';

export { addComment, get, getMany, resolve, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alert'] } },
		options: [
			{
				name: 'Add Comment',
				value: 'addComment',
				description: 'Add a comment to an alert',
				action: 'Add a comment to an alert',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an alert with its evidence',
				action: 'Get an alert',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List alerts matching filters',
				action: 'Get many alerts',
			},
			{
				name: 'Resolve',
				value: 'resolve',
				description: 'Set an alert to resolved with a classification, and optionally comment',
				action: 'Resolve an alert',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the status, classification, determination or owner of an alert',
				action: 'Update an alert',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...update.description,
	...addComment.description,
	...resolve.description,
];
