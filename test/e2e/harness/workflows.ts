/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/** Creating, activating and reading workflows and executions through n8n's public API. */
import { randomUUID } from 'node:crypto';

import type { N8nInstance } from './n8n';
import type { CredentialRef } from './stack';

export interface WorkflowJson {
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	/** Output items of each node, by node name (first run, main output 0). */
	items: Record<string, Array<Record<string, unknown>>>;
	error?: string;
}

export const TRIGGER_TYPE = 'n8n-nodes-defender-xdr.defenderTrigger';
export const DEFENDER_TYPE = 'n8n-nodes-defender-xdr.defender';
export const TRIGGER_NAME = 'Defender Trigger';

/** What exactly-once is counted in: one alert or incident version. */
export const versionKey = (item: Record<string, unknown>): string =>
	`${item.id}|${item.lastUpdateDateTime}`;

/** Items the Defender Trigger emitted across these executions. */
export const emittedByTrigger = (executions: ExecutionSummary[]): Array<Record<string, unknown>> =>
	executions.flatMap((execution) => execution.items[TRIGGER_NAME] ?? []);

export const credentialRef = (credential: CredentialRef) => ({
	id: credential.id,
	name: credential.name,
});

export type TriggerSpec =
	| { mode: 'poll'; credential: CredentialRef; parameters?: Record<string, unknown> }
	| {
			mode: 'webhook';
			credential: CredentialRef;
			webhookId: string;
			path: string;
			parameters?: Record<string, unknown>;
	  };

/** A Defender Trigger node: alerts, created or updated, with the credential its mode needs. */
export function defenderTriggerNode(spec: TriggerSpec): Record<string, unknown> {
	const common = {
		id: randomUUID(),
		name: TRIGGER_NAME,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
	};
	if (spec.mode === 'poll') {
		return {
			...common,
			parameters: {
				mode: 'poll',
				resource: 'alerts',
				event: 'createdOrUpdated',
				...spec.parameters,
			},
			credentials: { defenderXdrApi: credentialRef(spec.credential) },
		};
	}
	return {
		...common,
		webhookId: spec.webhookId,
		parameters: { mode: 'webhook', event: 'createdOrUpdated', path: spec.path, ...spec.parameters },
		credentials: { defenderWebhookApi: credentialRef(spec.credential) },
	};
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function createWorkflow(n8n: N8nInstance, workflow: WorkflowJson): Promise<string> {
	const response = await n8n.api().post('/workflows', { settings: {}, ...workflow });
	if (response.status !== 200) {
		throw new Error(
			`creating workflow "${workflow.name}" failed: ${response.status} ${JSON.stringify(response.data)}`,
		);
	}
	return String(response.data.id);
}

export async function activate(n8n: N8nInstance, id: string): Promise<void> {
	const response = await n8n.api().post(`/workflows/${id}/activate`, {});
	if (response.status !== 200) {
		throw new Error(
			`activating workflow ${id} failed: ${response.status} ${JSON.stringify(response.data)}`,
		);
	}
}

export async function deactivate(n8n: N8nInstance, id: string): Promise<void> {
	await n8n.api().post(`/workflows/${id}/deactivate`, {});
}

function summarize(execution: Record<string, unknown>): ExecutionSummary {
	const data = execution.data as
		| {
				resultData?: {
					runData?: Record<string, Array<Record<string, unknown>>>;
					error?: { message?: string };
				};
		  }
		| undefined;
	const items: ExecutionSummary['items'] = {};
	for (const [node, runs] of Object.entries(data?.resultData?.runData ?? {})) {
		const main = (
			runs[0]?.data as { main?: Array<Array<{ json: Record<string, unknown> }>> } | undefined
		)?.main;
		items[node] = (main?.[0] ?? []).map((item) => item.json);
	}
	return {
		id: String(execution.id),
		status: String(execution.status),
		mode: String(execution.mode),
		items,
		error: data?.resultData?.error?.message,
	};
}

/**
 * A read of n8n's API, tried again when the answer did not arrive whole (seen under load: the
 * body of a large execution page aborted after its headers). The API client accepts every
 * status, so anything thrown is the transport. Reads only; nothing here changes n8n's state.
 */
async function readingAgain<T>(read: () => Promise<T>, attempts = 4): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await read();
		} catch (error) {
			const transport = (error as { isAxiosError?: boolean }).isAxiosError === true;
			if (!transport || attempt >= attempts) throw error;
			await delay(500 * attempt);
		}
	}
}

export async function listExecutions(
	n8n: N8nInstance,
	workflowId: string,
): Promise<ExecutionSummary[]> {
	const all: ExecutionSummary[] = [];
	let cursor: string | undefined;
	do {
		const page = cursor;
		const response = await readingAgain(() =>
			n8n.api().get('/executions', {
				params: { workflowId, includeData: true, limit: 100, cursor: page },
				// Uncompressed: compressed pages were the ones seen cut off.
				headers: { 'accept-encoding': 'identity' },
			}),
		);
		if (response.status !== 200) throw new Error(`listing executions failed: ${response.status}`);
		all.push(...(response.data.data as Array<Record<string, unknown>>).map(summarize));
		cursor = response.data.nextCursor ?? undefined;
	} while (cursor);
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Waits until `predicate` holds for the workflow's finished executions. */
export async function waitForExecutions(
	n8n: N8nInstance,
	workflowId: string,
	predicate: (executions: ExecutionSummary[]) => boolean,
	timeoutMs = 60_000,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	let last: ExecutionSummary[] = [];
	while (Date.now() < deadline) {
		last = (await listExecutions(n8n, workflowId)).filter(
			(e) => e.status !== 'running' && e.status !== 'new',
		);
		if (predicate(last)) return last;
		await delay(300);
	}
	throw new Error(
		`timed out waiting for executions of ${workflowId}; have ${last.length}: ${JSON.stringify(last.map((e) => [e.id, e.status, e.error]))}`,
	);
}

/** Waits until a production webhook answers something other than 404 (registration is asynchronous). */
export async function waitForWebhook(
	n8n: N8nInstance,
	path: string,
	timeoutMs = 20_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await n8n
			.rest()
			.post(`/webhook/${path}`, {}, { headers: { 'content-type': 'application/json' } });
		if (response.status !== 404) return;
		await delay(200);
	}
	throw new Error(`webhook /webhook/${path} was not registered in time`);
}
