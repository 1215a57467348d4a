import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { ALERT_SEVERITIES } from '../../../../lib/graph/enums';
import { enumOptions } from '../../../shared/enumOptions';
import { batchRequestsOption } from '../../descriptions/batchOption';
import { incidentIdField } from '../../descriptions/entityIds';
import { classificationField, determinationField } from '../../descriptions/verdict';
import { writeOnly, type ItemWork, type PlanItem } from '../bulk';
import { getCall, updateCall } from '../calls';
import { inputError, readIncidentId, readTags, readVerdict } from '../params';

const text = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
});

const properties: INodeProperties[] = [
	incidentIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		// graph-api.md §4.3: the fields the incident PATCH accepts.
		options: [
			text(
				'addTags',
				'Add Custom Tags',
				'Comma-separated tags to add to the ones the incident has',
			),
			{
				...text('assignedTo', 'Assigned To', 'Owner of the incident. Leave empty to unassign.'),
				placeholder: 'secops@contoso.com',
			},
			classificationField('classification'),
			text('description', 'Description', 'Rich text describing the incident'),
			determinationField('determination', {
				description:
					'Needs Classification in the same update, and must go with it (checked before any request)',
			}),
			text('displayName', 'Display Name', 'The incident name'),
			text('removeTags', 'Remove Custom Tags', 'Comma-separated tags to remove from the incident'),
			text(
				'replaceTags',
				'Replace Custom Tags',
				'Comma-separated tags that replace all custom tags. Leave empty to remove them all.',
			),
			text(
				'resolvingComment',
				'Resolving Comment',
				'Why the incident was resolved this way, stored on the incident',
			),
			{
				displayName: 'Severity',
				name: 'severity',
				type: 'options',
				options: enumOptions(ALERT_SEVERITIES),
				default: 'medium',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				// redirected and awaitingAction are set by the service only (graph-api.md §3.3).
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'In Progress', value: 'inProgress' },
					{ name: 'Resolved', value: 'resolved' },
				],
				default: 'active',
			},
			text('summary', 'Summary', 'Overview of the attack'),
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [batchRequestsOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['incident'], operation: ['update'] } },
	properties,
);

const PLAIN_FIELDS = [
	'status',
	'severity',
	'displayName',
	'description',
	'summary',
	'resolvingComment',
] as const;

function basePatch(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): IDataObject {
	const patch: IDataObject = {};
	for (const field of PLAIN_FIELDS) {
		if (fields[field] !== undefined) patch[field] = fields[field];
	}
	if (fields.assignedTo !== undefined) {
		const owner = String(fields.assignedTo).trim();
		patch.assignedTo = owner === '' ? null : owner;
	}
	const verdict = readVerdict(context, itemIndex, fields);
	if (verdict.classification) patch.classification = verdict.classification;
	if (verdict.determination) patch.determination = verdict.determination;
	return patch;
}

/** current ∪ add, minus remove, in the incident's order then the added ones. */
export function mergeTags(current: unknown, add: string[], remove: string[]): string[] {
	const removed = new Set(remove.map((tag) => tag.toLowerCase()));
	const merged = [...readTags(current), ...add].filter((tag) => !removed.has(tag.toLowerCase()));
	const seen = new Set<string>();
	return merged.filter((tag) => {
		const key = tag.toLowerCase();
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function sameTags(a: unknown, b: string[]): boolean {
	const current = readTags(a);
	return current.length === b.length && current.every((tag, i) => tag === b[i]);
}

/**
 * customTags is replaced as a whole by PATCH (graph-api.md §4.3), so Add/Remove read the incident
 * first and send the full list; Replace sends the list as given.
 */
export const plan: PlanItem = function (itemIndex): ItemWork {
	const id = readIncidentId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const patch = basePatch(this, itemIndex, fields);
	const add = fields.addTags !== undefined ? readTags(fields.addTags) : undefined;
	const remove = fields.removeTags !== undefined ? readTags(fields.removeTags) : undefined;
	const merging = add !== undefined || remove !== undefined;

	if (fields.replaceTags !== undefined) {
		if (merging) {
			throw inputError(
				this,
				itemIndex,
				'Replace Custom Tags cannot be combined with Add or Remove Custom Tags.',
				'Use Replace to set the whole list, or Add/Remove to change it.',
			);
		}
		patch.customTags = readTags(fields.replaceTags);
	}
	if (!merging) {
		if (Object.keys(patch).length === 0) {
			throw inputError(
				this,
				itemIndex,
				'Nothing to update.',
				'Add at least one field under Update Fields.',
			);
		}
		return writeOnly(
			[[updateCall('incident', id, patch)]],
			([[incident]]) => incident as IDataObject,
		);
	}

	// Check the other fields now, so a mistake fails before the read.
	if (Object.keys(patch).length > 0) updateCall('incident', id, patch);
	return {
		reads: [getCall('incident', id)],
		decide: ([current]) => {
			const incident = current as IDataObject;
			const tags = mergeTags(incident.customTags, add ?? [], remove ?? []);
			const full = sameTags(incident.customTags, tags) ? patch : { ...patch, customTags: tags };
			// Nothing changes: no PATCH, the incident as read is the result.
			if (Object.keys(full).length === 0) return { chains: [], finish: () => incident };
			return {
				chains: [[updateCall('incident', id, full)]],
				finish: ([[updated]]) => updated as IDataObject,
			};
		},
	};
};
