import type { INodeProperties } from 'n8n-workflow';

import * as addComment from './addComment.operation';
import * as assign from './assign.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as resolve from './resolve.operation';
import * as update from './update.operation';

export { addComment, assign, get, getMany, resolve, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['incident'] } },
		options: [
			{
				name: 'Add Comment',
				value: 'addComment',
				description: 'Add a comment to an incident',
				action: 'Add a comment to an incident',
			},
			{
				name: 'Assign or Unassign',
				value: 'assign',
				description: 'Set or remove the owner of an incident',
				action: 'Assign or unassign an incident',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an incident, optionally with its alerts',
				action: 'Get an incident',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List incidents matching filters',
				action: 'Get many incidents',
			},
			{
				name: 'Resolve',
				value: 'resolve',
				description: 'Set an incident to resolved with a classification, and optionally comment',
				action: 'Resolve an incident',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change status, owner, verdict, tags, name, description, severity or summary',
				action: 'Update an incident',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...update.description,
	...addComment.description,
	...resolve.description,
	...assign.description,
];
