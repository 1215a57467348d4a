import type { INodeProperties } from 'n8n-workflow';

import { INDICATOR_SEVERITIES, INDICATOR_TYPES } from '../../../lib/graph/enums';
import { CURRENT_INDICATOR_ACTIONS } from '../../../lib/mde';

const TYPE_NAMES: Record<string, string> = {
	FileSha1: 'File SHA-1',
	FileSha256: 'File SHA-256',
	FileMd5: 'File MD5',
	CertificateThumbprint: 'Certificate Thumbprint',
	IpAddress: 'IP Address',
	DomainName: 'Domain Name',
	Url: 'URL',
};

const ACTION_NAMES: Record<string, string> = {
	Allowed: 'Allow',
	Audit: 'Audit (Alert Only)',
	Warn: 'Warn',
	Block: 'Block',
	BlockAndRemediate: 'Block and Remediate',
};

export const indicatorTypeOptions = INDICATOR_TYPES.map((value) => ({
	name: TYPE_NAMES[value] ?? value,
	value,
})).sort((a, b) => a.name.localeCompare(b.name));

export const indicatorActionOptions = CURRENT_INDICATOR_ACTIONS.map((value) => ({
	name: ACTION_NAMES[value] ?? value,
	value,
}));

export const indicatorSeverityOptions = INDICATOR_SEVERITIES.map((value) => ({
	name: value,
	value,
}));

export const indicatorActionField: INodeProperties = {
	displayName: 'Action',
	name: 'action',
	type: 'options',
	options: indicatorActionOptions,
	default: 'Audit',
	description:
		'What Defender does when it sees the indicator. Audit always raises an alert; Block and Remediate applies to files and certificates.',
};

/** The fields of one indicator, for Create and Import. */
export const indicatorFields: INodeProperties[] = [
	{
		displayName: 'Value',
		name: 'indicatorValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'evil.example.com',
		description:
			'The IP address, domain, URL, file hash or certificate thumbprint. Defanged values (hxxp, [.]) are accepted.',
	},
	{
		displayName: 'Type',
		name: 'indicatorType',
		type: 'options',
		options: [{ name: 'Detect From Value', value: '' }, ...indicatorTypeOptions],
		default: '',
		description: 'Detect From Value tells hashes by length, IPs, URLs and domains apart',
	},
	indicatorActionField,
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		description: 'Shown in Defender and in the alerts the indicator raises',
	},
	{
		displayName: 'Description',
		name: 'indicatorDescription',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Application',
				name: 'application',
				type: 'string',
				default: '',
				description: 'The application associated with the indicator (set on create only)',
			},
			{
				displayName: 'Device Group Names',
				name: 'rbacGroupNames',
				type: 'string',
				default: '',
				description: 'Comma-separated device groups the indicator applies to; empty: all devices',
			},
			{
				displayName: 'Educate URL',
				name: 'educateUrl',
				type: 'string',
				default: '',
				description: 'A page shown to users on Block or Warn of a URL indicator',
			},
			{
				displayName: 'Expiration Time',
				name: 'expirationTime',
				type: 'dateTime',
				default: '',
				description: 'When Defender drops the indicator; empty: never',
			},
			{
				displayName: 'Generate Alert',
				name: 'generateAlert',
				type: 'boolean',
				default: false,
				description: 'Whether a match raises an alert (always on for Audit)',
			},
			{
				displayName: 'Recommended Actions',
				name: 'recommendedActions',
				type: 'string',
				default: '',
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
