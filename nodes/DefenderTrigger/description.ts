import type { INodeProperties } from 'n8n-workflow';

import { requestTimeoutOption } from '../shared/requestTimeout';

import {
	ALERT_SEVERITIES,
	ALERT_STATUSES,
	INCIDENT_STATUSES,
	SERVICE_SOURCES,
} from '../../lib/graph/enums';
import { enumOptions } from '../shared/enumOptions';

const pollOnly = { show: { mode: ['poll'] } };
const webhookOnly = { show: { mode: ['webhook'] } };

/** ATT&CK-style categories Defender puts on alerts; free text in Graph, so custom values are allowed. */
const ALERT_CATEGORIES = [
	'Collection',
	'CommandAndControl',
	'CredentialAccess',
	'DefenseEvasion',
	'Discovery',
	'Execution',
	'Exfiltration',
	'Exploit',
	'Impact',
	'InitialAccess',
	'LateralMovement',
	'Malware',
	'Persistence',
	'PrivilegeEscalation',
	'Ransomware',
	'SuspiciousActivity',
	'UnwantedSoftware',
];

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	description:
		'All filters given must match (AND); within one filter any selected value matches (OR)',
	options: [
		{
			displayName: 'Alert Status',
			name: 'alertStatus',
			type: 'multiOptions',
			default: [],
			options: enumOptions(ALERT_STATUSES),
			description: 'Alerts only. Incidents use Incident Status.',
		},
		{
			displayName: 'Category',
			name: 'category',
			type: 'multiOptions',
			default: [],
			options: ALERT_CATEGORIES.map((value) => ({ name: value, value })),
			description:
				'Alert category (checked in n8n, Graph cannot filter it). An incident matches when any of its alerts does.',
		},
		{
			displayName: 'Incident Status',
			name: 'incidentStatus',
			type: 'multiOptions',
			default: [],
			options: enumOptions(INCIDENT_STATUSES),
			description: 'Incidents only. Alerts use Alert Status.',
		},
		{
			displayName: 'Service Source',
			name: 'serviceSource',
			type: 'multiOptions',
			default: [],
			options: enumOptions(SERVICE_SOURCES),
			description:
				'Product that raised the alert. An incident matches when any of its alerts does.',
		},
		{
			displayName: 'Severity',
			name: 'severity',
			type: 'multiOptions',
			default: [],
			options: enumOptions(ALERT_SEVERITIES),
		},
	],
};

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: 'poll',
		options: [
			{
				name: 'Polling',
				value: 'poll',
				description: 'Pull alerts or incidents from Microsoft Graph on the schedule above',
			},
			{
				name: 'Webhook',
				value: 'webhook',
				description:
					'Receive alerts or incidents pushed by a forwarder (Logic App, Sentinel automation rule, Event Hub consumer)',
			},
		],
	},
	{
		displayName:
			'Poll Times applies to Polling mode only; in Webhook mode records arrive when the forwarder sends them',
		name: 'webhookNotice',
		type: 'notice',
		default: '',
		displayOptions: webhookOnly,
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'alerts',
		displayOptions: pollOnly,
		options: [
			{ name: 'Alert', value: 'alerts' },
			{ name: 'Incident', value: 'incidents' },
		],
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		default: 'created',
		options: [
			{
				name: 'Created',
				value: 'created',
				description: 'Each record once, when it first appears',
			},
			{
				name: 'Created or Updated',
				value: 'createdOrUpdated',
				description:
					'Each new version once: new records and every change (status, classification, assignment, new alerts…)',
			},
		],
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: 'defender',
		required: true,
		displayOptions: webhookOnly,
		description: 'Last part of the webhook URL the forwarder posts to',
	},
	filters,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: pollOnly,
		options: [
			{
				displayName: 'Fetch Incident Alerts',
				name: 'fetchIncidentAlerts',
				type: 'boolean',
				default: true,
				description:
					"Whether to fetch each incident's alerts in a second request (incidents only). An incident whose alerts fail to load is still emitted.",
			},
			{
				displayName: 'Look Back',
				name: 'lookBack',
				type: 'string',
				default: '0',
				placeholder: '30m, 24h, 7d',
				description:
					'Where the first poll starts: this long before activation. 0 starts at activation.',
			},
			{
				displayName: 'Max Items per Poll',
				name: 'maxItems',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 500,
				description: 'Most records one poll emits; the rest come on the next poll, oldest first',
			},
			{
				displayName: 'Maximum Look Back',
				name: 'maxLookBack',
				type: 'string',
				default: '30d',
				description:
					'After a long outage the trigger resumes from at most this long ago and reports the skipped span on the first item',
			},
			{
				displayName: 'Overlap',
				name: 'overlap',
				type: 'string',
				default: '2m',
				description:
					'Each poll re-reads this much before its cursor to catch late-indexed records; repeats are removed',
			},
			requestTimeoutOption(', and a poll that still fails keeps its place for the next poll'),
			{
				displayName: 'Test Event Count',
				name: 'testEventCount',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 1,
				description: 'How many of the newest matching records a manual "Fetch Test Event" returns',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'webhookOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: webhookOnly,
		options: [
			{
				displayName: 'Drop Repeated Deliveries',
				name: 'dedup',
				type: 'boolean',
				default: true,
				description:
					'Whether to ignore a record version already received, so a forwarder that retries does not start the playbook twice. Exact within one n8n process, also while deliveries overlap.',
			},
			{
				displayName: 'Max Records per Request',
				name: 'maxRecords',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description: 'Larger batches are refused with 413 so the forwarder can split them',
			},
		],
	},
];
