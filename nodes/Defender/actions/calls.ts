/**
 * The Graph calls the action node makes on one alert or incident, checked when they are built
 * (before anything is sent) and sendable either through the client's own method or as one
 * request of a JSON $batch (graph-api.md §7.3).
 */

import type { IDataObject } from 'n8n-workflow';

import type { BatchRequest } from '../../../lib/client/batch';
import type { DefenderClient } from '../../../lib/client/DefenderClient';
import {
	alertPatchBody,
	commentText,
	idSegment,
	incidentPatchBody,
} from '../../../lib/client/validate';
import { DefenderError } from '../../../lib/errors';
import {
	commentListSchema,
	graphAlertSchema,
	graphIncidentSchema,
	parseResponse,
} from '../../../lib/schemas';

export type EntityKind = 'alert' | 'incident';

export type EntityCall =
	| { op: 'get'; entity: EntityKind; id: string }
	| { op: 'update'; entity: EntityKind; id: string; patch: IDataObject }
	| { op: 'comment'; entity: EntityKind; id: string; text: string };

export type CallValue = IDataObject | IDataObject[];

/** A failed call keeps its error (a DefenderError from lib, or anything unexpected). */
export type CallResult = { ok: true; value: CallValue } | { ok: false; error: unknown };

// graph-api.md §3.1, §3.2
const COLLECTION: Record<EntityKind, string> = {
	alert: '/security/alerts_v2',
	incident: '/security/incidents',
};

export function getCall(entity: EntityKind, id: string): EntityCall {
	idSegment(id, entity);
	return { op: 'get', entity, id };
}

/** Validates and normalises the patch (fields, enums, classification/determination pair). */
export function updateCall(entity: EntityKind, id: string, patch: IDataObject): EntityCall {
	idSegment(id, entity);
	const body = entity === 'alert' ? alertPatchBody(patch) : incidentPatchBody(patch);
	return { op: 'update', entity, id, patch: body as IDataObject };
}

export function commentCall(entity: EntityKind, id: string, text: string): EntityCall {
	idSegment(id, entity);
	return { op: 'comment', entity, id, text: commentText(text) };
}

export function toBatchRequest(call: EntityCall): BatchRequest {
	const path = `${COLLECTION[call.entity]}/${idSegment(call.id, call.entity)}`;
	switch (call.op) {
		case 'get':
			return { method: 'GET', url: path };
		case 'update':
			return { method: 'PATCH', url: path, body: call.patch };
		case 'comment':
			// graph-api.md §4.2, §4.4: only `comment` is a parameter.
			return {
				method: 'POST',
				url: `${path}/comments`,
				body: { '@odata.type': 'microsoft.graph.security.alertComment', comment: call.text },
			};
	}
}

/** Parses a successful $batch body the way the client parses its own answers. */
export function parseCallBody(call: EntityCall, body: unknown): CallValue {
	if (call.op === 'comment') {
		const list = parseResponse(commentListSchema, body, `${call.entity} comments`);
		return list.value as IDataObject[];
	}
	const schema = call.entity === 'alert' ? graphAlertSchema : graphIncidentSchema;
	return parseResponse(
		schema,
		body,
		call.op === 'get' ? call.entity : `updated ${call.entity}`,
	) as IDataObject;
}

async function dispatch(client: DefenderClient, call: EntityCall): Promise<CallValue> {
	if (call.entity === 'alert') {
		switch (call.op) {
			case 'get':
				return (await client.getAlert(call.id)) as IDataObject;
			case 'update':
				return (await client.updateAlert(call.id, call.patch)) as IDataObject;
			case 'comment':
				return (await client.addAlertComment(call.id, call.text)) as IDataObject[];
		}
	}
	switch (call.op) {
		case 'get':
			return (await client.getIncident(call.id)) as IDataObject;
		case 'update':
			return (await client.updateIncident(call.id, call.patch)) as IDataObject;
		case 'comment':
			return (await client.addIncidentComment(call.id, call.text)) as IDataObject[];
	}
}

const LABEL: Record<EntityKind, string> = { alert: 'Alert', incident: 'Incident' };

/** Names the entity in the message, so a failed item of a bulk run says which one failed. */
export function failed(call: EntityCall, error: unknown): CallResult {
	if (!(error instanceof DefenderError)) return { ok: false, error };
	const named = new DefenderError(
		error.kind,
		`${LABEL[call.entity]} ${call.id}: ${error.message}`,
		{
			status: error.status,
			code: error.code,
			requestId: error.requestId,
			hint: error.hint,
			retryAfterMs: error.retryAfterMs,
			apiMessage: error.apiMessage,
			cause: error,
		},
	);
	return { ok: false, error: named };
}

/** One call through the client's own method (no batch); lib errors become a failed result. */
export async function runCall(client: DefenderClient, call: EntityCall): Promise<CallResult> {
	try {
		return { ok: true, value: await dispatch(client, call) };
	} catch (error) {
		return failed(call, error);
	}
}

/** Calls sent as one $batch (at most 20); results in the order of `calls`. */
export async function runBatch(client: DefenderClient, calls: EntityCall[]): Promise<CallResult[]> {
	let results: Awaited<ReturnType<DefenderClient['batch']>>;
	try {
		results = await client.batch(calls.map(toBatchRequest));
	} catch (error) {
		// The $batch call itself failed (after its retries): every request in it failed with it.
		return calls.map((call) => failed(call, error));
	}
	return calls.map((call, index): CallResult => {
		const result = results[index];
		if (!result) {
			return failed(
				call,
				new DefenderError('server', 'The $batch answer has no response for this request.'),
			);
		}
		if (result.error) return failed(call, result.error);
		// The update was applied; without a body the fields sent are all there is to show.
		if (call.op === 'update' && (result.status === 204 || result.body === undefined)) {
			return { ok: true, value: { id: call.id, ...call.patch } };
		}
		try {
			return { ok: true, value: parseCallBody(call, result.body) };
		} catch (error) {
			return failed(call, error);
		}
	});
}
