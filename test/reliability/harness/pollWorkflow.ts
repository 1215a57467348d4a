/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/**
 * The polling workflow the reliability scenarios drive, and one poll on demand. n8n refuses poll
 * intervals under a minute ("The polling interval is too short. It has to be at least a minute."),
 * but activating a workflow runs one poll through the same code as a scheduled one, so
 * deactivate + activate is a poll now.
 */
import { copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nInstance } from '../../e2e/harness/n8n';
import type { Stack } from '../../e2e/harness/stack';
import { defenderTriggerNode, type WorkflowJson } from '../../e2e/harness/workflows';

/**
 * n8n 2.41 publishes activations through an outbox by default, so the activate call returns
 * before the trigger polled, and quick re-activations overtake each other. With the publication
 * service off, activation (and its poll) completes before the call returns.
 */
export const SYNCHRONOUS_ACTIVATION = { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' };

export const ALERTS_PATH = '/v1.0/security/alerts_v2';

export function pollWorkflow(
	stack: Stack,
	name: string,
	options: Record<string, unknown>,
): WorkflowJson {
	return {
		name,
		nodes: [
			defenderTriggerNode({
				mode: 'poll',
				credential: stack.credentials.defenderXdrApi,
				// The shortest interval n8n accepts; the scenarios poll faster by re-activating.
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, options },
			}),
		],
		connections: {},
	};
}

async function publish(n8n: N8nInstance, workflowId: string, action: 'activate' | 'deactivate') {
	for (let attempt = 1; ; attempt++) {
		try {
			// Uncompressed: compressed answers were seen cut off on this busy machine.
			const response = await n8n
				.api()
				.post(
					`/workflows/${workflowId}/${action}`,
					{},
					{ headers: { 'accept-encoding': 'identity' } },
				);
			if (response.status !== 200) {
				throw new Error(
					`${action} of workflow ${workflowId} failed: ${response.status} ${JSON.stringify(response.data)}`,
				);
			}
			return;
		} catch (error) {
			// Only an answer that never arrived is tried again; a refusal from n8n is a failure.
			const noAnswer =
				(error as { response?: unknown }).response === undefined &&
				(error as { isAxiosError?: boolean }).isAxiosError;
			if (!noAnswer || attempt >= 3) throw error;
			await pause(1_000);
		}
	}
}

export const activateWorkflow = (n8n: N8nInstance, id: string) => publish(n8n, id, 'activate');
export const deactivateWorkflow = (n8n: N8nInstance, id: string) => publish(n8n, id, 'deactivate');

/** One poll now: re-activating runs the trigger's poll before the call returns. */
export async function pollNow(n8n: N8nInstance, workflowId: string): Promise<void> {
	await deactivateWorkflow(n8n, workflowId);
	await activateWorkflow(n8n, workflowId);
}

/** Keeps n8n's log next to the temporary folders (the user folder is removed on stop). */
export function keepLog(n8n: N8nInstance, name: string): string {
	const target = join(tmpdir(), `${name}-n8n.log`);
	try {
		copyFileSync(n8n.logFile, target);
	} catch {
		return '';
	}
	return target;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Deterministic pseudo-random numbers, so a failing run can be repeated. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}
