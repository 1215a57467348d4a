/** Entra's token-endpoint error body (graph-api.md §1.1). */
import { randomUUID } from 'node:crypto';

import { json, type EmuResponse } from '../http';

export function entraError(
	status: number,
	error: string,
	code: number,
	description: string,
	nowMs: number,
): EmuResponse {
	const traceId = randomUUID();
	const correlationId = randomUUID();
	const timestamp = new Date(nowMs)
		.toISOString()
		.replace('T', ' ')
		.replace(/\.\d+Z$/, 'Z');
	return json(status, {
		error,
		error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
		error_codes: [code],
		timestamp,
		trace_id: traceId,
		correlation_id: correlationId,
		error_uri: `https://login.microsoftonline.com/error?code=${code}`,
	});
}
