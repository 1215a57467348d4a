/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test harness, not shipped */
/**
 * What a stopped or killed n8n left in its SQLite database for one workflow: the trigger's saved
 * cursor and the executions. Read with the runtime's own Node (node:sqlite), so it shows exactly
 * what n8n will start from.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { ensureRuntime } from '../../e2e/harness/runtime';

export interface SavedState {
	/** The Defender Trigger's stored cursor, undefined before the first saved poll. */
	cursor?: string;
	/** Ids in the trigger's de-dup list: what it considers emitted. */
	seenIds: string[];
	executions: Array<{ id: number; status: string }>;
}

const SCRIPT = `
const { DatabaseSync } = require('node:sqlite');
const [file, workflowId] = process.argv.slice(1);
const db = new DatabaseSync(file);
const row = db.prepare('SELECT staticData FROM workflow_entity WHERE id = ?').get(workflowId);
const executions = db.prepare('SELECT id, status FROM execution_entity WHERE workflowId = ? ORDER BY id').all(workflowId);
db.close();
const data = row && row.staticData ? JSON.parse(row.staticData) : {};
const node = data['node:Defender Trigger'] || {};
process.stdout.write(JSON.stringify({
	cursor: node.cursor,
	seenIds: Array.isArray(node.seen) ? node.seen.map((entry) => String(entry[0])) : [],
	executions: executions.map((e) => ({ id: Number(e.id), status: String(e.status) })),
}));
`;

export function readSavedState(userFolder: string, workflowId: string): SavedState {
	const output = execFileSync(
		ensureRuntime().node,
		['--no-warnings', '-e', SCRIPT, join(userFolder, '.n8n', 'database.sqlite'), workflowId],
		{ encoding: 'utf8' },
	);
	return JSON.parse(output) as SavedState;
}

export const CURSOR_WITHOUT_EXECUTION = 'cursor saved, no execution';

/** Ids the saved de-dup list gained between two states: the page a poll emitted. */
export function newlySeen(before: SavedState, after: SavedState): string[] {
	const known = new Set(before.seenIds);
	return after.seenIds.filter((id) => !known.has(id));
}

/** Which of the two writes of an emitting poll reached the database before the process died. */
export function classifyCrash(before: SavedState, after: SavedState): string {
	const cursorSaved = after.cursor !== before.cursor;
	const added = after.executions.filter(
		(execution) => !before.executions.some((known) => known.id === execution.id),
	);
	const execution = added.length > 0 ? `execution ${added.map((e) => e.status).join('/')}` : '';
	if (cursorSaved && execution) return `cursor and ${execution} saved`;
	if (cursorSaved) return CURSOR_WITHOUT_EXECUTION;
	if (execution) return `${execution} saved, cursor not`;
	return 'nothing saved';
}
