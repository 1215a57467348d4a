/** Reading one item's indicator (Create, Import). */

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { IndicatorInput } from '../../../../lib/mde';
import { readTags } from '../params';

function text(value: unknown): string {
	return typeof value === 'string'
		? value
		: value === undefined || value === null
			? ''
			: String(value);
}

/** One item's indicator from the fields above; lib validates it. */
export function readIndicatorInput(context: IExecuteFunctions, itemIndex: number): IndicatorInput {
	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input: IndicatorInput = {
		value: text(context.getNodeParameter('indicatorValue', itemIndex, '')),
		type: text(context.getNodeParameter('indicatorType', itemIndex, '')) || undefined,
		action: text(context.getNodeParameter('action', itemIndex, '')),
		title: text(context.getNodeParameter('title', itemIndex, '')),
		description: text(context.getNodeParameter('indicatorDescription', itemIndex, '')),
	};
	if (text(extra.expirationTime)) input.expirationTime = text(extra.expirationTime);
	if (text(extra.severity)) input.severity = text(extra.severity);
	if (typeof extra.generateAlert === 'boolean') input.generateAlert = extra.generateAlert;
	if (text(extra.recommendedActions)) input.recommendedActions = text(extra.recommendedActions);
	const groups = readTags(extra.rbacGroupNames);
	if (groups.length) input.rbacGroupNames = groups;
	if (text(extra.application)) input.application = text(extra.application);
	if (text(extra.educateUrl)) input.educateUrl = text(extra.educateUrl);
	return input;
}
