import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { listIndicators, type IndicatorFilters } from '../../../../lib/mde';
import { indicatorActionOptions, indicatorTypeOptions } from '../../descriptions/indicator';
import { limitField, returnAllField } from '../../descriptions/list';
import { readLimit } from '../list';
import { filterText, filterValues } from '../params';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			'All filters given must match (AND); within one filter any selected value matches (OR)',
		options: [
			{
				displayName: 'Action',
				name: 'actions',
				type: 'multiOptions',
				options: indicatorActionOptions,
				default: [],
			},
			{
				displayName: 'Application',
				name: 'application',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Created By',
				name: 'createdBy',
				type: 'string',
				default: '',
				description: 'The user or application ID that created the indicator',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Exact title',
			},
			{
				displayName: 'Type',
				name: 'types',
				type: 'multiOptions',
				options: indicatorTypeOptions,
				default: [],
			},
			{
				displayName: 'Value',
				name: 'value',
				type: 'string',
				default: '',
				description: 'Exact indicator value',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['indicator'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filters: IndicatorFilters = {
		types: filterValues(raw, 'types') ?? [],
		actions: filterValues(raw, 'actions') ?? [],
		value: filterText(raw, 'value'),
		title: filterText(raw, 'title'),
		application: filterText(raw, 'application'),
		createdBy: filterText(raw, 'createdBy'),
	};
	return (await listIndicators(client, {
		filters,
		limit: readLimit(this, itemIndex),
	})) as IDataObject[];
}
