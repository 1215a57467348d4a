/* eslint-disable @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/**
 * MDE collection responses: `$filter` (with startswith, endswith and contains), `$top` up to
 * 10,000, `$skip`, `$orderby`. A nextLink is
 * only given when no `$top` was sent (graph-api.md §8.1: `$top` pages come without one).
 */
import { json, type EmuRequest, type EmuResponse } from '../http';
import { ODataError } from '../odata/errors';
import { compileFilter, type Row } from '../odata/evaluator';
import { orderComparator, parseQueryOptions } from '../odata/queryOptions';
import type { EntitySchema } from '../odata/schema';
import { mdeBadRequest } from './responses';

export const MDE_MAX_TOP = 10000;

export function mdeList(
	req: EmuRequest,
	entitySet: string,
	rows: Row[],
	schema: EntitySchema,
	maxTop = MDE_MAX_TOP,
): EmuResponse {
	try {
		const options = parseQueryOptions(
			req.query,
			['$filter', '$top', '$skip', '$orderby', '$count'],
			schema,
		);
		if (options.top !== undefined && options.top > maxTop) {
			return mdeBadRequest(
				'ODataError',
				`The limit of '${maxTop}' for Top query has been exceeded. The value from the incoming request is '${options.top}'.`,
			);
		}
		let result = rows;
		if (options.filter !== undefined)
			result = result.filter(
				compileFilter(options.filter, schema, { includeEvolved: true, stringFunctions: true }),
			);
		if (options.orderby) {
			result = [...result].sort(
				orderComparator(options.orderby, (_f, v) =>
					typeof v === 'number' ? v : typeof v === 'string' ? v : '',
				),
			);
		}
		const skip = options.skip ?? 0;
		const size = options.top ?? maxTop;
		const body: Record<string, unknown> = {
			'@odata.context': `${req.origin}/api/$metadata#${entitySet}`,
		};
		if (options.count) body['@odata.count'] = result.length;
		body.value = result.slice(skip, skip + size);
		if (options.top === undefined && skip + size < result.length) {
			body['@odata.nextLink'] =
				`${req.origin}${req.path}?${new URLSearchParams({ ...Object.fromEntries(req.query), $skip: String(skip + size) }).toString().replace(/%24/g, '$')}`;
		}
		return json(200, body);
	} catch (e) {
		if (e instanceof ODataError)
			return mdeBadRequest('ODataError', `Invalid OData query: ${e.message}`);
		throw e;
	}
}
