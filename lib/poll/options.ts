/** Poll options with their defaults, checked once before any request is made. */

import { DefenderError } from '../errors';
import { DEFAULT_DEDUP_BOUND } from './seen';
import type { TimeField, TriggerEvent, TriggerFilters, TriggerResource } from './types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const DEFAULT_OVERLAP_MS = 2 * MINUTE;
export const DEFAULT_MAX_LOOK_BACK_MS = 30 * DAY;
export const DEFAULT_MAX_ITEMS = 500;

/** graph-api.md §3.1: alerts_v2 `$top` ≤ 1000; §3.2: incidents `$top` ≤ 50 (400 above). */
export const MAX_PAGE_SIZE: Record<TriggerResource, number> = { alerts: 1000, incidents: 50 };

export interface PollOptionsInput {
	resource: TriggerResource;
	event: TriggerEvent;
	filters?: TriggerFilters;
	/** How far back the first poll starts. Default 0: from activation on. */
	lookBackMs?: number;
	/** A cursor older than this is moved forward (and the move reported). Default 30 days. */
	maxLookBackMs?: number;
	/** Each poll re-reads this much before the cursor to catch late-indexed records. Default 2 min. */
	overlapMs?: number;
	/** Most items one poll emits; the rest come next poll, oldest first. Default 500. */
	maxItems?: number;
	/** How many emitted versions are remembered for de-dup and change detection. Default 2,000. */
	dedupBound?: number;
	/** `$top` per request. Default and maximum: 1000 for alerts, 50 for incidents. */
	pageSize?: number;
}

export interface PollOptions {
	resource: TriggerResource;
	event: TriggerEvent;
	field: TimeField;
	filters: TriggerFilters;
	lookBackMs: number;
	maxLookBackMs: number;
	overlapMs: number;
	maxItems: number;
	dedupBound: number;
	pageSize: number;
}

function invalid(message: string, hint: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

function checkNumber(
	name: string,
	value: number | undefined,
	fallback: number,
	minimum: number,
	hint: string,
): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
		throw invalid(`Trigger option "${name}" must be a number of at least ${minimum}.`, hint);
	}
	return value;
}

function checkFilterList(name: keyof TriggerFilters, list: unknown): string[] | undefined {
	if (list === undefined) return undefined;
	if (
		!Array.isArray(list) ||
		list.some((entry) => typeof entry !== 'string' || entry.trim() === '')
	) {
		throw invalid(
			`Trigger filter "${name}" must be a list of non-empty values.`,
			'Remove empty entries from the filter, or clear it to match every value.',
		);
	}
	const values = list.map((entry: string) => entry.trim());
	return values.length > 0 ? values : undefined;
}

/** Shared by polling and webhook mode. Empty lists mean "no filter". */
export function resolveFilters(filters: TriggerFilters | undefined): TriggerFilters {
	const resolved: TriggerFilters = {};
	for (const name of ['status', 'severity', 'category', 'serviceSource'] as const) {
		const values = checkFilterList(name, filters?.[name]);
		if (values) resolved[name] = values;
	}
	return resolved;
}

export function resolvePollOptions(input: PollOptionsInput): PollOptions {
	if (input.resource !== 'alerts' && input.resource !== 'incidents') {
		throw invalid(
			`Unknown trigger resource ${JSON.stringify(input.resource)}.`,
			'Choose "alerts" or "incidents".',
		);
	}
	if (input.event !== 'created' && input.event !== 'createdOrUpdated') {
		throw invalid(
			`Unknown trigger event ${JSON.stringify(input.event)}.`,
			'Choose "created" or "createdOrUpdated".',
		);
	}
	const maxPage = MAX_PAGE_SIZE[input.resource];
	const lookBackMs = checkNumber('lookBack', input.lookBackMs, 0, 0, 'Use 0 to start from now.');
	const maxLookBackMs = checkNumber(
		'maxLookBack',
		input.maxLookBackMs,
		DEFAULT_MAX_LOOK_BACK_MS,
		MINUTE,
		'Use a duration of at least one minute, e.g. 30 days.',
	);
	if (lookBackMs > maxLookBackMs) {
		throw invalid(
			'Trigger option "lookBack" is longer than "maxLookBack".',
			'Shorten the look-back, or raise the maximum look-back to at least the same duration.',
		);
	}
	const pageSize = checkNumber('pageSize', input.pageSize, maxPage, 1, `Use 1 to ${maxPage}.`);
	if (pageSize > maxPage || !Number.isInteger(pageSize)) {
		throw invalid(
			`Trigger option "pageSize" must be a whole number from 1 to ${maxPage} for ${input.resource}.`,
			`Graph rejects larger pages of ${input.resource}; use ${maxPage} or less.`,
		);
	}
	const maxItems = checkNumber('maxItems', input.maxItems, DEFAULT_MAX_ITEMS, 1, 'Use 1 or more.');
	const dedupBound = checkNumber(
		'dedupBound',
		input.dedupBound,
		DEFAULT_DEDUP_BOUND,
		1,
		'Use 1 or more; the default of 2,000 suits most tenants.',
	);
	return {
		resource: input.resource,
		event: input.event,
		field: input.event === 'created' ? 'createdDateTime' : 'lastUpdateDateTime',
		filters: resolveFilters(input.filters),
		lookBackMs,
		maxLookBackMs,
		overlapMs: checkNumber('overlap', input.overlapMs, DEFAULT_OVERLAP_MS, 0, 'Use 0 or more.'),
		maxItems: Math.floor(maxItems),
		dedupBound: Math.floor(dedupBound),
		pageSize,
	};
}
