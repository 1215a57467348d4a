import { DefenderError } from './errors';

const UNIT_MS: Record<string, number> = {
	s: 1_000,
	m: 60_000,
	h: 3_600_000,
	d: 86_400_000,
	w: 604_800_000,
};

/**
 * Reads durations the way people type them in a node field: "0", "90s", "30m", "24h", "7d", "2w",
 * "1h30m". A bare number is minutes. `name` goes into the error so the user knows which field.
 */
export function parseDuration(text: unknown, name: string): number {
	const hint = `Write a duration such as 30m, 24h or 7d (s, m, h, d, w; a bare number is minutes) in "${name}".`;
	if (typeof text === 'number' && Number.isFinite(text) && text >= 0) return text * UNIT_MS.m;
	if (typeof text !== 'string') {
		throw new DefenderError('validation', `"${name}" must be a duration.`, { hint });
	}
	const compact = text.trim().toLowerCase().replace(/\s+/g, '');
	if (/^\d+(\.\d+)?$/.test(compact)) return Number(compact) * UNIT_MS.m;
	const parts = compact.match(/\d+(?:\.\d+)?[smhdw]/g);
	if (!parts || parts.join('') !== compact) {
		throw new DefenderError('validation', `"${name}" is not a duration: "${text.slice(0, 40)}".`, {
			hint,
		});
	}
	return parts.reduce((total, part) => total + Number(part.slice(0, -1)) * UNIT_MS[part.slice(-1)], 0);
}
