/**
 * Validation and normalisation of single values: enum members, ISO 8601 timestamps.
 */

import { DefenderError } from '../errors';
import { UNKNOWN_FUTURE_VALUE } from '../graph/enums';

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/;

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Returns the timestamp as ISO 8601 text when it is a real instant with a time zone, keeping the
 * caller's precision (Graph stores 100 ns ticks; rounding to ms would move paging boundaries).
 * Returns undefined otherwise.
 */
export function normalizeIsoDateTime(value: string): string | undefined {
	const match = ISO_DATE_TIME.exec(value.trim());
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s, , zone] = match;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	if (month < 1 || month > 12) return undefined;
	if (day < 1 || day > daysInMonth(year, month)) return undefined;
	if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? '0') > 59) return undefined;
	if (zone && zone !== 'Z' && zone !== 'z') {
		const [zh, zm] = zone.slice(1).split(':').map(Number);
		if ((zh ?? 0) > 14 || (zm ?? 0) > 59) return undefined;
	}
	return value.trim().replace('t', 'T').replace(/z$/, 'Z');
}

/** A Date or ISO string → ISO text, or a validation error saying what a valid value looks like. */
export function toIsoDateTime(value: unknown, what: string): string {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) {
			throw new DefenderError('validation', `${what} is not a valid date.`, {
				hint: 'Use an ISO 8601 timestamp such as 2025-01-15T10:00:00Z.',
			});
		}
		return value.toISOString();
	}
	if (typeof value === 'string') {
		const iso = normalizeIsoDateTime(value);
		if (iso) return iso;
	}
	throw new DefenderError(
		'validation',
		`${what} must be an ISO 8601 date and time with a time zone, e.g. 2025-01-15T10:00:00Z.`,
		{ hint: 'Check the month, day and time, and add Z (UTC) or an offset such as +02:00.' },
	);
}

/**
 * Matches `value` against enum members: exact, then doc aliases, then case-insensitively (so
 * "High" or "TruePositive" from older docs still work). `unknownFutureValue` is never accepted.
 */
export function normalizeEnumValue(
	value: string,
	members: readonly string[],
	aliases: Readonly<Record<string, string>> = {},
): string | undefined {
	const selectable = members.filter((m) => m !== UNKNOWN_FUTURE_VALUE);
	if (selectable.includes(value)) return value;
	if (Object.prototype.hasOwnProperty.call(aliases, value)) return aliases[value];
	const lower = value.trim().toLowerCase();
	const member = selectable.find((m) => m.toLowerCase() === lower);
	if (member) return member;
	const alias = Object.keys(aliases).find((a) => a.toLowerCase() === lower);
	return alias ? aliases[alias] : undefined;
}

/** Like normalizeEnumValue, but throws a validation error listing the accepted values. */
export function requireEnumValue(
	value: unknown,
	members: readonly string[],
	what: string,
	aliases: Readonly<Record<string, string>> = {},
): string {
	const normalized =
		typeof value === 'string' ? normalizeEnumValue(value, members, aliases) : undefined;
	if (normalized !== undefined) return normalized;
	const allowed = members.filter((m) => m !== UNKNOWN_FUTURE_VALUE).join(', ');
	const shown = typeof value === 'string' ? `'${value.slice(0, 60)}'` : `a ${typeof value}`;
	throw new DefenderError('validation', `${what} cannot be ${shown}. Allowed values: ${allowed}.`, {
		hint: `Use one of: ${allowed}.`,
	});
}
