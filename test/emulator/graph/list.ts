/* eslint-disable @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/**
 * Collection responses for Graph lists: `$filter`, `$orderby`, `$top`, `$skip`, `$count`,
 * `$select` and `@odata.nextLink` with an opaque `$skiptoken` (graph-api.md §3.1, §3.2, §11).
 */
import { badRequest, invalidQuery } from './responses';
import { includesEvolved, preferenceHeaders, project } from './serialize';
import { graphJson, type EmuRequest, type EmuResponse } from '../http';
import { ODataError } from '../odata/errors';
import { compileFilter, type Row } from '../odata/evaluator';
import {
	orderComparator,
	parseQueryOptions,
	type QueryOptionName,
	type QueryOptions,
} from '../odata/queryOptions';
import { findProperty, type EntitySchema } from '../odata/schema';

export interface ListSpec<T> {
	/** Rows in the default order (most recent first). */
	rows: T[];
	schema: EntitySchema;
	allowed: readonly QueryOptionName[];
	/** Largest `$top`; above it the request is clamped or refused. */
	maxTop: number;
	overTop: 'clamp' | 'reject';
	defaultTop: number;
	/** Largest `$skip` (graph-api.md §3.1: 500). */
	maxSkip: number;
	nextLink: boolean;
	/** `@odata.context` path after `$metadata#`. */
	contextPath: string;
	serialize: (row: T, include: boolean, options: QueryOptions) => Record<string, unknown>;
	/** Checks `$expand` values; returns an error message when one is not supported. */
	checkExpand?: (expand: string[]) => string | undefined;
	rank?: (field: string, value: unknown) => number | string;
}

function encodeSkiptoken(offset: number): string {
	return Buffer.from(JSON.stringify({ o: offset, v: 1 })).toString('base64url');
}

function decodeSkiptoken(token: string): number | undefined {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
		return typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0
			? parsed.o
			: undefined;
	} catch {
		return undefined;
	}
}

function nextLinkUrl(req: EmuRequest, offset: number): string {
	const params = new URLSearchParams();
	for (const [k, v] of req.query) {
		const lower = k.toLowerCase();
		if (lower === '$skip' || lower === '$skiptoken') continue;
		params.append(k, v);
	}
	params.append('$skiptoken', encodeSkiptoken(offset));
	// Keep `$` readable in links like Graph does.
	return `${req.origin}${req.path}?${params.toString().replace(/%24/g, '$')}`;
}

const timeRank = (_field: string, value: unknown): number | string =>
	typeof value === 'string' ? value : '';

export function listResponse<T extends object>(req: EmuRequest, spec: ListSpec<T>): EmuResponse {
	let options: QueryOptions;
	try {
		options = parseQueryOptions(req.query, spec.allowed, spec.schema);
	} catch (e) {
		if (e instanceof ODataError) return badRequest(req, e.message);
		throw e;
	}
	const include = includesEvolved(req);
	if (options.top !== undefined && options.top > spec.maxTop && spec.overTop === 'reject') {
		return invalidQuery(
			req,
			`The limit of '${spec.maxTop}' for Top query has been exceeded. The value from the incoming request is '${options.top}'.`,
		);
	}
	if (options.skip !== undefined && options.skip > spec.maxSkip) {
		return invalidQuery(
			req,
			`The limit of '${spec.maxSkip}' for Skip query has been exceeded. The value from the incoming request is '${options.skip}'.`,
		);
	}
	if (options.expand && spec.checkExpand) {
		const problem = spec.checkExpand(options.expand);
		if (problem) return badRequest(req, problem);
	}
	if (options.select) {
		const unknown = options.select.find((s) => !findProperty(spec.schema.properties, s));
		if (unknown)
			return badRequest(
				req,
				`Could not find a property named '${unknown.slice(0, 100)}' on type '${spec.schema.typeName}'.`,
			);
	}
	let offset = options.skip ?? 0;
	if (options.skiptoken !== undefined) {
		const decoded = decodeSkiptoken(options.skiptoken);
		if (decoded === undefined)
			return badRequest(
				req,
				'The $skiptoken is not valid. Use the @odata.nextLink exactly as returned.',
			);
		offset = decoded;
	}

	let rows = spec.rows as Row[];
	if (options.filter !== undefined) {
		try {
			const predicate = compileFilter(options.filter, spec.schema, { includeEvolved: include });
			rows = rows.filter(predicate);
		} catch (e) {
			if (e instanceof ODataError) return badRequest(req, `Invalid filter clause: ${e.message}`);
			throw e;
		}
	}
	if (options.orderby) {
		rows = [...rows].sort(orderComparator(options.orderby, spec.rank ?? timeRank));
	}
	const pageSize = Math.min(options.top ?? spec.defaultTop, spec.maxTop);
	const page = rows.slice(offset, offset + pageSize);
	const body: Record<string, unknown> = {
		'@odata.context': `${req.origin}/v1.0/$metadata#${spec.contextPath}`,
	};
	if (options.count) body['@odata.count'] = rows.length;
	body.value = page.map((row) =>
		project(spec.serialize(row as T, include, options), options.select),
	);
	if (spec.nextLink && offset + pageSize < rows.length && pageSize > 0) {
		body['@odata.nextLink'] = nextLinkUrl(req, offset + pageSize);
	}
	return graphJson(200, body, preferenceHeaders(req));
}
