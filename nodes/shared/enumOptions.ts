import type { INodePropertyOptions } from 'n8n-workflow';

import { selectableValues } from '../../lib/graph/enums';

const ACRONYMS: Record<string, string> = { Ti: 'TI', Ai: 'AI', Io: 'IoT', Dns: 'DNS', Api: 'API' };

/** "microsoftDefenderForEndpoint" → "Microsoft Defender For Endpoint". */
export function displayName(value: string): string {
	return value
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/^./, (first) => first.toUpperCase())
		.split(' ')
		.map((word) => ACRONYMS[word] ?? word)
		.join(' ');
}

/** Selectable enum members (never unknownFutureValue) as sorted n8n options. */
export function enumOptions(values: readonly string[]): INodePropertyOptions[] {
	return selectableValues(values)
		.map((value) => ({ name: displayName(value), value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
