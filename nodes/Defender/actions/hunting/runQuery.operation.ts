import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import {
	runHuntingQuery,
	runHuntingQuerySliced,
	type HuntingResult,
} from '../../../../lib/hunting';
import { inputError, readOptions } from '../params';

const properties: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		placeholder: 'DeviceProcessEvents | where FileName =~ "powershell.exe" | take 100',
		description: 'The KQL query (advanced hunting schema)',
	},
	{
		displayName: 'Timespan',
		name: 'timespan',
		type: 'string',
		default: '',
		placeholder: 'P7D',
		description:
			'ISO 8601 duration or interval, e.g. P7D, PT12H or 2025-01-01T00:00:00Z/2025-01-08T00:00:00Z. Empty: the last 30 days.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'Each Row as an Item', value: 'rows' },
			{
				name: 'One Item With All Rows',
				value: 'single',
				description: 'The schema, results, row count and any warnings in one item',
			},
		],
		default: 'rows',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Time Slices',
				name: 'slices',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 1,
				description:
					'Split the timespan into this many back-to-back queries, so each stays under the 100,000-row limit. Needs a timespan.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['hunting'], operation: ['runQuery'] } },
	properties,
);

/** Warnings (row cap reached) reach the user in the single item, or as hints and log lines. */
function report(context: IExecuteFunctions, warnings: string[]): void {
	for (const message of warnings) {
		context.logger.warn(message);
		if (typeof context.addExecutionHints === 'function') {
			context.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
		}
	}
}

// graph-api.md §6: 45 calls per minute; the client waits out 429s, lib names CPU quota and timeouts.
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DefenderClient,
): Promise<IDataObject | IDataObject[]> {
	const query = this.getNodeParameter('query', itemIndex, '') as string;
	const timespan = String(this.getNodeParameter('timespan', itemIndex, '') ?? '').trim();
	const slices = Number(readOptions(this, itemIndex).slices ?? 1);
	if (slices > 1 && timespan === '') {
		throw inputError(
			this,
			itemIndex,
			'Time Slices needs a Timespan to split.',
			'Set Timespan, e.g. P30D, or set Time Slices to 1.',
		);
	}
	const result: HuntingResult & { slices?: unknown } =
		slices > 1
			? await runHuntingQuerySliced(client, { query, timespan, slices })
			: await runHuntingQuery(client, { query, timespan: timespan || undefined });
	if (this.getNodeParameter('output', itemIndex, 'rows') === 'single') {
		const single: IDataObject = {
			schema: result.schema as unknown as IDataObject[],
			results: result.rows as IDataObject[],
			rowCount: result.rowCount,
			hitRowLimit: result.hitRowLimit,
			warnings: result.warnings,
		};
		if (result.slices) single.slices = result.slices as IDataObject[];
		return single;
	}
	report(this, result.warnings);
	return result.rows as IDataObject[];
}
