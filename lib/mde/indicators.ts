/**
 * Custom indicators through the Defender for Endpoint API (graph-api.md §8.3; Graph tiIndicators
 * is deprecated): submit (upsert by type and value), list all pages, delete, import and
 * BatchDelete in chunks of 500.
 */

import { idSegment } from '../client/validate';
import { DefenderError, isDefenderError } from '../errors';
import { INDICATOR_ACTIONS, INDICATOR_SEVERITIES } from '../graph/enums';
import { andFilters, filterFor, type FilterExpression } from '../odata/filter';
import { requireEnumValue, toIsoDateTime } from '../odata/values';
import { parseResponse } from '../schemas/parse';
import { listMde, type DefenderApi, type MdeListEndpoint } from './api';
import {
	actionMismatch,
	indicatorKey,
	indicatorTypeFor,
	normalizeIndicatorValue,
	type IndicatorType,
} from './indicatorValues';
import {
	importResponseSchema,
	indicatorSchema,
	type Indicator,
	type IndicatorImportResult,
} from './schemas';
import { settle, settleSync } from './settle';

export const INDICATORS_PATH = '/indicators';
/** graph-api.md §8.3: import and BatchDelete take at most 500 per request. */
export const INDICATOR_BATCH_SIZE = 500;
/** graph-api.md §8.3: `$top` ≤ 10,000. */
export const INDICATORS_MAX_PAGE = 10_000;
/** graph-api.md §8.3: active indicators per tenant. */
export const INDICATOR_CAP = 15_000;
/** Actions still accepted for new indicators; Alert and AlertAndBlock ended in January 2022. */
export const CURRENT_INDICATOR_ACTIONS = [
	'Allowed',
	'Audit',
	'Warn',
	'Block',
	'BlockAndRemediate',
] as const;
export type IndicatorAction = (typeof CURRENT_INDICATOR_ACTIONS)[number];

export interface IndicatorInput {
	value: string;
	/** Defender type or a common alias (ipv4, domain, sha256, ...); inferred from the value if absent. */
	type?: string;
	action: string;
	title: string;
	description: string;
	/** ISO 8601 time after which Defender drops the indicator; null or absent for none. */
	expirationTime?: string | Date | null;
	severity?: string;
	recommendedActions?: string;
	/** Required true for Audit (set automatically when absent). */
	generateAlert?: boolean;
	rbacGroupNames?: readonly string[];
	application?: string;
	educateUrl?: string;
}

/** The request body of one indicator, exactly as the API names its fields. */
export type IndicatorBody = {
	indicatorValue: string;
	indicatorType: IndicatorType;
	action: IndicatorAction;
	title: string;
	description: string;
	expirationTime?: string;
	severity?: string;
	recommendedActions?: string;
	generateAlert?: boolean;
	rbacGroupNames?: string[];
	application?: string;
	educateUrl?: string;
};

function invalid(message: string, hint?: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

function requiredText(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalid(
			`The indicator ${field} is required.`,
			`Give a short ${field}; Defender shows it.`,
		);
	}
	return value.trim();
}

export function indicatorAction(value: unknown): IndicatorAction {
	const action = requireEnumValue(value, INDICATOR_ACTIONS, 'The indicator action');
	if (!(CURRENT_INDICATOR_ACTIONS as readonly string[]).includes(action)) {
		throw invalid(
			`The indicator action '${action}' is retired.`,
			"Use 'Audit' (it raises alerts) instead of Alert, and 'BlockAndRemediate' instead of AlertAndBlock.",
		);
	}
	return action as IndicatorAction;
}

/** Validates one indicator and returns its request body; throws a validation error saying what to fix. */
export function indicatorBody(input: IndicatorInput): IndicatorBody {
	if (!input || typeof input !== 'object') throw invalid('The indicator must be an object.');
	const normalized = normalizeIndicatorValue(input.type, input.value);
	if (!normalized.ok) throw invalid(normalized.reason);
	const action = indicatorAction(input.action);
	const mismatch = actionMismatch(normalized.type, action);
	if (mismatch) throw invalid(mismatch);
	if (action === 'Audit' && input.generateAlert === false) {
		// graph-api.md §8.3: generateAlert must be true for Audit.
		throw invalid(
			"Audit indicators must generate alerts: generateAlert cannot be false with action 'Audit'.",
			'Leave generateAlert empty or true, or pick another action.',
		);
	}
	const body: IndicatorBody = {
		indicatorValue: normalized.value,
		indicatorType: normalized.type,
		action,
		title: requiredText(input.title, 'title'),
		description: requiredText(input.description, 'description'),
	};
	if (
		input.expirationTime !== undefined &&
		input.expirationTime !== null &&
		input.expirationTime !== ''
	) {
		body.expirationTime = toIsoDateTime(input.expirationTime, 'The indicator expiration time');
	}
	if (input.severity !== undefined && input.severity !== '') {
		body.severity = requireEnumValue(
			input.severity,
			INDICATOR_SEVERITIES,
			'The indicator severity',
		);
	}
	if (action === 'Audit') body.generateAlert = true;
	else if (input.generateAlert !== undefined) body.generateAlert = input.generateAlert === true;
	if (input.recommendedActions?.trim()) body.recommendedActions = input.recommendedActions.trim();
	if (input.rbacGroupNames?.length) body.rbacGroupNames = [...input.rbacGroupNames];
	if (input.application?.trim()) body.application = input.application.trim();
	if (input.educateUrl?.trim()) body.educateUrl = input.educateUrl.trim();
	return body;
}

