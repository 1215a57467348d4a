/**
 * Advanced hunting through Graph `POST /security/runHuntingQuery` (graph-api.md §6). The client
 * already waits out 429s per Retry-After; this file turns what is left (CPU quota, the 3-minute
 * limit, KQL errors) into plain messages, and can split a long range into slices so each stays
 * under the 100,000-row cap.
 */

import { z } from 'zod';

import { DefenderError, isDefenderError } from '../errors';
import type { DefenderApi } from '../mde/api';
import { systemClock, type Clock } from '../ports';
import { settle } from '../mde/settle';
import { parseResponse } from '../schemas/parse';
import { HUNTING_DEFAULT_SPAN_MS, parseTimespan, splitRange, type TimeSlice } from './timespan';

export const HUNTING_PATH = '/security/runHuntingQuery';
/** graph-api.md §6: results are capped at 100,000 rows. */
export const HUNTING_ROW_LIMIT = 100_000;

const columnSchema = z
	.object({
		name: z.string().nullish(),
		type: z.string().nullish(),
		// graph-api.md §6 [C]: one documented sample uses PascalCase.
		Name: z.string().nullish(),
		Type: z.string().nullish(),
	})
	.passthrough();

const huntingResultSchema = z
	.object({
		schema: z.array(columnSchema).nullish(),
		results: z.array(z.record(z.unknown())).nullish(),
	})
	.passthrough();

export interface HuntingColumn {
	name: string;
	type: string;
}

export type HuntingRow = Record<string, unknown>;

export interface HuntingResult {
	schema: HuntingColumn[];
	rows: HuntingRow[];
	rowCount: number;
	/** True when the API's 100,000-row cap was reached: rows may be missing. */
	hitRowLimit: boolean;
	warnings: string[];
}

export type HuntingFailure = 'cpuQuota' | 'rateLimit' | 'timeout' | 'query' | 'other';

/** What went wrong with a hunting call, from the status and the API's message. */
export function classifyHuntingError(error: DefenderError): HuntingFailure {
	const text = `${error.code ?? ''} ${error.apiMessage ?? ''}`;
	if (/cpu|preempt|resource(s)? (limit|quota)|quota.*(cycle|resources)/i.test(text))
		return 'cpuQuota';
	if (
		error.status === 504 ||
		/time(d)?[ -]?out|exceeded the allowed (execution )?time|took too long/i.test(text)
	) {
		return 'timeout';
	}
	if (error.kind === 'throttled') return 'rateLimit';
	if (error.status === 400) return 'query';
	return 'other';
}

function rewrap(
	error: DefenderError,
	message: string,
	hint: string,
	kind = error.kind,
): DefenderError {
	return new DefenderError(kind, message, {
		status: error.status,
		code: error.code,
		requestId: error.requestId,
		retryAfterMs: error.retryAfterMs,
		apiMessage: error.apiMessage,
		hint,
	});
}

/** The hunting-specific message for a failed call; other errors pass through unchanged. */
export function huntingError(error: unknown): unknown {
	if (!isDefenderError(error)) return error;
	switch (classifyHuntingError(error)) {
		case 'cpuQuota':
			return rewrap(
				error,
				'Advanced hunting is over the tenant CPU quota; Defender blocks further queries until the next 15-minute cycle.',
				'Wait 15 minutes, then run a lighter query: a shorter time range, fewer columns (project), summarize early, or split the range into slices.',
				'throttled',
			);
		case 'timeout':
			return rewrap(
				error,
				'The hunting query ran into the 3-minute limit and was stopped.',
				'Narrow the time range, filter early (where before join/summarize), or split the range into slices.',
			);
		case 'rateLimit':
			return rewrap(
				error,
				`Advanced hunting is throttled (at least 45 calls per minute per tenant) and retries did not get through.`,
				error.retryAfterMs !== undefined
					? `Retry after ${Math.ceil(error.retryAfterMs / 1000)} s, or run fewer hunting queries at once.`
					: 'Run fewer hunting queries at once, or retry in a minute.',
			);
		case 'query':
			return rewrap(
				error,
				'Advanced hunting rejected the query (400).',
				'Check the KQL: apiMessage has the reason Defender gave (unknown table or column, syntax).',
			);
		default:
			return error;
	}
}

function queryText(value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new DefenderError('validation', 'The hunting query is empty.', {
			hint: 'Write a KQL query, e.g. DeviceProcessEvents | where FileName =~ "powershell.exe" | take 100.',
		});
	}
	return value;
}

