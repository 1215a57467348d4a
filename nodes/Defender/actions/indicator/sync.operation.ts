import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../../lib/client/DefenderClient';
import { DefenderError, isDefenderError } from '../../../../lib/errors';
import {
	INDICATOR_CAP,
	syncIndicators,
	type CapPolicy,
	type RemovalMode,
	type SyncSettings,
	type UpstreamIndicator,
} from '../../../../lib/mde';
import { errorItemJson, toNodeError } from '../../../shared/errors';
import {
	indicatorActionField,
	indicatorSeverityOptions,
	indicatorTypeOptions,
} from '../../descriptions/indicator';
import { readOptions, readTags, requiredText } from '../params';
import { allItems } from '../wholeRun';

/** Item fields read for each indicator, and their default names. */
const FIELD_DEFAULTS = {
	valueField: 'value',
	typeField: 'type',
	confidenceField: 'confidence',
	titleField: 'title',
	descriptionField: 'description',
	actionField: 'action',
	severityField: 'severity',
	expirationField: 'expirationTime',
	observedAtField: 'observedAt',
} as const;

const FIELD_LABELS: Record<keyof typeof FIELD_DEFAULTS, string> = {
	valueField: 'Value Field',
	typeField: 'Type Field',
	confidenceField: 'Confidence Field',
	titleField: 'Title Field',
	descriptionField: 'Description Field',
	actionField: 'Action Field',
	severityField: 'Severity Field',
	expirationField: 'Expiration Field',
	observedAtField: 'Observed At Field',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Each input item is one indicator of the feed. Defender is changed to match the whole list for the source tag below.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Source Tag',
		name: 'sourceTag',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'misp-feed',
		description:
			'Names this feed in Defender (letters, digits, . _ -). Only indicators this sync created with the same tag are updated or removed; it is kept as [n8n:tag] at the start of their description.',
	},
	{
		...indicatorActionField,
		description: `${indicatorActionField.description} An item's own action field wins.`,
	},
	{
		displayName: 'Expires in (Days)',
		name: 'expiresInDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description:
			'Expiry for indicators without their own, renewed once half of it has passed. 0: no expiry.',
	},
	{
		displayName: 'Indicators No Longer Listed',
		name: 'removal',
		type: 'options',
		options: [
			{ name: 'Delete', value: 'delete' },
			{ name: 'Expire Now', value: 'expire', description: 'Keep them in the history as expired' },
			{ name: 'Keep', value: 'keep', description: 'Leave them; the report lists them' },
		],
		default: 'delete',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Exclude Weak Hashes',
				name: 'excludeWeakHashes',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out MD5 and SHA-1 file hashes',
			},
			{
				displayName: 'Minimum Confidence',
				name: 'minConfidence',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 70,
				description: 'Skip indicators below this confidence (0–100), and those without one',
			},
			{
				displayName: 'Skip Values Present From Other Sources',
				name: 'skipPresentFromOtherSources',
				type: 'boolean',
				default: true,
				description:
					'Whether to leave alone a value that Defender already has from another tool, person or sync',
			},
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				options: indicatorTypeOptions,
				default: [],
				description: 'Sync only these indicator types',
			},
		],
	},
	{
		displayName: 'Field Names',
		name: 'fields',
		type: 'collection',
		placeholder: 'Add Field Name',
		default: {},
		description:
			'Where each input item holds the indicator’s data (dot paths such as attributes.value work)',
		options: (Object.keys(FIELD_DEFAULTS) as Array<keyof typeof FIELD_DEFAULTS>)
			.map((name) => ({
				displayName: FIELD_LABELS[name],
				name,
				type: 'string' as const,
				default: FIELD_DEFAULTS[name],
			}))
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allow Empty Feed',
				name: 'allowEmptyFeed',
				type: 'boolean',
				default: false,
				description:
					'Whether an input without any indicator value may remove all of this source’s indicators. Off: such a run is refused, so a failed download does not wipe the feed.',
			},
			{
				displayName: 'Cap',
				name: 'capLimit',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: INDICATOR_CAP },
				default: INDICATOR_CAP,
				description: 'Active indicators allowed in the tenant (Defender’s limit is 15,000)',
			},
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether to only report what would change; nothing is written',
			},
			{
				displayName: 'Generate Alert',
				name: 'generateAlert',
				type: 'boolean',
				default: false,
				description: 'Whether matches raise alerts (always on for Audit)',
			},
			{
				displayName: 'Over the Cap',
				name: 'capPolicy',
				type: 'options',
				options: [
					{ name: 'Refuse the Sync', value: 'refuse', description: 'Change nothing and fail' },
					{
						name: 'Evict Oldest First',
						value: 'evictOldest',
						description: 'Keep the most recently observed',
					},
					{
						name: 'Evict Lowest Confidence First',
						value: 'evictLowestConfidence',
					},
				],
				default: 'refuse',
			},
			{
				displayName: 'Severity',
				name: 'severity',
				type: 'options',
				options: indicatorSeverityOptions,
				default: 'Informational',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['indicator'], operation: ['sync'] } },
	properties,
);

