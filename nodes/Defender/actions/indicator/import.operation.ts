import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { DefenderError } from '../../../../lib/errors';
import {
	importIndicators,
	indicatorBody,
	indicatorKey,
	type IndicatorInput,
} from '../../../../lib/mde';
import { indicatorFields } from '../../descriptions/indicator';
import { errorItem } from '../wholeRun';
import { readIndicatorInput } from './input';

const properties: INodeProperties[] = [...indicatorFields];

export const description = updateDisplayOptions(
	{ show: { resource: ['indicator'], operation: ['import'] } },
	properties,
);

/**
 * One indicator per input item, all sent through the import API (graph-api.md §8.3: 500 per
 * request, each an upsert). Invalid or repeated items fail on their own before anything is sent.
 */
export async function execute(
	this: IExecuteFunctions,
	client: DefenderClient,
): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const output: Array<INodeExecutionData | undefined> = [];
	const sent: Array<{ itemIndex: number; input: IndicatorInput }> = [];
	const firstItem = new Map<string, number>();
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const input = readIndicatorInput(this, itemIndex);
			const body = indicatorBody(input);
			const key = indicatorKey(body.indicatorType, body.indicatorValue);
			const first = firstItem.get(key);
			if (first !== undefined) {
				throw new DefenderError(
					'validation',
					`Item #${itemIndex + 1} repeats item #${first + 1} (${body.indicatorType} ${body.indicatorValue.slice(0, 80)}).`,
					{ hint: 'Defender keeps one indicator per type and value; remove the duplicate item.' },
				);
			}
			firstItem.set(key, itemIndex);
			sent.push({ itemIndex, input });
		} catch (error) {
			output[itemIndex] = errorItem(this, itemIndex, error);
		}
	}
	if (sent.length === 0) return output.filter((item) => item !== undefined);

	let results: Awaited<ReturnType<typeof importIndicators>>['results'];
	try {
		results = (
			await importIndicators(
				client,
				sent.map((entry) => entry.input),
			)
		).results;
	} catch (error) {
		for (const { itemIndex } of sent) output[itemIndex] = errorItem(this, itemIndex, error);
		return output.filter((item) => item !== undefined);
	}

	const imported = results.filter((result) => !result.isFailed).length;
	sent.forEach(({ itemIndex }, position) => {
		const result = results[position];
		if (result && !result.isFailed) {
			output[itemIndex] = { json: { ...result } as IDataObject, pairedItem: { item: itemIndex } };
			return;
		}
		const refused = new DefenderError(
			'validation',
			`Defender refused the indicator ${result?.value ?? ''}: ${result?.failureReason ?? 'no reason given'}.`,
			{
				hint: `The other ${imported} indicator${imported === 1 ? ' was' : 's were'} imported. Fix this one and import it again.`,
			},
		);
		output[itemIndex] = errorItem(this, itemIndex, refused, { ...result } as IDataObject);
	});
	return output.filter((item) => item !== undefined);
}
