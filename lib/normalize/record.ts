import { canonicalTechniqueId, resolveTechnique, type Ttp } from './mitre';
import {
	asArray,
	asObject,
	asString,
	exactLength,
	oneStringList,
	pushUnique,
	stringsOf,
	type JsonObject,
} from './read';
import type { NormalizedComment, SourceType } from './types';

/** Shared pieces of alert and incident records. */

/** Adds the canonical ids of a `mitreTechniques` list to `ids` (de-duplicated, in order). */
export function collectTechniqueIds(ids: string[], mitreTechniques: unknown): void {
	for (const entry of asArray(mitreTechniques)) {
		if (typeof entry !== 'string') continue;
		const id = canonicalTechniqueId(entry);
		if (id !== undefined) pushUnique(ids, id);
	}
}

export function ttpsOf(techniqueIds: readonly string[]): Ttp[] {
	return techniqueIds.map(resolveTechnique);
}

// Tag strings repeat across records (a few services, categories and techniques); strings are
// immutable, so one copy serves every record. Keyed by the value, one table per prefix, so a
// look-up builds no string. Bounded, as the input is untrusted.
const TAG_CACHE_LIMIT = 4096;

function tagTable(prefix: string): (value: string) => string {
	const table = new Map<string, string>();
	return (value) => {
		const cached = table.get(value);
		if (cached !== undefined) return cached;
		const tag = prefix + value;
		if (table.size < TAG_CACHE_LIMIT) table.set(value, tag);
		return tag;
	};
}

const serviceTag = tagTable('service:');
const categoryTag = tagTable('category:');
const mitreTag = tagTable('mitre:');

/** `defender`, `xdr`, `incident` (incidents), `service:*`, `category:*`, `mitre:*`. */
export function tagsOf(
	sourceType: SourceType,
	serviceSources: readonly string[],
	categories: readonly string[],
	techniqueIds: readonly string[],
): string[] {
	const tags = sourceType === 'incident' ? ['defender', 'xdr', 'incident'] : ['defender', 'xdr'];
	for (const service of serviceSources) tags.push(serviceTag(service));
	for (const category of categories) tags.push(categoryTag(category));
	for (const id of techniqueIds) tags.push(mitreTag(id));
	return exactLength(tags, serviceSources.length + categories.length + techniqueIds.length > 0);
}

/** An alert's `category`, then the entries of `categories` not already there. */
export function alertCategories(alert: JsonObject): string[] {
	const categories = oneStringList(alert.category);
	if (!Array.isArray(alert.categories)) return categories;
	let grown = false;
	for (const category of stringsOf(alert.categories)) {
		if (categories.includes(category)) continue;
		categories.push(category);
		grown = true;
	}
	return exactLength(categories, grown);
}

/** `alertComment` → `{ comment, createdBy, createdDateTime }`; empty comments are dropped. */
export function commentsOf(value: unknown): NormalizedComment[] {
	const comments: NormalizedComment[] = [];
	for (const entry of asArray(value)) {
		const comment = asObject(entry);
		if (comment === undefined) continue;
		const text = asString(comment.comment);
		if (text === undefined) continue;
		comments.push({
			comment: text,
			// Legacy payloads name these createdBy / createdTime (graph-api.md §3.3).
			createdBy: asString(comment.createdByDisplayName) ?? asString(comment.createdBy) ?? null,
			createdDateTime: asString(comment.createdDateTime) ?? asString(comment.createdTime) ?? null,
		});
	}
	return comments;
}

/** Non-blank trimmed text, or undefined. */
export function text(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

export function addString(target: string[], source: JsonObject, field: string): void {
	const value = asString(source[field]);
	if (value !== undefined) pushUnique(target, value);
}