function toResult(body: unknown, what: string): HuntingResult {
	const parsed = parseResponse(huntingResultSchema, body, what);
	const rows = parsed.results ?? [];
	const schema = (parsed.schema ?? []).map((c) => ({
		name: c.name ?? c.Name ?? '',
		type: c.type ?? c.Type ?? '',
	}));
	const hitRowLimit = rows.length >= HUNTING_ROW_LIMIT;
	return {
		schema,
		rows,
		rowCount: rows.length,
		hitRowLimit,
		warnings: hitRowLimit
			? [
					`The query returned ${rows.length} rows, the API's cap: rows may be missing. Split the range into slices or narrow the query.`,
				]
			: [],
	};
}

export interface HuntingQueryInput {
	/** KQL. */
	query: string;
	/** ISO 8601 duration or interval (default: the API's 30 days), e.g. "P7D" or "start/end". */
	timespan?: string;
}

/** One hunting call: rows and column schema. */
export async function runHuntingQuery(
	api: DefenderApi,
	input: HuntingQueryInput,
	options: { clock?: Clock } = {},
): Promise<HuntingResult> {
	const query = queryText(input?.query);
	const body: Record<string, string> = { Query: query };
	if (input.timespan !== undefined && input.timespan.trim() !== '') {
		// Validate early so a typo is not sent as a 400 from the API.
		parseTimespan(input.timespan, (options.clock ?? systemClock).now());
		body.Timespan = input.timespan.trim();
	}
	const answer = await settle(
		api.request({
			api: 'graph',
			method: 'POST',
			path: HUNTING_PATH,
			body,
			headers: { 'Content-Type': 'application/json; charset=utf-8' },
		}),
	);
	if (!answer.ok) throw huntingError(answer.error);
	return toResult(answer.value, 'hunting query result');
}

export interface SlicedHuntingInput {
	query: string;
	/** The whole range to cover, e.g. "P30D" or "2025-01-01T00:00:00Z/2025-01-31T00:00:00Z". */
	timespan: string;
	/** Number of back-to-back slices, each its own call (1–100). */
	slices: number;
}

export interface SliceReport {
	index: number;
	timespan: string;
	from: string;
	to: string;
	rowCount: number;
	hitRowLimit: boolean;
}

export interface SlicedHuntingResult extends HuntingResult {
	slices: SliceReport[];
}

/**
 * Runs the query once per slice of the range and concatenates the rows in slice order. Each
 * slice's row count is reported; a slice at the 100,000-row cap gets a warning. A failing slice
 * throws, saying which one and how many finished.
 */
export async function runHuntingQuerySliced(
	api: DefenderApi,
	input: SlicedHuntingInput,
	options: { clock?: Clock } = {},
): Promise<SlicedHuntingResult> {
	const query = queryText(input?.query);
	const now = (options.clock ?? systemClock).now();
	const range = parseTimespan(input.timespan, now);
	const slices: TimeSlice[] = splitRange(range, input.slices);
	const warnings: string[] = [];
	if (range.from < now - HUNTING_DEFAULT_SPAN_MS) {
		warnings.push('Advanced hunting keeps 30 days of data: slices before that return nothing.');
	}

	const rows: HuntingRow[] = [];
	const reports: SliceReport[] = [];
	let schema: HuntingColumn[] = [];
	for (const [i, slice] of slices.entries()) {
		const ran = await settle(runHuntingQuery(api, { query, timespan: slice.timespan }, options));
		if (!ran.ok) {
			const error = ran.error;
			if (!isDefenderError(error)) throw error;
			throw new DefenderError(
				error.kind,
				`${error.message.replace(/\.$/, '')} (slice ${i + 1} of ${slices.length}, ${slice.timespan}; ${i} slice${i === 1 ? '' : 's'} had finished).`,
				{
					status: error.status,
					code: error.code,
					requestId: error.requestId,
					retryAfterMs: error.retryAfterMs,
					apiMessage: error.apiMessage,
					hint: error.hint,
				},
			);
		}
		const result = ran.value;
		if (schema.length === 0) schema = result.schema;
		else if (
			result.schema.length &&
			result.schema.map((c) => c.name).join() !== schema.map((c) => c.name).join()
		) {
			warnings.push(`Slice ${i + 1} returned different columns than the first slice.`);
		}
		if (result.hitRowLimit) {
			warnings.push(
				`Slice ${i + 1} (${slice.timespan}) returned ${result.rowCount} rows, the API's cap: rows may be missing. Use more slices.`,
			);
		}
		// A loop, not push(...rows): a slice can hold 100,000 rows, too many for call arguments.
		for (const row of result.rows) rows.push(row);
		reports.push({
			index: i + 1,
			timespan: slice.timespan,
			from: new Date(slice.from).toISOString(),
			to: new Date(slice.to).toISOString(),
			rowCount: result.rowCount,
			hitRowLimit: result.hitRowLimit,
		});
	}
	return {
		schema,
		rows,
		rowCount: rows.length,
		hitRowLimit: reports.some((r) => r.hitRowLimit),
		warnings,
		slices: reports,
	};
}
