import { DefenderError } from '../errors';

/** An item that is neither a Defender alert nor an incident (nor a batch of them). */
export class NormalizeInputError extends DefenderError {
	/** Index of the input item, when the caller gave one. */
	readonly itemIndex?: number;
	/** Where inside the item the offending value sits, e.g. `value[2]` or `alerts[0]`. */
	readonly path?: string;

	constructor(message: string, details: { itemIndex?: number; path?: string; hint?: string } = {}) {
		super('validation', message, { hint: details.hint });
		this.name = 'NormalizeInputError';
		this.itemIndex = details.itemIndex;
		this.path = details.path;
	}
}

/** Describes a value by its shape only: never its content, which may be sensitive. */
export function describeShape(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value))
		return `an array of ${value.length} element${value.length === 1 ? '' : 's'}`;
	if (typeof value !== 'object') return `a ${typeof value}`;
	const keys = Object.keys(value);
	if (keys.length === 0) return 'an empty object';
	const shown = keys.slice(0, 12).map((key) => (key.length > 40 ? `${key.slice(0, 40)}…` : key));
	const more = keys.length > shown.length ? `, … (${keys.length - shown.length} more)` : '';
	return `an object with keys ${shown.join(', ')}${more}`;
}
