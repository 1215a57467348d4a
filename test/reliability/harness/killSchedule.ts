/**
 * The moments both restart tests kill n8n at: once inside the alert list request (the poll never
 * finishes), then at and just after n8n's emit, where the cursor and the execution are saved.
 */
import type { N8nInstance } from '../../e2e/harness/n8n';
import type { FaultLedger } from './faultLedger';
import { logSize, waitForLogLine } from './logWatch';
import { ALERTS_PATH } from './pollWorkflow';

/** Milliseconds after the emit line to kill at. */
export const KILL_AFTER_EMIT_MS = [0, 5, 15, 30, 60, 120];

/** Kills one poll at the time `killAt` resolves to (epoch ms); the caller restarts n8n. */
export type CrashDuringPoll = (label: string, killAt: () => Promise<number>) => Promise<void>;

export async function killAtEachMoment(
	n8n: N8nInstance,
	ledger: FaultLedger,
	options: { slowListMs: number; emitLine: RegExp },
	crashDuringPoll: CrashDuringPoll,
): Promise<void> {
	ledger.add({ path: ALERTS_PATH, method: 'GET', delayMs: options.slowListMs });
	await crashDuringPoll(
		'in request',
		async () => (await ledger.nextHit()) + options.slowListMs / 2,
	);
	for (const offset of KILL_AFTER_EMIT_MS) {
		const from = logSize(n8n.logFile);
		await crashDuringPoll(
			`emit +${offset} ms`,
			async () => (await waitForLogLine(n8n.logFile, options.emitLine, from)) + offset,
		);
	}
}

/** How many executions ended in each status. */
export function countByStatus(executions: Array<{ status: string }>): Record<string, number> {
	const count: Record<string, number> = {};
	for (const execution of executions) count[execution.status] = (count[execution.status] ?? 0) + 1;
	return count;
}