/** Creates the indicator, or updates the one with the same type and value. */
export async function submitIndicator(api: DefenderApi, input: IndicatorInput): Promise<Indicator> {
	const answer = await api.request({
		api: 'mde',
		method: 'POST',
		path: INDICATORS_PATH,
		body: indicatorBody(input),
	});
	return parseResponse(indicatorSchema, answer, 'indicator');
}

export interface IndicatorFilters {
	types?: readonly string[];
	actions?: readonly string[];
	value?: string;
	title?: string;
	application?: string;
	createdBy?: string;
}

export function indicatorFilter(filters: IndicatorFilters = {}): string | undefined {
	const f = filterFor('indicators');
	const terms: Array<FilterExpression | undefined> = [];
	if (filters.types?.length) {
		// Aliases (sha256, ipv4, ...) become Defender names; the builder rejects anything else.
		terms.push(
			f.inList(
				'indicatorType',
				filters.types.map((t) => indicatorTypeFor(t) ?? t),
			),
		);
	}
	if (filters.actions?.length) terms.push(f.inList('action', [...filters.actions]));
	if (filters.value?.trim()) terms.push(f.eq('indicatorValue', filters.value.trim()));
	if (filters.title?.trim()) terms.push(f.eq('title', filters.title.trim()));
	if (filters.application?.trim()) terms.push(f.eq('application', filters.application.trim()));
	if (filters.createdBy?.trim()) terms.push(f.eq('createdBy', filters.createdBy.trim()));
	return terms.some(Boolean) ? f.and(...terms).text : undefined;
}

export const INDICATORS_ENDPOINT: MdeListEndpoint<typeof indicatorSchema> = {
	path: INDICATORS_PATH,
	item: indicatorSchema,
	maxPageSize: INDICATORS_MAX_PAGE,
	what: 'indicators page',
	key: (i) => i.id,
};

export interface ListIndicatorsOptions {
	filters?: IndicatorFilters;
	/** Extra raw OData `$filter`, ANDed. */
	filter?: string;
	pageSize?: number;
	limit?: number;
}

/** Active indicators, all pages. Without Ti.ReadWrite.All an app sees only its own (§1.4). */
export async function listIndicators(
	api: DefenderApi,
	options: ListIndicatorsOptions = {},
): Promise<Indicator[]> {
	const built = indicatorFilter(options.filters);
	const raw = options.filter?.trim();
	const filter = built && raw ? andFilters(raw, `(${built})`) : (built ?? raw);
	const result = await listMde(api, INDICATORS_ENDPOINT, {
		filter: filter || undefined,
		pageSize: options.pageSize,
		limit: options.limit,
	});
	return result.items;
}

export async function deleteIndicator(api: DefenderApi, id: string | number): Promise<void> {
	await api.request({
		api: 'mde',
		method: 'DELETE',
		path: `${INDICATORS_PATH}/${idSegment(id, 'indicator')}`,
	});
}

export function chunk<T>(items: readonly T[], size = INDICATOR_BATCH_SIZE): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

export interface ImportOutcome {
	/** One result per body, in input order. */
	results: Array<IndicatorImportResult & { type: string; value: string }>;
	requests: number;
	failed: number;
}

/**
 * Sends validated bodies to `POST /api/indicators/import` in chunks of 500 (each an upsert).
 * A request that fails stops the import: the error says how many chunks went through.
 */
export async function importIndicatorBodies(
	api: DefenderApi,
	bodies: readonly IndicatorBody[],
): Promise<ImportOutcome> {
	const results: ImportOutcome['results'] = [];
	let requests = 0;
	const chunks = chunk(bodies);
	for (const part of chunks) {
		const answer = await settle(
			api.request({
				api: 'mde',
				method: 'POST',
				path: `${INDICATORS_PATH}/import`,
				body: { Indicators: part },
			}),
		);
		if (!answer.ok) {
			throw partialFailure(answer.error, 'import', requests, chunks.length, results.length);
		}
		requests += 1;
		const parsed = parseResponse(importResponseSchema, answer.value, 'indicator import result');
		results.push(...alignImportResults(part, parsed.value));
	}
	return { results, requests, failed: results.filter((r) => r.isFailed).length };
}

