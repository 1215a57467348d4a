/**
 * The two workflows the webhook benchmark drives in the same n8n:
 * A, the Defender Trigger in webhook mode (validates, answers 202 with counts, then runs one
 * execution with one item per accepted record);
 * B, n8n's Webhook node with header auth, a Code node doing the same validation, and Respond to
 * Webhook answering the same counts. B can only answer after its Code node has run, so its answer
 * waits for the execution to reach Respond to Webhook; the trigger answers before its execution
 * runs. Both save execution data the same way.
 */
import { randomUUID } from 'node:crypto';

import type { WorkflowJson } from '../../e2e/harness/workflows';
import { VALIDATION_CODE } from './validationCode';

interface CredentialRef {
	id: string;
	name: string;
}

/** The same settings on both: every successful execution saved with its data, no progress saves. */
export const BENCH_WORKFLOW_SETTINGS = {
	executionOrder: 'v1',
	saveDataSuccessExecution: 'all',
	saveDataErrorExecution: 'all',
	saveExecutionProgress: false,
	saveManualExecutions: false,
};

export const TRIGGER_NODE = 'Defender Trigger';
export const CODE_NODE = 'Validate like the trigger';

export interface BenchWorkflow {
	workflow: WorkflowJson;
	/** The production URL path after /webhook/. */
	path: string;
	/** The node whose output holds one item per accepted record. */
	itemsNode: string;
}

export function defenderTriggerWorkflow(credential: CredentialRef): BenchWorkflow {
	const webhookId = randomUUID();
	return {
		workflow: {
			name: 'bench: Defender Trigger webhook',
			nodes: [
				{
					id: randomUUID(),
					name: TRIGGER_NODE,
					type: 'n8n-nodes-defender-xdr.defenderTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					// Default webhook options: de-dup on, at most 1,000 records per request.
					parameters: { mode: 'webhook', event: 'createdOrUpdated', path: 'bench' },
					credentials: { defenderWebhookApi: credential },
				},
			],
			connections: {},
			settings: BENCH_WORKFLOW_SETTINGS,
		},
		path: `${webhookId}/bench`,
		itemsNode: TRIGGER_NODE,
	};
}

export function builtInWebhookWorkflow(headerCredential: CredentialRef): BenchWorkflow {
	const path = `bench-builtin-${randomUUID()}`;
	return {
		workflow: {
			name: 'bench: Webhook + Code + Respond to Webhook',
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2.1,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: {
						httpMethod: 'POST',
						path,
						authentication: 'headerAuth',
						responseMode: 'responseNode',
						options: {},
					},
					credentials: { httpHeaderAuth: headerCredential },
				},
				{
					id: randomUUID(),
					name: CODE_NODE,
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [220, 0],
					parameters: {
						mode: 'runOnceForAllItems',
						language: 'javaScript',
						jsCode: VALIDATION_CODE,
					},
				},
				{
					id: randomUUID(),
					name: 'Respond with the counts',
					type: 'n8n-nodes-base.respondToWebhook',
					typeVersion: 1.5,
					position: [440, 0],
					parameters: {
						respondWith: 'json',
						responseBody: '={{ $json._intake.body }}',
						options: { responseCode: '={{ $json._intake.status }}' },
					},
				},
			],
			connections: {
				Webhook: { main: [[{ node: CODE_NODE, type: 'main', index: 0 }]] },
				[CODE_NODE]: { main: [[{ node: 'Respond with the counts', type: 'main', index: 0 }]] },
			},
			settings: BENCH_WORKFLOW_SETTINGS,
		},
		path,
		itemsNode: CODE_NODE,
	};
}
