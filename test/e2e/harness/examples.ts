/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, not shipped */
/**
 * Loads the example workflows from workflows/ the way a user imports them, then makes the edits a
 * user makes after import: pick the credentials, and point the case-system URLs at a real system
 * (here the local case sink).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from './package';
import type { Stack } from './stack';
import type { WorkflowJson } from './workflows';

export const workflowsDir = join(repoRoot, 'workflows');

/** The placeholder case-system base URL the examples ship with. */
export const CASE_SYSTEM_PLACEHOLDER = 'https://cases.example.com/api';

export function exampleFiles(): string[] {
	return readdirSync(workflowsDir)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

export function readExample(file: string): WorkflowJson & { nodes: Array<Record<string, unknown>> } {
	return JSON.parse(readFileSync(join(workflowsDir, file), 'utf8'));
}

export interface ExampleTargets {
	caseSystemUrl: string;
	/** Credentials of other types the example needs (e.g. a chat model's), by credential type. */
	extraCredentials?: Record<string, { id: string; name: string }>;
}

/** The example as n8n should receive it on this stack. */
export function prepareExample(stack: Stack, file: string, targets: ExampleTargets): WorkflowJson {
	const workflow = readExample(file);
	const text = JSON.stringify(workflow).split(CASE_SYSTEM_PLACEHOLDER).join(targets.caseSystemUrl);
	const prepared = JSON.parse(text) as WorkflowJson & { nodes: Array<Record<string, unknown>> };
	for (const node of prepared.nodes) {
		node.id ??= randomUUID();
		const credentials = node.credentials as Record<string, { id?: string; name: string }> | undefined;
		for (const type of Object.keys(credentials ?? {})) {
			const created =
				stack.credentials[type as keyof Stack['credentials']] ?? targets.extraCredentials?.[type];
			if (!created) throw new Error(`${file} uses a ${type} credential the stack does not create`);
			credentials![type] = { id: created.id, name: created.name };
		}
	}
	return { name: prepared.name, nodes: prepared.nodes, connections: prepared.connections, settings: prepared.settings };
}