/** Pairs each sent body with its result: by position when counts match, else by value. */
function alignImportResults(
	sent: readonly IndicatorBody[],
	answers: readonly IndicatorImportResult[],
): ImportOutcome['results'] {
	const byValue = new Map(
		answers.map(
			(a) =>
				[
					String(a.indicator ?? '')
						.trim()
						.toLowerCase(),
					a,
				] as const,
		),
	);
	return sent.map((body, i) => {
		const answer =
			answers.length === sent.length
				? answers[i]
				: byValue.get(body.indicatorValue.trim().toLowerCase());
		return {
			...(answer ?? {
				id: null,
				indicator: body.indicatorValue,
				isFailed: true,
				failureReason: 'The import answer did not mention this indicator.',
			}),
			type: body.indicatorType,
			value: body.indicatorValue,
		};
	});
}

function partialFailure(
	error: unknown,
	what: 'import' | 'delete',
	done: number,
	total: number,
	items: number,
): unknown {
	if (!isDefenderError(error) || done === 0) return error;
	return new DefenderError(
		error.kind,
		`${error.message.replace(/\.$/, '')} (indicator ${what}: ${done} of ${total} requests had gone through, ${items} indicators).`,
		{
			status: error.status,
			code: error.code,
			requestId: error.requestId,
			hint: error.hint,
			retryAfterMs: error.retryAfterMs,
			apiMessage: error.apiMessage,
		},
	);
}

/** Validates every indicator first (nothing is sent if one is invalid), then imports in chunks of 500. */
export async function importIndicators(
	api: DefenderApi,
	inputs: readonly IndicatorInput[],
): Promise<ImportOutcome> {
	if (!Array.isArray(inputs) || inputs.length === 0) {
		throw invalid('There are no indicators to import.');
	}
	const bodies: IndicatorBody[] = [];
	const seen = new Map<string, number>();
	inputs.forEach((input, index) => {
		const built = settleSync(() => indicatorBody(input));
		if (!built.ok) {
			const error = built.error;
			if (!isDefenderError(error)) throw error;
			throw new DefenderError('validation', `Indicator #${index + 1}: ${error.message}`, {
				hint: `${error.hint ? `${error.hint} ` : ''}Nothing was imported.`,
			});
		}
		const body = built.value;
		const key = indicatorKey(body.indicatorType, body.indicatorValue);
		const first = seen.get(key);
		if (first !== undefined) {
			throw invalid(
				`Indicator #${index + 1} repeats indicator #${first + 1} (${body.indicatorType} ${body.indicatorValue.slice(0, 80)}).`,
				'Remove the duplicate; Defender keeps one indicator per type and value. Nothing was imported.',
			);
		}
		seen.set(key, index);
		bodies.push(body);
	});
	return await importIndicatorBodies(api, bodies);
}

export interface BatchDeleteOutcome {
	deleted: string[];
	/** IDs Defender no longer had (expired or deleted meanwhile). */
	alreadyGone: string[];
	requests: number;
}

/**
 * `POST /api/indicators/BatchDelete` in chunks of 500. The API answers 404 for a whole chunk when
 * one ID is missing (§8.3); that chunk is then deleted one by one so the others still go.
 */
export async function batchDeleteIndicators(
	api: DefenderApi,
	ids: ReadonlyArray<string | number>,
): Promise<BatchDeleteOutcome> {
	const clean = ids.map((id) => String(id).trim());
	const blank = clean.findIndex((id) => id === '');
	if (blank !== -1) throw invalid(`Indicator ID #${blank + 1} is empty.`);
	const unique = [...new Set(clean)];
	const outcome: BatchDeleteOutcome = { deleted: [], alreadyGone: [], requests: 0 };
	const chunks = chunk(unique);
	for (const [index, part] of chunks.entries()) {
		const sent = await settle(
			api.request({
				api: 'mde',
				method: 'POST',
				path: `${INDICATORS_PATH}/BatchDelete`,
				body: { IndicatorIds: part },
			}),
		);
		outcome.requests += 1;
		if (sent.ok) {
			outcome.deleted.push(...part);
			continue;
		}
		if (!isDefenderError(sent.error) || sent.error.kind !== 'notFound') {
			throw partialFailure(sent.error, 'delete', index, chunks.length, outcome.deleted.length);
		}
		for (const id of part) {
			const single = await settle(deleteIndicator(api, id));
			outcome.requests += 1;
			if (single.ok) outcome.deleted.push(id);
			else if (isDefenderError(single.error) && single.error.kind === 'notFound') {
				outcome.alreadyGone.push(id);
			} else throw single.error;
		}
	}
	return outcome;
}
