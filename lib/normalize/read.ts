/** Defensive readers for untrusted JSON: every one returns a safe default instead of throwing. */

export type JsonObject = Record<string, unknown>;

const NO_ITEMS: readonly unknown[] = Object.freeze([]);

export function asObject(value: unknown): JsonObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as JsonObject)
		: undefined;
}

/** Non-empty string, or undefined. */
export function asString(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Non-empty string or finite number rendered as a string (ids may come as numbers). */
export function asId(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() !== '' ? value : undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

export function asNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Number(value);
		return Number.isFinite(parsed) ? parsed : undefined;
	}
	return undefined;
}

export function asArray(value: unknown): readonly unknown[] {
	return Array.isArray(value) ? value : NO_ITEMS;
}

/**
 * The non-empty strings of an array: the array itself when it holds nothing else (the common
 * case, no copy; callers must not change it), else a new array.
 */
export function sharedStrings(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	for (const entry of value) {
		if (typeof entry !== 'string' || entry === '') return stringsOf(value);
	}
	return value as string[];
}

/** The non-empty strings of an array, in order, as a new array. */
export function stringsOf(value: unknown): string[] {
	const out: string[] = [];
	if (!Array.isArray(value)) return out;
	for (const entry of value) if (typeof entry === 'string' && entry !== '') out.push(entry);
	return out;
}

/** `[value]` for a non-empty string, else `[]`: built at its final length. */
export function oneStringList(value: unknown): string[] {
	return typeof value === 'string' && value !== '' ? [value] : [];
}

/**
 * `array` itself, or an exact-length copy once it has grown by push: arrays that end up in the
 * output should not keep the room for 16 more entries that a push reserves.
 */
export function exactLength<T>(array: T[], grown: boolean): T[] {
	return grown ? array.slice() : array;
}

/** Appends `value` when absent; arrays here stay tiny, so a linear scan beats a Set. */
export function pushUnique(target: string[], value: string): void {
	if (!target.includes(value)) target.push(value);
}

export function nullable(value: string | undefined): string | null {
	return value === undefined ? null : value;
}