function readPath(source: IDataObject, path: string): unknown {
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/** The feed: one indicator per input item, through the field names. */
export function upstreamFrom(
	items: INodeExecutionData[],
	fields: IDataObject,
): UpstreamIndicator[] {
	const name = (key: keyof typeof FIELD_DEFAULTS) => {
		const value = fields[key];
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : FIELD_DEFAULTS[key];
	};
	return items.map(({ json }) => {
		const read = (key: keyof typeof FIELD_DEFAULTS) => readPath(json, name(key));
		const confidence = read('confidenceField');
		const upstream: UpstreamIndicator = {
			value: textOf(read('valueField')) ?? '',
			type: textOf(read('typeField')),
			action: textOf(read('actionField')),
			title: textOf(read('titleField')),
			description: textOf(read('descriptionField')),
			severity: textOf(read('severityField')),
			expirationTime: textOf(read('expirationField')),
			observedAt: textOf(read('observedAtField')),
		};
		if (typeof confidence === 'number' || typeof confidence === 'string') {
			upstream.confidence = confidence;
		}
		return upstream;
	});
}

function settingsFrom(context: IExecuteFunctions): SyncSettings {
	const filters = context.getNodeParameter('filters', 0, {}) as IDataObject;
	const options = readOptions(context, 0);
	const days = Number(context.getNodeParameter('expiresInDays', 0, 30));
	const types = readTags(filters.types);
	return {
		sourceTag: requiredText(
			context,
			0,
			'sourceTag',
			'Source Tag',
			'Name the feed, e.g. misp-feed; it marks the indicators this sync owns.',
		),
		action: String(context.getNodeParameter('action', 0, 'Audit')),
		severity: typeof options.severity === 'string' ? options.severity : undefined,
		generateAlert: typeof options.generateAlert === 'boolean' ? options.generateAlert : undefined,
		expiresInDays: days > 0 ? days : undefined,
		removal: context.getNodeParameter('removal', 0, 'delete') as RemovalMode,
		filters: {
			minConfidence:
				filters.minConfidence === undefined ? undefined : Number(filters.minConfidence),
			types: types.length ? types : undefined,
			excludeWeakHashes: filters.excludeWeakHashes === true,
			skipPresentFromOtherSources: filters.skipPresentFromOtherSources !== false,
		},
		cap: {
			limit: options.capLimit === undefined ? undefined : Number(options.capLimit),
			policy: options.capPolicy as CapPolicy | undefined,
		},
	};
}

/**
 * The whole input is the desired state, so this runs once per execution (settings from the first
 * item) and returns one report paired with every input item. Report entries name their input by
 * `item`, counted from 1 (item 1 is the first input item).
 */
export async function execute(
	this: IExecuteFunctions,
	client: DefenderClient,
): Promise<INodeExecutionData[]> {
	const pairedItem = allItems(this);
	try {
		const settings = settingsFrom(this);
		const options = readOptions(this, 0);
		const upstream = upstreamFrom(
			this.getInputData(),
			this.getNodeParameter('fields', 0, {}) as IDataObject,
		);
		if (options.allowEmptyFeed !== true && upstream.every((entry) => entry.value === '')) {
			throw new DefenderError(
				'validation',
				`The feed is empty: no input item has an indicator value, so the sync would remove every indicator of '${settings.sourceTag}'. Nothing was changed.`,
				{
					hint: 'Check the node before this one and the Value Field name, or turn on Allow Empty Feed if emptying the source is intended.',
				},
			);
		}
		const report = await syncIndicators(client, upstream, settings, {
			dryRun: options.dryRun === true,
		});
		return [{ json: report as unknown as IDataObject, pairedItem }];
	} catch (error) {
		const nodeError = toNodeError(this.getNode(), error);
		if (!this.continueOnFail()) throw nodeError;
		return [{ json: errorItemJson(isDefenderError(error) ? error : nodeError), pairedItem }];
	}
}
