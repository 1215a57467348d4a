/** Output helpers for operations that run over all input items at once. */

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { isDefenderError } from '../../../lib/errors';
import { errorItemJson, toNodeError } from '../../shared/errors';

/** An error item for `itemIndex` with Continue On Fail; otherwise throws the node error. */
export function errorItem(
	context: IExecuteFunctions,
	itemIndex: number,
	error: unknown,
	extra: IDataObject = {},
): INodeExecutionData {
	const nodeError = toNodeError(context.getNode(), error, itemIndex);
	if (!context.continueOnFail()) throw nodeError;
	return {
		json: { ...errorItemJson(isDefenderError(error) ? error : nodeError), ...extra },
		pairedItem: { item: itemIndex },
	};
}

/** Every input item's index, for an output item that stands for the whole run. */
export function allItems(context: IExecuteFunctions): Array<{ item: number }> {
	return context.getInputData().map((_item, index) => ({ item: index }));
}
