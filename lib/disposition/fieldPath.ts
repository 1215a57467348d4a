/** Reading a value from an item by a dot path such as `extraData.defenderAlertId` or `links.0.id`. */

import { DefenderError } from '../errors';

const SEGMENT = /^[^.\s]+$/;

/** Splits and checks a path; an empty path means "not configured". */
export function parseFieldPath(path: string, what: string): string[] {
	const trimmed = path.trim();
	if (trimmed === '') return [];
	const segments = trimmed.split('.');
	if (!segments.every((segment) => SEGMENT.test(segment))) {
		throw new DefenderError(
			'validation',
			`${what} '${trimmed.slice(0, 80)}' is not a field path.`,
			{
				hint: 'Write the path with dots and no spaces, e.g. extraData.defenderAlertId.',
			},
		);
	}
	return segments;
}

/** The value at `segments`, or undefined when any step is missing. Only own properties are read. */
export function readFieldPath(source: unknown, segments: readonly string[]): unknown {
	if (segments.length === 0) return undefined;
	let current: unknown = source;
	for (const segment of segments) {
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}
