/**
 * ISO 8601 timespans as runHuntingQuery takes them (graph-api.md §6): "P30D" (ending now),
 * "start/end", "P7D/end", "start/P7D", or one date-time (the 30 days before it); and splitting a
 * range into back-to-back slices.
 */

import { DefenderError } from '../errors';
import { normalizeIsoDateTime } from '../odata/values';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** graph-api.md §6: default window and data retention. */
export const HUNTING_DEFAULT_SPAN_MS = 30 * DAY;

const DURATION =
	/^P(?:(\d+(?:\.\d+)?)W|(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?)$/i;

export interface TimeRange {
	from: number;
	to: number;
}

function invalid(message: string): DefenderError {
	return new DefenderError('validation', message, {
		hint: "Use an ISO 8601 duration or interval, e.g. 'P7D', 'PT12H', '2025-01-01T00:00:00Z/2025-01-08T00:00:00Z' or '2025-01-01T00:00:00Z/P7D'.",
	});
}

/** Milliseconds of an ISO 8601 duration (weeks, days, hours, minutes, seconds); undefined if not one. */
export function parseIsoDuration(text: string): number | undefined {
	const m = DURATION.exec(text.trim());
	if (!m || /^P$|T$/i.test(text.trim())) return undefined;
	const [, w, d, h, mi, s] = m;
	const ms =
		Number(w ?? 0) * 7 * DAY +
		Number(d ?? 0) * DAY +
		Number(h ?? 0) * HOUR +
		Number(mi ?? 0) * MINUTE +
		Number(s ?? 0) * SECOND;
	return ms > 0 ? ms : undefined;
}

function parseInstant(text: string): number | undefined {
	const iso = normalizeIsoDateTime(text);
	if (!iso) return undefined;
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? undefined : ms;
}

/** The [from, to] range a timespan stands for at `now`; a validation error if it is not one. */
export function parseTimespan(timespan: string, now: number): TimeRange {
	if (typeof timespan !== 'string' || timespan.trim() === '') {
		throw invalid('The timespan is empty.');
	}
	const text = timespan.trim();
	if (/P\d+(\.\d+)?[MY]/i.test(text.split('T')[0] ?? '')) {
		throw invalid(
			`The timespan '${text.slice(0, 60)}' uses months or years, which have no fixed length.`,
		);
	}
	const parts = text.split('/');
	let range: TimeRange | undefined;
	if (parts.length === 1) {
		const duration = parseIsoDuration(text);
		const at = duration === undefined ? parseInstant(text) : undefined;
		if (duration !== undefined) range = { from: now - duration, to: now };
		else if (at !== undefined) range = { from: at - HUNTING_DEFAULT_SPAN_MS, to: at };
	} else if (parts.length === 2) {
		const [a, b] = parts as [string, string];
		const startAt = parseInstant(a);
		const endAt = parseInstant(b);
		const startSpan = parseIsoDuration(a);
		const endSpan = parseIsoDuration(b);
		if (startAt !== undefined && endAt !== undefined) range = { from: startAt, to: endAt };
		else if (startSpan !== undefined && endAt !== undefined)
			range = { from: endAt - startSpan, to: endAt };
		else if (startAt !== undefined && endSpan !== undefined)
			range = { from: startAt, to: startAt + endSpan };
	}
	if (!range) throw invalid(`'${text.slice(0, 80)}' is not an ISO 8601 timespan.`);
	if (range.to <= range.from) {
		throw invalid(`The timespan '${text.slice(0, 80)}' ends before it starts.`);
	}
	return range;
}

/** "…T10:00:00.000Z": ISO text at millisecond precision. */
function iso(ms: number): string {
	return new Date(ms).toISOString();
}

export interface TimeSlice extends TimeRange {
	/** The interval sent to the API. */
	timespan: string;
}

/**
 * Splits a range into `count` back-to-back slices. Each but the last ends 100 ns (one Defender
 * tick) before the next begins, so no row is counted twice and none falls between slices.
 */
export function splitRange(range: TimeRange, count: number): TimeSlice[] {
	if (!Number.isInteger(count) || count < 1 || count > 100) {
		throw new DefenderError(
			'validation',
			'The number of slices must be a whole number from 1 to 100.',
		);
	}
	const length = range.to - range.from;
	if (length < count) throw invalid('The time range is too short for that many slices.');
	const bounds = Array.from({ length: count + 1 }, (_, i) =>
		i === count ? range.to : range.from + Math.floor((length * i) / count),
	);
	return bounds.slice(0, count).map((from, i) => {
		const last = i === count - 1;
		const next = bounds[i + 1] as number;
		const end = last ? iso(next) : iso(next - 1).replace(/Z$/, '9999Z');
		return { from, to: last ? next : next - 1, timespan: `${iso(from)}/${end}` };
	});
}
