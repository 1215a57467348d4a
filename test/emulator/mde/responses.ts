/** MDE API answers (graph-api.md §10.2): `{error:{code,message,target}}`, PascalCase codes. */
import {
	isJsonContentType,
	isRecord,
	json,
	mdeError,
	parseJsonBody,
	type EmuRequest,
	type EmuResponse,
} from '../http';

export function mdeEntity(
	req: EmuRequest,
	status: number,
	entitySet: string,
	entity: Record<string, unknown>,
): EmuResponse {
	return json(status, {
		'@odata.context': `${req.origin}/api/$metadata#${entitySet}/$entity`,
		...entity,
	});
}

export function mdeNotFound(what: string, id: string): EmuResponse {
	return mdeError(404, 'ResourceNotFound', `${what} ${id.slice(0, 200)} was not found`);
}

export function mdeBadRequest(code: string, message: string): EmuResponse {
	return mdeError(400, code, message);
}

export function mdeThrottled(retryAfterSeconds: number): EmuResponse {
	return mdeError(
		429,
		'TooManyRequests',
		'API call quota reached: too many requests. See the Retry-After header for how long to wait.',
		{ 'retry-after': String(retryAfterSeconds) },
	);
}

/** Parses a JSON object body, or returns the InvalidRequestBody answer. */
export function readMdeBody(
	req: EmuRequest,
): { ok: true; body: Record<string, unknown> } | { ok: false; response: EmuResponse } {
	const parsed = isJsonContentType(req) ? parseJsonBody(req) : { ok: false as const };
	if (!parsed.ok || !isRecord(parsed.value)) {
		return {
			ok: false,
			response: mdeBadRequest(
				'InvalidRequestBody',
				'The request body must be a JSON object sent with Content-Type: application/json.',
			),
		};
	}
	return { ok: true, body: parsed.value };
}

/**
 * Body parameter names are case-sensitive (graph-api.md §8): an unknown or wrongly cased name
 * is an error, not silently ignored.
 */
export function unexpectedKeys(
	body: Record<string, unknown>,
	allowed: readonly string[],
): EmuResponse | undefined {
	const extra = Object.keys(body).find((k) => !allowed.includes(k));
	if (!extra) return undefined;
	const sameName = allowed.find((a) => a.toLowerCase() === extra.toLowerCase());
	const hint = sameName
		? ` Parameter names are case-sensitive: use '${sameName}'.`
		: ` Allowed parameters: ${allowed.join(', ')}.`;
	return mdeBadRequest(
		'InvalidRequestBody',
		`Unexpected parameter '${extra.slice(0, 100)}'.${hint}`,
	);
}
