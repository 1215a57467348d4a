import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ALERT_CLASSIFICATIONS, DETERMINATIONS_BY_CLASSIFICATION } from '../../../lib/graph/enums';
import { displayName, enumOptions } from '../../shared/enumOptions';

/** Determinations that can be set (graph-api.md §5.1): apt and securityPersonnel are read-only. */
const SETTABLE_DETERMINATIONS = [
	...new Set(Object.values(DETERMINATIONS_BY_CLASSIFICATION).flat()),
];

export const classificationOptions: INodePropertyOptions[] = enumOptions(ALERT_CLASSIFICATIONS);

export const determinationOptions: INodePropertyOptions[] = enumOptions(SETTABLE_DETERMINATIONS);

/** The pairs, for field descriptions: "True Positive: Malware, Phishing, …". */
export const PAIRS_HELP = Object.entries(DETERMINATIONS_BY_CLASSIFICATION)
	.filter(([classification]) => classification !== 'unknown')
	.map(
		([classification, determinations]) =>
			`${displayName(classification)}: ${determinations.map(displayName).join(', ')}`,
	)
	.join('. ');

export const LEAVE_UNCHANGED = '';

export function classificationField(
	name: string,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Classification',
		name,
		type: 'options',
		options: classificationOptions,
		default: 'truePositive',
		description: 'How the alert or incident is classified',
		...overrides,
	};
}

export function determinationField(
	name: string,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Determination',
		name,
		type: 'options',
		options: [{ name: 'Leave Unchanged', value: LEAVE_UNCHANGED }, ...determinationOptions],
		default: LEAVE_UNCHANGED,
		description: `Must go with the classification (checked before any request). ${PAIRS_HELP}.`,
		...overrides,
	};
}
