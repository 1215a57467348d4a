/**
 * `Retry-After` as integer seconds ("10"), fractional seconds ("2.128", graph-api.md §7.2) or an
 * HTTP date (relative to `now`). Returns milliseconds, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	// HTTP dates always name a weekday or month; a bare negative number or garbage is ignored.
	if (!/[a-z]/i.test(text)) return undefined;
	const at = Date.parse(text);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - now);
}
