/**
 * Copies untrusted JSON into fresh plain objects. Keys that can reach an object's prototype
 * (`__proto__`, `constructor`, `prototype`) are never assigned: they are left out and reported,
 * so a later spread or merge elsewhere cannot pollute a prototype.
 */

export const MAX_DEPTH = 64;

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type CloneResult =
	| { ok: true; value: unknown; droppedKeys: string[] }
	| { ok: false; reason: string };

function isPlainObject(value: object): boolean {
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

interface CloneContext {
	dropped: string[];
	problem?: string;
}

/** Returns the copy, or undefined with `context.problem` set. */
function cloneValue(value: unknown, path: string, depth: number, context: CloneContext): unknown {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') {
		if (Number.isFinite(value)) return value;
		context.problem = `${path} is not a finite number`;
		return undefined;
	}
	if (typeof value !== 'object' || (!Array.isArray(value) && !isPlainObject(value))) {
		context.problem = `${path} is not JSON data`;
		return undefined;
	}
	if (depth >= MAX_DEPTH) {
		context.problem = `nesting deeper than ${MAX_DEPTH} levels at ${path}`;
		return undefined;
	}
	if (Array.isArray(value)) {
		const copy: unknown[] = [];
		for (let index = 0; index < value.length && !context.problem; index += 1) {
			copy.push(cloneValue(value[index], `${path}[${index}]`, depth + 1, context));
		}
		return copy;
	}
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		if (context.problem) break;
		const entry = (value as Record<string, unknown>)[key];
		if (UNSAFE_KEYS.has(key)) {
			context.dropped.push(`${path}.${key}`);
			continue;
		}
		if (entry === undefined) continue;
		copy[key] = cloneValue(entry, `${path}.${key}`, depth + 1, context);
	}
	return copy;
}

/** `root` names the value in reasons and dropped-key paths (e.g. `record`). */
export function cloneJson(value: unknown, root = 'record'): CloneResult {
	const context: CloneContext = { dropped: [] };
	const copy = cloneValue(value, root, 0, context);
	if (context.problem !== undefined) return { ok: false, reason: context.problem };
	return { ok: true, value: copy, droppedKeys: context.dropped };
}
