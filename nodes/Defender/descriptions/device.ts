import type { INodeProperties } from 'n8n-workflow';

import {
	MACHINE_EXPOSURE_LEVELS,
	MACHINE_HEALTH_STATUSES,
	MACHINE_RISK_SCORES,
} from '../../../lib/graph/enums';
import { DEFAULT_MAX_DEVICES, DEFAULT_PROTECTED_TAG } from '../../../lib/mde';

const DEVICE_ID_EXAMPLE = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';

export const deviceIdField: INodeProperties = {
	displayName: 'Device ID',
	name: 'deviceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: DEVICE_ID_EXAMPLE,
	description:
		'The Defender for Endpoint device (machine) ID, 40 hexadecimal characters, e.g. an alert evidence’s mdeDeviceId',
};

export const deviceIdsField: INodeProperties = {
	displayName: 'Device IDs',
	name: 'deviceIds',
	type: 'string',
	required: true,
	default: '',
	placeholder: DEVICE_ID_EXAMPLE,
	description:
		'One or more device IDs, comma-separated or a list from an expression. The devices of all input items together count towards Max Devices per Execution.',
};

export const actionCommentField: INodeProperties = {
	displayName: 'Comment',
	name: 'comment',
	type: 'string',
	typeOptions: { rows: 2 },
	required: true,
	default: '',
	placeholder: 'Contained for incident 2972395',
	description: 'Why the action is taken; kept with the action in the device timeline',
};

export const tagField: INodeProperties = {
	displayName: 'Tag',
	name: 'tag',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'do-not-isolate',
};

function multi(displayName: string, name: string, values: readonly string[]): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		default: [],
		options: values.map((value) => ({ name: value.replace(/([a-z])([A-Z])/g, '$1 $2'), value })),
	};
}

export const deviceFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description:
		'All filters given must match (AND); within one filter any selected value matches (OR)',
	options: [
		multi('Exposure Level', 'exposure', MACHINE_EXPOSURE_LEVELS),
		multi('Health Status', 'health', MACHINE_HEALTH_STATUSES),
		{
			displayName: 'IP Address',
			name: 'ip',
			type: 'string',
			default: '',
			placeholder: '10.1.2.3',
			description: 'The device’s last internal IP address (one address; no ranges)',
		},
		{
			displayName: 'Last Seen After',
			name: 'lastSeenAfter',
			type: 'dateTime',
			default: '',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'desktop-01.contoso.com',
			description: 'The device’s DNS name (exact match)',
		},
		{
			displayName: 'OS Platform',
			name: 'os',
			type: 'string',
			default: '',
			placeholder: 'Windows11, WindowsServer2022, Linux',
			description: 'Comma-separated OS platforms as Defender names them',
		},
		multi('Risk Score', 'risk', MACHINE_RISK_SCORES),
		{
			displayName: 'Tag',
			name: 'tag',
			type: 'string',
			default: '',
			placeholder: 'finance, vip',
			description: 'Comma-separated device tags; devices with any of them match',
		},
	],
};

const waitOptions: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to poll each action until it succeeds, fails, times out or is cancelled, and return the final action',
	},
	{
		displayName: 'Wait Time Limit (Minutes)',
		name: 'waitTimeLimit',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10,
		description:
			'Stop waiting after this long; the action keeps running in Defender and the output says it was still running',
	},
];

const protectionOptions: INodeProperties[] = [
	{
		displayName: 'Protected Tags',
		name: 'protectedTags',
		type: 'string',
		default: DEFAULT_PROTECTED_TAG,
		description:
			'Comma-separated device tags; a device carrying one is skipped, never acted on. Empty: no tag protects a device.',
	},
	{
		displayName: 'Protected Device IDs',
		name: 'protectedDeviceIds',
		type: 'string',
		default: '',
		description: 'Comma-separated device IDs that are skipped, never acted on',
	},
];

const runOptions: INodeProperties[] = [
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only report what would be done: the guardrails are checked, no action is sent',
	},
	{
		displayName: 'Max Devices per Execution',
		name: 'maxDevices',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_MAX_DEVICES,
		description:
			'Refuse the whole execution, before any request, when the input items name more devices than this',
	},
	{
		displayName: 'Skip Devices Already in State',
		name: 'skipIfAlreadyInState',
		type: 'boolean',
		default: true,
		description:
			'Whether to skip (not fail) a device already in the requested state or with the same action still running',
	},
];

/**
 * Options of a device action. The protected tags and IDs apply to the actions that cut a device
 * off (isolate, offboard), so only those show them. Values of the first item apply to the run.
 */
export function deviceActionOptions(guarded: boolean): INodeProperties {
	const options = [...runOptions, ...(guarded ? protectionOptions : []), ...waitOptions].sort(
		(a, b) => a.displayName.localeCompare(b.displayName),
	);
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description:
			'Guardrails and waiting. The values of the first input item apply to the whole run.',
		options,
	};
}
