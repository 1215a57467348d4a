/**
 * List paging. Follows `@odata.nextLink` (same origin only). When a full page comes back without
 * one — alerts_v2 often sends none (graph-api.md §3.1) — and the query is ordered ascending by a
 * time field, it moves a time boundary forward instead of `$skip` (which Graph caps at 500), so
 * items sharing a timestamp across pages are neither repeated nor lost.
 */

import type { z } from 'zod';

import { DefenderError } from '../errors';
import { andFilters } from '../odata/filter';
import { normalizeIsoDateTime } from '../odata/values';
import { collectionSchema } from '../schemas/collection';
import type { ApiRequester } from './request';

/** graph-api.md §3.1: `$skip` above 500 is rejected with 400. */
export const MAX_SKIP = 500;

export interface ListQuery {
	/** OData `$filter`, e.g. from filterFor()/buildListFilter(). */
	filter?: string;
	/** `$orderby`, e.g. "lastUpdateDateTime asc". */
	orderBy?: string;
	/** Page size; clamped to the endpoint's maximum. Default: the maximum (or `limit`, if smaller). */
	top?: number;
	/** `$expand`, e.g. "alerts" on incidents. */
	expand?: string;
	/** `$count=true`: the total arrives as `count` on the first page. */
	count?: boolean;
}

export interface IterateOptions {
	/** Stop after this many items in total (the last page is cut). */
	limit?: number;
}

export interface Page<T> {
	items: T[];
	nextLink?: string;
	count?: number;
}

export interface ListEndpoint<Item extends z.ZodTypeAny> {
	path: string;
	item: Item;
	/** Largest `$top` the endpoint accepts; undefined sends no `$top` and relies on nextLink only. */
	pageCap?: number;
	/** Fields that can drive boundary paging. */
	timeFields: readonly string[];
	/** Names the page in errors, e.g. "alerts page". */
	what: string;
}

function invalid(message: string, hint?: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

function positiveInteger(value: unknown, name: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw invalid(`${name} must be a whole number of at least 1.`);
	}
	return value;
}

/** The `$top` to send: the caller's (clamped to the cap), else the cap, else the limit if smaller. */
export function pageSize(
	endpoint: { pageCap?: number },
	query: ListQuery,
	limit?: number,
): number | undefined {
	if (query.top !== undefined) {
		const top = positiveInteger(query.top, 'top');
		return endpoint.pageCap ? Math.min(top, endpoint.pageCap) : top;
	}
	if (endpoint.pageCap === undefined) return undefined;
	return limit !== undefined ? Math.min(endpoint.pageCap, limit) : endpoint.pageCap;
}

export function listParams(
	query: ListQuery,
	top: number | undefined,
	skip = 0,
): Record<string, string | number | boolean> {
	const params: Record<string, string | number | boolean> = {};
	if (query.filter) params.$filter = query.filter;
	if (query.orderBy) params.$orderby = query.orderBy;
	if (top !== undefined) params.$top = top;
	if (skip > 0) params.$skip = skip;
	if (query.expand) params.$expand = query.expand;
	if (query.count) params.$count = true;
	return params;
}

/** Reads "field [asc|desc]"; undefined for anything else (several keys, expressions). */
export function parseOrderBy(
	orderBy: string | undefined,
): { field: string; ascending: boolean } | undefined {
	const match = /^\s*([A-Za-z][A-Za-z0-9]*)(?:\s+(asc|desc))?\s*$/i.exec(orderBy ?? '');
	if (!match) return undefined;
	return { field: match[1] as string, ascending: (match[2] ?? 'asc').toLowerCase() === 'asc' };
}

/**
 * Comparable form of an ISO timestamp with up to 9 fractional digits (Graph uses 7): [epoch ms,
 * sub-millisecond nanoseconds]. Undefined when not a valid timestamp.
 */
export function timeKey(value: unknown): [number, number] | undefined {
	if (typeof value !== 'string') return undefined;
	const iso = normalizeIsoDateTime(value);
	if (!iso) return undefined;
	const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
	const ms = Date.parse(iso.replace(/\.\d+/, `.${fraction.slice(0, 3).padEnd(3, '0')}`));
	if (Number.isNaN(ms)) return undefined;
	return [ms, Number(fraction.slice(3).padEnd(6, '0').slice(0, 6))];
}

function compareKeys(a: [number, number], b: [number, number]): number {
	return a[0] - b[0] || a[1] - b[1];
}

/** Turns a nextLink into a request, refusing any other origin: the token must not travel there. */
export function nextLinkRequest(
	nextLink: string,
	baseUrl: string,
): { url: string; query: Record<string, string> } {
	const url = URL.canParse(nextLink, baseUrl) ? new URL(nextLink, baseUrl) : undefined;
	if (!url) {
		throw new DefenderError('schema', 'The API sent an @odata.nextLink that is not a URL.');
	}
	if (url.origin !== new URL(baseUrl).origin) {
		throw invalid(
			`Refusing to follow @odata.nextLink to ${url.origin}: it is not the API host (${new URL(baseUrl).origin}), and the access token must not be sent elsewhere.`,
			'If you use a proxy or custom cloud, make sure it rewrites nextLink URLs to its own host.',
		);
	}
	return { url: `${url.origin}${url.pathname}`, query: Object.fromEntries(url.searchParams) };
}

