import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { isDefenderError } from '../../../../lib/errors';
import { batchDeleteIndicators, deleteIndicator } from '../../../../lib/mde';
import { settle } from '../../../../lib/mde/settle';
import { requiredText } from '../params';
import { errorItem } from '../wholeRun';

const properties: INodeProperties[] = [
	{
		displayName: 'Indicator ID',
		name: 'indicatorId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '995',
		description:
			'The numeric ID of the indicator. With several input items all are deleted together (BatchDelete, 500 per request).',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['indicator'], operation: ['delete'] } },
	properties,
);

const NOT_FOUND = 'Defender no longer has this indicator (deleted or expired already).';

/** A missing indicator is an outcome, not a failure; anything else fails the items. */
async function deleteOne(client: DefenderClient, id: string): Promise<IDataObject | Error> {
	const sent = await settle(deleteIndicator(client, id));
	if (sent.ok) return { id, deleted: true };
	if (isDefenderError(sent.error) && sent.error.kind === 'notFound') {
		return { id, deleted: false, reason: NOT_FOUND };
	}
	return sent.error instanceof Error ? sent.error : new Error(String(sent.error));
}

/** One DELETE for one item; BatchDelete for several, each item told its own outcome. */
export async function execute(
	this: IExecuteFunctions,
	client: DefenderClient,
): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const ids: Array<string | undefined> = [];
	const output: Array<INodeExecutionData | undefined> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			ids.push(
				requiredText(
					this,
					itemIndex,
					'indicatorId',
					'Indicator ID',
					'Set the indicator’s numeric ID.',
				),
			);
		} catch (error) {
			ids.push(undefined);
			output[itemIndex] = errorItem(this, itemIndex, error);
		}
	}
	const valid = ids.filter((id): id is string => id !== undefined);
	if (valid.length === 0) return output.filter((item) => item !== undefined);

	let outcome: (id: string) => IDataObject;
	try {
		if (new Set(valid).size === 1) {
			const single = await deleteOne(client, valid[0] as string);
			if (single instanceof Error) throw single;
			outcome = () => single;
		} else {
			const result = await batchDeleteIndicators(client, valid);
			const gone = new Set(result.alreadyGone);
			outcome = (id) =>
				gone.has(id) ? { id, deleted: false, reason: NOT_FOUND } : { id, deleted: true };
		}
	} catch (error) {
		return ids.map(
			(id, itemIndex) => output[itemIndex] ?? errorItem(this, itemIndex, error, { id }),
		);
	}
	return ids.map(
		(id, itemIndex) =>
			output[itemIndex] ?? { json: outcome(id as string), pairedItem: { item: itemIndex } },
	);
}
