import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { isDefenderError } from '../../lib/errors';
import { errorItemJson, toNodeError } from './errors';

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData[];

function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value;
}

/**
 * Runs `handle` for every input item. Every output item is paired with the input it came from,
 * and with Continue On Fail a failed item becomes an error item instead of stopping the node.
 */
export async function mapItems(
	context: IExecuteFunctions,
	handle: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handle(itemIndex);
			const list = Array.isArray(result) ? result : [result];
			for (const entry of list) {
				if (isExecutionData(entry)) {
					output.push({ ...entry, pairedItem: entry.pairedItem ?? { item: itemIndex } });
				} else {
					output.push({ json: entry, pairedItem: { item: itemIndex } });
				}
			}
		} catch (error) {
			const nodeError = toNodeError(context.getNode(), error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			const json = errorItemJson(isDefenderError(error) ? error : nodeError);
			output.push({ json, pairedItem: { item: itemIndex } });
		}
	}
	return output;
}
