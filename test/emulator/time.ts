/**
 * Graph timestamps carry 7 fractional digits ("2021-05-02T14:19:01.3266667Z", graph-api.md §2.4).
 * Canonical UTC strings of that shape compare correctly as plain strings, which is how the
 * emulator orders and filters them without losing the sub-millisecond digits.
 */

const ISO_PATTERN =
	/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7})\d*)?)?)?(Z|[+-]\d{2}:\d{2})?$/i;

const floor = Math.floor;

function pad2(n: number): string {
	return n < 10 ? `0${n}` : `${n}`;
}

/** Civil date from days since 1970-01-01 (Howard Hinnant's algorithm); avoids Date in a hot path. */
function civil(days: number): [number, number, number] {
	const z = days + 719468;
	const era = floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
	const mp = floor((5 * doy + 2) / 153);
	const d = doy - floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Formats epoch milliseconds plus extra 100 ns ticks (0..9999) as a canonical 7-digit timestamp. */
export function formatTicks(ms: number, subTicks = 0): string {
	const whole = floor(ms);
	const days = floor(whole / 86400000);
	const inDay = whole - days * 86400000;
	const [y, mo, d] = civil(days);
	const secs = floor(inDay / 1000);
	const fraction = ((inDay % 1000) * 10000 + subTicks).toString().padStart(7, '0');
	return `${y}-${pad2(mo)}-${pad2(d)}T${pad2(floor(secs / 3600))}:${pad2(floor(secs / 60) % 60)}:${pad2(secs % 60)}.${fraction}Z`;
}

/** Canonical 7-digit UTC form of an ISO 8601 timestamp, or undefined when it is not one. */
export function canonicalTime(input: string): string | undefined {
	const m = ISO_PATTERN.exec(input.trim());
	if (!m) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
	let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
	if (Number.isNaN(ms) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59) {
		return undefined;
	}
	if (zone.toUpperCase() !== 'Z') {
		const sign = zone.startsWith('-') ? -1 : 1;
		const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
		ms -= sign * offsetMinutes * 60000;
	}
	const padded = frac.padEnd(7, '0');
	return formatTicks(ms + Number(padded.slice(0, 3)), Number(padded.slice(3)));
}

/** Epoch milliseconds of a canonical (or any ISO) timestamp; NaN when unparseable. */
export function timeToMs(value: string): number {
	return Date.parse(value);
}

/**
 * Hands out strictly increasing timestamps: never two equal lastUpdateDateTime values from
 * ordinary updates, even within one millisecond.
 */
export class StampClock {
	private lastMs = 0;
	private lastSub = 0;

	constructor(private readonly now: () => number) {}

	/** Makes sure future stamps sort after `stamp` (used after seeding generated data). */
	observe(stamp: string): void {
		const canonical = canonicalTime(stamp);
		if (!canonical) return;
		const ms = Date.parse(canonical);
		const sub = Number(canonical.slice(23, 27));
		if (ms > this.lastMs || (ms === this.lastMs && sub > this.lastSub)) {
			this.lastMs = ms;
			this.lastSub = sub;
		}
	}

	next(): string {
		const now = Math.floor(this.now());
		if (now > this.lastMs) {
			this.lastMs = now;
			this.lastSub = 0;
		} else if (this.lastSub < 9999) {
			this.lastSub += 1;
		} else {
			this.lastMs += 1;
			this.lastSub = 0;
		}
		return formatTicks(this.lastMs, this.lastSub);
	}
}

/** Graph's innerError date: seconds precision, no zone suffix ("2025-01-11T19:43:26"). */
export function innerErrorDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19);
}