async function fetchPage<Item extends z.ZodTypeAny>(
	requester: ApiRequester,
	endpoint: ListEndpoint<Item>,
	request: { url: string; query: Record<string, string | number | boolean> },
): Promise<Page<z.infer<Item>>> {
	const page = await requester.json(
		{ api: 'graph', method: 'GET', url: request.url, query: request.query },
		collectionSchema(endpoint.item),
		endpoint.what,
	);
	return {
		items: page.value,
		nextLink: page['@odata.nextLink'] ?? undefined,
		count: page['@odata.count'] ?? undefined,
	};
}

/** One page of a list, with the query as given (no follow-up requests). */
export async function listPage<Item extends z.ZodTypeAny>(
	requester: ApiRequester,
	endpoint: ListEndpoint<Item>,
	query: ListQuery = {},
): Promise<Page<z.infer<Item>>> {
	const top = pageSize(endpoint, query);
	return await fetchPage(requester, endpoint, {
		url: `${requester.graphBaseUrl}${endpoint.path}`,
		query: listParams(query, top),
	});
}

interface Timed {
	id: string;
	key: [number, number];
	raw: string;
}

function timed(item: unknown, field: string, what: string): Timed {
	const record = item as Record<string, unknown>;
	const key = timeKey(record?.[field]);
	const id = record?.id;
	if (!key || typeof id !== 'string') {
		throw new DefenderError(
			'schema',
			`An item of the ${what} has no valid id or ${field}, so paging by ${field} cannot continue.`,
			{ hint: `Order by a field every item carries, or page with a smaller filter window.` },
		);
	}
	return { id, key, raw: normalizeIsoDateTime(record[field] as string) as string };
}

function skipTooFar(field: string | undefined): DefenderError {
	return invalid(
		`More results than Graph can page through with $skip (limit ${MAX_SKIP}).`,
		field
			? `Too many items share one ${field}; narrow the filter (for example by status or severity).`
			: 'Order by lastUpdateDateTime asc (or createdDateTime asc) so paging can move by time, or narrow the filter.',
	);
}

/**
 * Yields one array per page until the list ends or `limit` items were yielded. Breaking out of
 * the loop stops further requests.
 */
export async function* iteratePages<Item extends z.ZodTypeAny>(
	requester: ApiRequester,
	endpoint: ListEndpoint<Item>,
	query: ListQuery = {},
	options: IterateOptions = {},
): AsyncGenerator<Array<z.infer<Item>>> {
	const limit = options.limit === undefined ? undefined : positiveInteger(options.limit, 'limit');
	const top = pageSize(endpoint, query, limit);
	const order = parseOrderBy(query.orderBy);
	const timeField =
		order && order.ascending && endpoint.timeFields.includes(order.field) ? order.field : undefined;
	const listUrl = `${requester.graphBaseUrl}${endpoint.path}`;

	let remaining = limit ?? Number.POSITIVE_INFINITY;
	let request = { url: listUrl, query: listParams(query, top) };
	let followingNextLink = false;
	// Boundary state: the timestamp the next query starts at (inclusive), the ids already yielded
	// at exactly that timestamp, and how many items of the `ge boundary` query were consumed.
	let boundary: Timed | undefined;
	let seenAtBoundary = new Set<string>();
	let skip = 0;

	for (;;) {
		const page = await fetchPage(requester, endpoint, request);
		const raw = page.items;

		let fresh = raw;
		if (timeField && boundary) {
			const at = boundary;
			fresh = raw.filter((item) => {
				const t = timed(item, timeField, endpoint.what);
				if (compareKeys(t.key, at.key) !== 0) return true;
				if (seenAtBoundary.has(t.id)) return false;
				seenAtBoundary.add(t.id);
				return true;
			});
		}

		const out = fresh.slice(0, remaining);
		remaining -= out.length;
		if (out.length) yield out;
		if (remaining <= 0) return;

		if (page.nextLink) {
			request = nextLinkRequest(page.nextLink, requester.graphBaseUrl);
			followingNextLink = true;
			continue;
		}
		// A nextLink chain ends without one; a short page ends a plain query.
		if (followingNextLink || top === undefined || raw.length < top) return;

		if (!timeField) {
			skip += raw.length;
			if (skip > MAX_SKIP) throw skipTooFar(undefined);
			request = { url: listUrl, query: listParams(query, top, skip) };
			continue;
		}

		const times = raw.map((item) => timed(item, timeField, endpoint.what));
		const latest = times.reduce((max, t) => (compareKeys(t.key, max.key) > 0 ? t : max));
		if (!boundary || compareKeys(latest.key, boundary.key) > 0) {
			boundary = latest;
			seenAtBoundary = new Set(
				times.filter((t) => compareKeys(t.key, latest.key) === 0).map((t) => t.id),
			);
			skip = 0;
		} else {
			// The whole page shares the boundary timestamp: step over it with $skip.
			for (const t of times) seenAtBoundary.add(t.id);
			skip += raw.length;
			if (skip > MAX_SKIP) throw skipTooFar(timeField);
		}
		requester.logger.debug('Full page without nextLink: paging by time boundary', {
			field: timeField,
			boundary: boundary.raw,
			skip,
		});
		request = {
			url: listUrl,
			query: listParams(
				{ ...query, filter: andFilters(query.filter, `${timeField} ge ${boundary.raw}`) },
				top,
				skip,
			),
		};
	}
}

/** Every item of a list (all pages), for small lists such as one incident's alerts. */
export async function listAll<Item extends z.ZodTypeAny>(
	requester: ApiRequester,
	endpoint: ListEndpoint<Item>,
	query: ListQuery = {},
): Promise<Array<z.infer<Item>>> {
	const all: Array<z.infer<Item>> = [];
	for await (const page of iteratePages(requester, endpoint, query)) all.push(...page);
	return all;
}
