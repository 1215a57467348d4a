import {
	NodeApiError,
	NodeOperationError,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { DefenderError, isDefenderError } from '../../lib/errors';
import { redactSecrets } from '../../lib/redact';

export type NodeError = NodeApiError | NodeOperationError;

const INPUT_KINDS = new Set(['validation', 'schema']);

function describe(error: DefenderError): string | undefined {
	const parts = [error.hint, error.apiMessage ? `Microsoft said: ${error.apiMessage}` : undefined];
	if (error.requestId) parts.push(`Request id: ${error.requestId}`);
	const text = parts.filter(Boolean).join('\n');
	return text || undefined;
}

/**
 * The one place lib errors become n8n errors: input problems are NodeOperationError, API answers
 * are NodeApiError with the HTTP status. Messages are lib's fixed texts, so no secret reaches them.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (isDefenderError(error)) {
		const description = describe(error);
		if (INPUT_KINDS.has(error.kind)) {
			return new NodeOperationError(node, error.message, { itemIndex, description });
		}
		return new NodeApiError(node, error.toJSON() as JsonObject, {
			message: error.message,
			description,
			httpCode: error.status !== undefined ? String(error.status) : undefined,
			itemIndex,
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, redactSecrets(message), { itemIndex });
}

/** The JSON an error item carries when Continue On Fail is on. */
export function errorItemJson(error: NodeError | DefenderError | Error): JsonObject {
	const json: JsonObject = { error: error.message };
	if (isDefenderError(error)) {
		json.kind = error.kind;
		if (error.status !== undefined) json.status = error.status;
		if (error.code) json.code = error.code;
		if (error.hint) json.hint = error.hint;
		if (error.requestId) json.requestId = error.requestId;
	} else if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.hint = error.description;
		if (error instanceof NodeApiError && error.httpCode) json.status = Number(error.httpCode);
	}
	return json;
}
