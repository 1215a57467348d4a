/** Reading and checking parameters the operations share. Problems fail the item before any call. */

import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { checkVerdict, type Verdict } from '../../../lib/disposition';
import { DefenderError } from '../../../lib/errors';
import { toNodeError } from '../../shared/errors';

export function inputError(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** A required text parameter, trimmed; empty is an error naming the field. */
export function requiredText(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	hint: string,
): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw inputError(context, itemIndex, `${label} is empty.`, hint);
	}
	return text;
}

export function readAlertId(context: IExecuteFunctions, itemIndex: number): string {
	return requiredText(
		context,
		itemIndex,
		'alertId',
		'Alert ID',
		'Set Alert ID, e.g. with an expression such as {{ $json.id }}.',
	);
}

// graph-api.md §3.3: incident ids are numeric strings.
export function readIncidentId(context: IExecuteFunctions, itemIndex: number): string {
	const id = requiredText(
		context,
		itemIndex,
		'incidentId',
		'Incident ID',
		'Set Incident ID, e.g. with an expression such as {{ $json.incidentId }}.',
	);
	if (!/^\d+$/.test(id)) {
		throw inputError(
			context,
			itemIndex,
			`Incident ID '${id.slice(0, 60)}' is not a Defender incident ID.`,
			'Defender incident IDs are numbers, e.g. 2972395.',
		);
	}
	return id;
}

/** Classification/determination checked as a pair; lib's message lists the valid determinations. */
export function readVerdict(
	context: IExecuteFunctions,
	itemIndex: number,
	input: { classification?: unknown; determination?: unknown },
): Verdict {
	try {
		return checkVerdict(input);
	} catch (error) {
		throw toNodeError(context.getNode(), error, itemIndex);
	}
}

/** Tags from a comma-separated string or a list (from an expression); trimmed, no duplicates. */
export function readTags(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	const tags = list
		.map((tag) => (typeof tag === 'string' || typeof tag === 'number' ? String(tag).trim() : ''))
		.filter((tag) => tag !== '');
	return [...new Set(tags)];
}

/** Filter names as the UI shows them, for messages. */
const FILTER_LABELS: Readonly<Record<string, string>> = {
	actions: 'Action',
	assignedTo: 'Assigned To',
	createdAfter: 'Created After',
	createdBy: 'Created By',
	cveId: 'CVE ID',
	exposure: 'Exposure Level',
	health: 'Health Status',
	ip: 'IP Address',
	lastSeenAfter: 'Last Seen After',
	os: 'OS Platform',
	risk: 'Risk Score',
	serviceSource: 'Service Source',
	types: 'Type',
	updatedAfter: 'Updated After',
};

function filterLabel(name: string): string {
	return FILTER_LABELS[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
}

function notSet(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/**
 * A text filter, trimmed (a number is taken as its text); empty means not set. A value of another
 * type (e.g. an object from an expression) is refused: ignoring it would widen the result.
 */
export function filterText(filters: IDataObject, name: string): string | undefined {
	const value = filters[name];
	if (notSet(value)) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') {
		throw new DefenderError('validation', `The ${filterLabel(name)} filter must be text.`, {
			hint: 'Type the value, or give an expression that returns text.',
		});
	}
	return value.trim() || undefined;
}

/**
 * A filter with several values: the list the UI gives, or comma-separated text from an expression.
 * Anything else is refused rather than ignored. The values are checked where the query is built.
 */
export function filterValues(filters: IDataObject, name: string): string[] | undefined {
	const value = filters[name];
	if (notSet(value)) return undefined;
	const list = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: [value];
	const values = list.map((entry: unknown) => {
		if (typeof entry === 'string') return entry.trim();
		if (typeof entry === 'number' && Number.isFinite(entry)) return String(entry);
		throw new DefenderError(
			'validation',
			`The ${filterLabel(name)} filter must be a list of values.`,
			{
				hint: 'Pick the values in the list, or give an expression that returns a list or comma-separated text.',
			},
		);
	});
	const present = [...new Set(values.filter((entry) => entry !== ''))];
	return present.length > 0 ? present : undefined;
}

export function readOptions(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return context.getNodeParameter('options', itemIndex, {}) as IDataObject;
}

/** Resolve: a classification is required, the determination optional (checked against it). */
export function readResolveVerdict(context: IExecuteFunctions, itemIndex: number): Verdict {
	const verdict = readVerdict(context, itemIndex, {
		classification: context.getNodeParameter('classification', itemIndex, ''),
		determination: context.getNodeParameter('determination', itemIndex, ''),
	});
	if (!verdict.classification) {
		throw inputError(
			context,
			itemIndex,
			'Classification is empty.',
			'Resolving needs a classification: True Positive, False Positive, Informational Expected Activity or Unknown.',
		);
	}
	return verdict;
}

// graph-api.md §8.1: device (machine) ids are 40-hex strings; lib encodes whatever is given.
export function readDeviceId(context: IExecuteFunctions, itemIndex: number): string {
	return requiredText(
		context,
		itemIndex,
		'deviceId',
		'Device ID',
		'Set Device ID, e.g. with an expression such as {{ $json.mdeDeviceId }}.',
	);
}

/** A list parameter (comma-separated text or a list from an expression); empty is an error. */
export function requiredList(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	hint: string,
): string[] {
	const values = readTags(context.getNodeParameter(name, itemIndex, ''));
	if (values.length === 0) throw inputError(context, itemIndex, `${label} is empty.`, hint);
	return values;
}
