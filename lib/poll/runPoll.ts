/**
 * One poll: read the window from the source page by page, emit up to `maxItems` new versions
 * oldest first, and return the state to store. Pure with respect to its inputs: the given state is
 * never modified, and when the source fails the error propagates, so the caller simply keeps the
 * state it had (no partial advance; the next poll re-reads the same window).
 */

import { DefenderError, isDefenderError } from '../errors';
import { silentLogger, type Logger } from '../ports';
import {
	classifyEvent,
	computeWindow,
	isRedirectedIncident,
	PollSelection,
	readVersion,
	sortPage,
} from './cursor';
import { matchesFilters, matchesOwnFields, needsIncidentAlerts, serverFilters } from './filters';
import { resolvePollOptions, type PollOptions, type PollOptionsInput } from './options';
import { dedupKey } from './seen';
import type { PollState } from './state';
import type {
	DefenderMeta,
	EmitItem,
	IncidentEnricher,
	ListQuery,
	PageSource,
	TriggerResource,
} from './types';

export interface PollStats {
	/** Requests made through the source (one per page). */
	pages: number;
	read: number;
	emitted: number;
	duplicates: number;
	filtered: number;
	invalid: number;
	outsideWindow: number;
	enrichFailures: number;
	/** The item cap stopped this poll; the rest comes next poll. */
	capped: boolean;
	firstRun: boolean;
	clamped: boolean;
	evicted: number;
	/** Lower bound of the window read (ISO). */
	since: string;
}

export interface RunPollInput {
	state: PollState;
	options: PollOptionsInput;
	/** Milliseconds since the epoch (an injected clock in tests). */
	now: number;
	source: PageSource;
	/** Fetches an incident's alerts; without it incidents are emitted as listed. */
	enrich?: IncidentEnricher;
	logger?: Logger;
}

export interface RunPollResult {
	items: EmitItem[];
	nextState: PollState;
	stats: PollStats;
}

const ALERTS_FAILED =
	"The incident's alerts could not be fetched; they will not be retried for this version.";

/** A safe, static description of an enrichment failure (lib errors carry static messages). */
function describeEnrichFailure(error: unknown): string {
	return isDefenderError(error) ? `${error.message} ${ALERTS_FAILED}` : ALERTS_FAILED;
}

function checkPage(page: unknown): readonly unknown[] {
	if (!Array.isArray(page)) {
		throw new DefenderError('schema', 'The list response did not contain a list of records.', {
			hint: 'Check that the API returned a `value` array; retry the poll later.',
		});
	}
	return page;
}

async function fetchAlerts(
	enrich: IncidentEnricher,
	incident: Record<string, unknown>,
): Promise<unknown[]> {
	const alerts = await enrich(incident);
	if (!Array.isArray(alerts)) {
		throw new DefenderError('schema', 'The incident alerts response was not a list.');
	}
	return alerts;
}

export async function runPoll(input: RunPollInput): Promise<RunPollResult> {
	const logger = input.logger ?? silentLogger;
	const options = resolvePollOptions(input.options);
	const window = computeWindow(input.state, options, input.now);
	if (window.fieldChanged) {
		logger.warn(
			`The trigger event changed; the stored cursor was kept and now applies to ${window.field}.`,
		);
	}
	const selection = new PollSelection(input.state, options, window);
	const query: ListQuery = {
		resource: options.resource,
		since: { field: window.field, value: window.since },
		filters: serverFilters(options.resource, options.filters),
		orderBy: { field: window.field, direction: 'asc' },
		top: options.pageSize,
	};
	let pages = 0;
	let enrichFailures = 0;

	pages: for await (const page of input.source(query)) {
		pages += 1;
		for (const raw of sortPage(checkPage(page), window.field)) {
			const step = selection.consider(raw);
			if (step.action === 'stop') break pages;
			if (step.action === 'invalid') {
				logger.warn(`Skipped an ${resourceLabel(options.resource)} record: ${step.problem}.`);
				continue;
			}
			if (step.action === 'skip') continue;
			let record = step.record;
			let alertsError: string | undefined;
			if (input.enrich && selection.wantsAlerts(record)) {
				try {
					record = { ...record, alerts: await fetchAlerts(input.enrich, record) };
				} catch (error) {
					enrichFailures += 1;
					alertsError = describeEnrichFailure(error);
					logger.warn(`Emitting incident ${step.version.id} without its alerts: ${alertsError}`);
				}
			}
			selection.decide(step.version, record, alertsError === undefined ? {} : { alertsError });
		}
		if (selection.full) {
			selection.stats.capped = true;
			break;
		}
	}

	const { items, nextState, evictedInsideWindow } = selection.finish();
	if (evictedInsideWindow) {
		logger.warn(
			`More than ${options.dedupBound} records were emitted within the ${Math.round(
				options.overlapMs / 1000,
			)} s overlap window; the overlap was shortened so none repeats. Raise the de-dup bound to keep the full overlap.`,
		);
	}
	return {
		items,
		nextState,
		stats: {
			...selection.stats,
			pages,
			enrichFailures,
			firstRun: window.firstRun,
			clamped: window.clamp !== undefined,
			since: window.since,
		},
	};
}

