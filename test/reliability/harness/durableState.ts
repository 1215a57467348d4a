/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test harness, not shipped */
/**
 * With n8n's durable poll cursors the trigger's cursor lives in the `poller_state` table, written
 * in the same transaction as the execution row. Read with the runtime's own Node (node:sqlite).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { ensureRuntime } from '../../e2e/harness/runtime';
import type { SavedState } from './crashState';

/** Environment that turns durable poll cursors on in n8n 2.41 (all four are required). */
export const DURABLE_CURSORS_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

/**
 * The publication service claims each activation with a lease (2 min by default). A kill leaves the
 * claim behind and later activations of the workflow wait for it to expire, so a test that kills
 * n8n shortens the lease and polls the outbox every second.
 */
export const QUICK_PUBLICATION_RECOVERY_ENV = {
	N8N_WORKFLOW_PUBLICATION_OUTBOX_LEASE_SECONDS: '15',
	N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000',
};

/** n8n logs this (warn) when the flag is set without the scheduler it needs. */
export const DURABLE_CURSORS_DISABLED = /durable poll cursors stay disabled/;

const SCRIPT = `
const { DatabaseSync } = require('node:sqlite');
const [file, workflowId] = process.argv.slice(1);
const db = new DatabaseSync(file);
const rows = db.prepare('SELECT cursor FROM poller_state WHERE workflowId = ?').all(workflowId);
const executions = db.prepare('SELECT id, status FROM execution_entity WHERE workflowId = ? ORDER BY id').all(workflowId);
db.close();
const node = rows.length && rows[0].cursor ? JSON.parse(rows[0].cursor) : {};
process.stdout.write(JSON.stringify({
	rows: rows.length,
	cursor: node.cursor,
	seenIds: Array.isArray(node.seen) ? node.seen.map((entry) => String(entry[0])) : [],
	executions: executions.map((e) => ({ id: Number(e.id), status: String(e.status) })),
}));
`;

export interface DurableState extends SavedState {
	/** Rows in poller_state for the workflow: one once n8n adopted the trigger's cursor. */
	rows: number;
}

export function readDurableState(userFolder: string, workflowId: string): DurableState {
	const output = execFileSync(
		ensureRuntime().node,
		['--no-warnings', '-e', SCRIPT, join(userFolder, '.n8n', 'database.sqlite'), workflowId],
		{ encoding: 'utf8' },
	);
	return JSON.parse(output) as DurableState;
}
