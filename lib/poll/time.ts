/**
 * Graph timestamps carry 7 fractional digits (100 ns ticks, e.g. `2021-05-02T14:19:01.3266667Z`),
 * more than a JS Date keeps. Cursor and de-dup keys therefore use a normalised string that keeps
 * the full precision and sorts lexicographically: UTC, `YYYY-MM-DDTHH:MM:SS.fffffffZ`.
 */

const FRACTION_DIGITS = 7;

const ISO_PATTERN =
	/^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,12}))?)?([Zz]|[+-]\d{2}:?\d{2})$/;

/** A normalised timestamp: fixed width, UTC, 7 fractional digits; compare with `<`/`>`. */
export type TimeKey = string;

/**
 * Normalises an ISO 8601 timestamp with a zone (`Z` or `±hh:mm`). Returns undefined for anything
 * else, including timestamps without a zone: their instant is ambiguous.
 */
export function toTimeKey(value: unknown): TimeKey | undefined {
	if (typeof value !== 'string') return undefined;
	const match = ISO_PATTERN.exec(value.trim());
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
	const fields = [year, month, day, hour, minute, second].map(Number);
	const [y, mo, d, h, mi, s] = fields;
	if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
	const local = Date.UTC(y, mo - 1, d, h, mi, s);
	const check = new Date(local);
	if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined;
	const utc = local - zoneOffsetMs(zone);
	const date = new Date(utc);
	if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 || date.getUTCFullYear() < 0) {
		return undefined;
	}
	const wholeSeconds = date.toISOString().slice(0, 19);
	return `${wholeSeconds}.${fraction.padEnd(FRACTION_DIGITS, '0').slice(0, FRACTION_DIGITS)}Z`;
}

function zoneOffsetMs(zone: string): number {
	if (zone === 'Z' || zone === 'z') return 0;
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** Milliseconds since the epoch, truncated (sub-millisecond digits dropped, never rounded up). */
export function timeKeyToMs(key: TimeKey): number {
	return Date.parse(`${key.slice(0, 23)}Z`);
}

export function msToTimeKey(ms: number): TimeKey {
	return `${new Date(ms).toISOString().slice(0, 23)}0000Z`;
}

/**
 * The instant `ms` before `key`, rounded down to the millisecond, as a plain ISO string
 * (`…sss Z`) that any OData parser accepts. Rounding down only widens a `ge` window.
 */
export function isoBefore(key: TimeKey, ms: number): string {
	return new Date(timeKeyToMs(key) - ms).toISOString();
}

export function maxKey(a: TimeKey | undefined, b: TimeKey | undefined): TimeKey | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	return a >= b ? a : b;
}