export interface LatestItemsInput {
	options: PollOptionsInput;
	/** How many of the newest matching records to return. Default 1. */
	limit?: number;
	source: PageSource;
	enrich?: IncidentEnricher;
	logger?: Logger;
	/** Most pages read when client-side filters discard records. Default 5. */
	maxPages?: number;
}

export interface LatestItemsStats {
	pages: number;
	read: number;
	filtered: number;
	invalid: number;
	enrichFailures: number;
}

function latestPageSize(options: PollOptions, limit: number): number {
	const clientOnlyFilters =
		options.filters.category !== undefined ||
		(options.resource === 'incidents' && needsIncidentAlerts(options.filters));
	return Math.min(options.pageSize, clientOnlyFilters ? Math.max(limit, 50) : limit);
}

function resourceLabel(resource: TriggerResource): DefenderMeta['resource'] {
	return resource === 'alerts' ? 'alert' : 'incident';
}

/**
 * Manual run ("Fetch test event"): the newest `limit` matching records, newest first, labelled
 * `origin: 'manual'`. Takes no state and returns none, so the cursor cannot move.
 */
export async function latestItems(
	input: LatestItemsInput,
): Promise<{ items: EmitItem[]; stats: LatestItemsStats }> {
	const logger = input.logger ?? silentLogger;
	const options = resolvePollOptions(input.options);
	const limit = input.limit ?? 1;
	if (!Number.isInteger(limit) || limit < 1) {
		throw new DefenderError(
			'validation',
			'The number of test items must be a whole number of 1 or more.',
			{
				hint: 'Use 1 to fetch the newest matching record.',
			},
		);
	}
	const maxPages = input.maxPages ?? 5;
	const query: ListQuery = {
		resource: options.resource,
		filters: serverFilters(options.resource, options.filters),
		orderBy: { field: options.field, direction: 'desc' },
		top: latestPageSize(options, limit),
	};
	const stats: LatestItemsStats = { pages: 0, read: 0, filtered: 0, invalid: 0, enrichFailures: 0 };
	const items: EmitItem[] = [];
	const keys = new Set<string>();

	pages: for await (const page of input.source(query)) {
		stats.pages += 1;
		for (const raw of checkPage(page)) {
			stats.read += 1;
			const read = readVersion(raw, options.field);
			if ('problem' in read) {
				stats.invalid += 1;
				logger.warn(`Skipped an ${resourceLabel(options.resource)} record: ${read.problem}.`);
				continue;
			}
			const { version } = read;
			const key = dedupKey(options.event, version.id, version.timestamp);
			if (keys.has(key)) continue;
			let record = read.record;
			const meta: Partial<DefenderMeta> = {};
			if (
				options.resource === 'incidents' &&
				input.enrich &&
				!Array.isArray(record.alerts) &&
				!isRedirectedIncident(record) &&
				matchesOwnFields(record, options.resource, options.filters)
			) {
				try {
					record = { ...record, alerts: await fetchAlerts(input.enrich, record) };
				} catch (error) {
					stats.enrichFailures += 1;
					meta.alertsError = describeEnrichFailure(error);
				}
			}
			if (!matchesFilters(record, options.resource, options.filters)) {
				stats.filtered += 1;
				continue;
			}
			keys.add(key);
			const event = classifyEvent({
				record,
				resource: options.resource,
				event: options.event,
				knownBefore: false,
			});
			const full: DefenderMeta = {
				origin: 'manual',
				resource: resourceLabel(options.resource),
				event,
				key,
				cursor: version.timestamp,
				...meta,
			};
			if (event === 'merged') full.mergedInto = record.redirectIncidentId as string;
			items.push({ ...record, _defender: full } as EmitItem);
			if (items.length >= limit) break pages;
		}
		if (stats.pages >= maxPages) break;
	}
	return { items, stats };
}
