/**
 * What the Defender for Endpoint helpers need from a client: its raw call (retries, tokens, typed
 * errors, a 403 naming the permission of the route) and the base URLs. DefenderClient fits as it is.
 */

import type { z } from 'zod';

import type { ApiCall } from '../client/request';
import { nextLinkRequest } from '../client/paging';
import { DefenderError } from '../errors';
import { parseResponse } from '../schemas/parse';
import { collectionSchema } from '../schemas/collection';

export interface DefenderApi {
	request(call: ApiCall): Promise<unknown>;
	readonly mdeBaseUrl: string;
	readonly graphBaseUrl: string;
}

export interface MdeListOptions {
	/** OData `$filter`, e.g. from filterFor('machines'). */
	filter?: string;
	/** Page size (`$top`); clamped to the endpoint's maximum. */
	pageSize?: number;
	/** Stop after this many items in total. */
	limit?: number;
}

export interface MdeListEndpoint<Item extends z.ZodTypeAny> {
	/** Path below the MDE base URL, e.g. "/machines". */
	path: string;
	item: Item;
	/**
	 * Largest `$top` the endpoint accepts (graph-api.md §8). Undefined for lists that document no
	 * paging: no `$top`/`$skip` is sent and only nextLinks are followed.
	 */
	maxPageSize?: number;
	/** Names the page in errors, e.g. "machines page". */
	what: string;
	/** Identity of an item, to drop repeats when the list shifts between `$skip` pages. */
	key?: (item: z.infer<Item>) => string | undefined;
}

export interface MdeListResult<Item> {
	items: Item[];
	/** Requests made. */
	pages: number;
	/** Items dropped because an earlier page already held them. */
	repeats: number;
}

function positiveInteger(value: unknown, name: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new DefenderError('validation', `${name} must be a whole number of at least 1.`);
	}
	return value;
}

/**
 * Reads every page of an MDE list. MDE answers `$top` pages without `@odata.nextLink` (graph-api.md
 * §8.1, anchors pain 20), so paging moves `$skip` by the page size until a short page; a nextLink,
 * when one comes, is followed instead (same host only).
 */
export async function listMde<Item extends z.ZodTypeAny>(
	api: DefenderApi,
	endpoint: MdeListEndpoint<Item>,
	options: MdeListOptions = {},
): Promise<MdeListResult<z.infer<Item>>> {
	const limit = options.limit === undefined ? undefined : positiveInteger(options.limit, 'limit');
	const max = endpoint.maxPageSize;
	const requested =
		options.pageSize === undefined || max === undefined
			? max
			: Math.min(positiveInteger(options.pageSize, 'pageSize'), max);
	const pageSize =
		limit !== undefined && requested !== undefined ? Math.min(requested, limit) : requested;
	const schema = collectionSchema(endpoint.item);
	const base: Record<string, string | number> = {};
	if (pageSize !== undefined) base.$top = pageSize;
	if (options.filter) base.$filter = options.filter;

	const items: Array<z.infer<Item>> = [];
	const seen = new Set<string>();
	let repeats = 0;
	let pages = 0;
	let skip = 0;
	let next: { url: string; query: Record<string, string> } | undefined;

	for (;;) {
		const call: ApiCall = next
			? { api: 'mde', method: 'GET', url: next.url, query: next.query }
			: {
					api: 'mde',
					method: 'GET',
					path: endpoint.path,
					query: skip > 0 ? { ...base, $skip: skip } : base,
				};
		const body = await api.request(call);
		pages += 1;
		const page = parseResponse(schema, body, endpoint.what);
		for (const item of page.value) {
			const key = endpoint.key?.(item);
			if (key !== undefined) {
				if (seen.has(key)) {
					repeats += 1;
					continue;
				}
				seen.add(key);
			}
			items.push(item);
			if (limit !== undefined && items.length >= limit) return { items, pages, repeats };
		}
		const nextLink = page['@odata.nextLink'];
		if (nextLink) {
			next = nextLinkRequest(nextLink, api.mdeBaseUrl);
			continue;
		}
		if (next || pageSize === undefined || page.value.length < pageSize) {
			return { items, pages, repeats };
		}
		skip += page.value.length;
	}
}
