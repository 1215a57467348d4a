import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { normalizeInput, OBSERVABLE_TYPES, type NormalizeOptions } from '../../lib/normalize';
import { mapItems } from '../shared/itemLoop';

const OBSERVABLE_TYPE_LABELS: Record<string, string> = {
	ip: 'IP Address',
	url: 'URL',
	domain: 'Domain',
	hash: 'File Hash',
	filename: 'File Name',
	filepath: 'File Path',
	process: 'Process Command Line',
	hostname: 'Hostname',
	user: 'User',
	email: 'Email Address',
	'cloud-application': 'Cloud Application',
	'registry-key': 'Registry Key',
	'registry-value': 'Registry Value',
	other: 'Other Evidence',
};

function readPath(source: IDataObject, path: string): unknown {
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

export class DefenderNormalize implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Defender Normalize',
		name: 'defenderNormalize',
		icon: { light: 'file:../../icons/defender.svg', dark: 'file:../../icons/defender.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{ {"default": "Case record", "ocsf": "OCSF Detection Finding", "ecs": "Elastic Common Schema"}[$parameter["profile"]] }}',
		description:
			'Turn Microsoft Defender XDR alerts and incidents into case-ready records with observables, assets and MITRE ATT&CK',
		defaults: { name: 'Defender Normalize' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Output Profile',
				name: 'profile',
				type: 'options',
				default: 'default',
				options: [
					{
						name: 'Case Record',
						value: 'default',
						description: 'Severity 1–4, observables, assets, MITRE TTPs, tags, TLP/PAP, fingerprint',
					},
					{
						name: 'OCSF Detection Finding',
						value: 'ocsf',
						description: 'Open Cybersecurity Schema Framework class 2004',
					},
					{ name: 'Elastic Common Schema', value: 'ecs', description: 'ECS fields for Elastic or OpenSearch' },
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Raw Object',
						name: 'includeRaw',
						type: 'boolean',
						default: false,
						description: 'Whether to attach the Defender object as received',
					},
					{
						displayName: 'Input Field',
						name: 'inputField',
						type: 'string',
						default: '',
						placeholder: 'body',
						description:
							'Dot path of the field holding the alert, incident or batch. Leave empty to use the whole item.',
					},
					{
						displayName: 'Observable Types to Keep',
						name: 'observableTypes',
						type: 'multiOptions',
						default: [],
						description: 'Keep only these observable types. Leave empty to keep all.',
						options: OBSERVABLE_TYPES.map((type) => ({
							name: OBSERVABLE_TYPE_LABELS[type] ?? type,
							value: type,
						})),
					},
					{
						displayName: 'PAP',
						name: 'pap',
						type: 'options',
						default: 2,
						description: 'Permissible Actions Protocol level set on every record',
						options: [
							{ name: 'CLEAR (0)', value: 0 },
							{ name: 'GREEN (1)', value: 1 },
							{ name: 'AMBER (2)', value: 2 },
							{ name: 'RED (3)', value: 3 },
						],
					},
					{
						displayName: 'Split Incident Into Alerts',
						name: 'splitIncidentAlerts',
						type: 'boolean',
						default: false,
						description: 'Whether to emit one record per alert after each incident record',
					},
					{
						displayName: 'TLP',
						name: 'tlp',
						type: 'options',
						default: 2,
						description: 'Traffic Light Protocol level set on every record',
						options: [
							{ name: 'CLEAR (0)', value: 0 },
							{ name: 'GREEN (1)', value: 1 },
							{ name: 'AMBER (2)', value: 2 },
							{ name: 'AMBER+STRICT (3)', value: 3 },
							{ name: 'RED (4)', value: 4 },
						],
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output = await mapItems(this, async (itemIndex) => {
			const profile = this.getNodeParameter('profile', itemIndex) as NormalizeOptions['profile'];
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const inputField = typeof options.inputField === 'string' ? options.inputField.trim() : '';
			const source = inputField ? readPath(items[itemIndex].json, inputField) : items[itemIndex].json;
			if (inputField && source === undefined) {
				throw new NodeOperationError(this.getNode(), `Item ${itemIndex} has no field '${inputField}'.`, {
					itemIndex,
					description: 'Check the Input Field option, or clear it to normalize the whole item.',
				});
			}
			const records = normalizeInput(
				source,
				{
					profile,
					includeRaw: options.includeRaw === true,
					splitIncidentAlerts: options.splitIncidentAlerts === true,
					tlp: options.tlp as number | undefined,
					pap: options.pap as number | undefined,
					observableTypes: options.observableTypes as string[] | undefined,
				},
				itemIndex,
			);
			return records as unknown as IDataObject[];
		});
		return [output];
	}
}
