/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test harness, not shipped */
/**
 * Restart: n8n is stopped, and killed outright, while the Defender Trigger drains a backlog, then
 * started again on the same user folder. Nothing may be emitted twice, and nothing may be lost
 * except in the one window n8n itself leaves open.
 *
 * When n8n 2.41 saves the cursor (default settings, no durable poll cursors): a poll that returns
 * items calls `__emit`, which starts saving the workflow's static data and, without waiting,
 * loads the workflow and creates the execution; a poll that returns nothing saves nothing. Two
 * separate writes, no transaction. A crash after the static data and before the execution row
 * loses that page: the saved cursor and de-dup list already count it as delivered, and the node
 * cannot tell from inside a poll whether the execution was stored. n8n's durable poll cursors
 * (N8N_POLLER_DURABLE_CURSORS_ENABLED with its scheduler) write both in one transaction.
 * The kills below are timed against n8n's own debug line for the emit, so they hit that window
 * on purpose; the test reads the database after each kill to know which writes made it, and
 * accepts a loss only for the page of a kill whose cursor was saved without its execution.
 */
import { startStack, type Stack } from '../e2e/harness/stack';
import { createWorkflow } from '../e2e/harness/workflows';
import {
	classifyCrash,
	CURSOR_WITHOUT_EXECUTION,
	newlySeen,
	readSavedState,
} from './harness/crashState';
import { compareVersions, ExecutionCollector, versionKey } from './harness/executions';
import { FaultLedger } from './harness/faultLedger';
import { countByStatus, killAtEachMoment } from './harness/killSchedule';
import { overlappingPolls } from './harness/logWatch';
import {
	activateWorkflow,
	deactivateWorkflow,
	keepLog,
	pause,
	pollNow,
	pollWorkflow,
	SYNCHRONOUS_ACTIVATION,
} from './harness/pollWorkflow';

const BACKLOG = 1_500;
const MAX_ITEMS_PER_POLL = 30;
const DRAIN_LIMIT_MS = 8 * 60_000;
/** Slow list answers make the kill inside a request easy to place. */
const SLOW_LIST_MS = 1_500;
/** n8n logs this (debug) in the poll's emit, just before it saves static data and starts the execution. */
const EMIT_LINE = /Received event to trigger execution for workflow "restart alerts"/;
/** Kill times after that line: on it, and across the two database writes that follow. */

describe('restart: n8n stopped or killed while the trigger drains a backlog', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({
			emulator: { alerts: 0, seed: 31, rateLimits: false },
			// Debug logging shows the moment of the emit, which the kills are timed against.
			n8nEnv: { ...SYNCHRONOUS_ACTIVATION, N8N_LOG_LEVEL: 'debug' },
		});
	}, 900_000);

	afterAll(async () => {
		if (stack)
			process.stdout.write(`[restart] n8n log kept at ${keepLog(stack.n8n, 'defender-restart')}\n`);
		await stack?.stop();
	});

	it('emits nothing twice across a graceful stop and hard kills, and loses only a page n8n marked delivered without storing its execution', async () => {
		const started = Date.now();
		const { emulator, n8n } = stack;
		const expected = new Set<string>();
		for (let i = 0; i < BACKLOG; i++) {
			expected.add(versionKey(emulator.admin.createAlert({ severity: 'high', status: 'new' })));
		}
		const workflowId = await createWorkflow(
			n8n,
			pollWorkflow(stack, 'restart alerts', { lookBack: '1h', maxItems: MAX_ITEMS_PER_POLL }),
		);
		const executions = new ExecutionCollector(() => n8n, workflowId);
		await activateWorkflow(n8n, workflowId);
		let polls = 1;
		/** Ids of pages n8n marked delivered without storing their execution (see above). */
		const lostToCrash = new Set<string>();
		const idOf = (key: string) => key.slice(0, key.indexOf('|'));
		const drained = async () => {
			await executions.refresh();
			const emitted = new Set(executions.emittedKeys());
			return [...expected].every((key) => emitted.has(key) || lostToCrash.has(idOf(key)));
		};
		const drainSome = async (count: number) => {
			for (let i = 0; i < count; i++) {
				await pollNow(n8n, workflowId);
				polls += 1;
			}
		};

		await drainSome(4);
		// Graceful: SIGTERM, n8n shuts down, and re-activates the workflow (one poll) when it starts.
		await n8n.restart();
		const restarts = ['stop'];
		await drainSome(3);

		const ledger = new FaultLedger(emulator);
		const crashes: string[] = [];
		/** Re-activates (one poll), kills n8n at `killAt`, records what was saved, starts it again. */
		const crashDuringPoll = async (label: string, killAt: () => Promise<number>) => {
			await deactivateWorkflow(n8n, workflowId);
			const before = readSavedState(stack.userFolder, workflowId);
			const kill = killAt();
			const activation = activateWorkflow(n8n, workflowId).catch(() => undefined);
			await pause(Math.max(0, (await kill) - Date.now()));
			await n8n.kill();
			await activation;
			// What the crash left behind, read from the database before n8n starts again.
			const after = readSavedState(stack.userFolder, workflowId);
			const outcome = classifyCrash(before, after);
			if (outcome === CURSOR_WITHOUT_EXECUTION) {
				for (const id of newlySeen(before, after)) lostToCrash.add(id);
			}
			crashes.push(`${label}: ${outcome}`);
			await n8n.restart();
			restarts.push(`kill ${label}`);
			await drainSome(1);
		};

		await killAtEachMoment(
			n8n,
			ledger,
			{ slowListMs: SLOW_LIST_MS, emitLine: EMIT_LINE },
			crashDuringPoll,
		);

		const deadline = Date.now() + DRAIN_LIMIT_MS;
		while (!(await drained()) && Date.now() < deadline) await drainSome(1);
		// A few more polls after the catch-up: any repeat would show here.
		await drainSome(2);
		await deactivateWorkflow(n8n, workflowId);
		await executions.settle();

		const all = executions.list();
		const emittedKeys = executions.emittedKeys();
		const { lost, duplicated, unexpected } = compareVersions(expected, emittedKeys);
		const lostElsewhere = lost.filter((key) => !lostToCrash.has(idOf(key)));
		const crashed = all.filter((execution) => execution.status === 'crashed');
		const inCrashed = crashed.reduce((sum, execution) => sum + execution.items.length, 0);
		const gapKills = crashes.filter((crash) => crash.endsWith(CURSOR_WITHOUT_EXECUTION)).length;
		// n8n 2.41 at times begins two polls of the workflow together after a start, both from the
		// same stored state; reported to show the case was met.
		const overlaps = overlappingPolls(n8n.logFile, 'restart alerts');
		const statuses = countByStatus(all);
		process.stdout.write(
			[
				`[restart] alerts ${BACKLOG}, emitted ${emittedKeys.length}, lost ${lost.length} (${lost.length - lostElsewhere.length} from ${gapKills} kills between n8n's cursor save and its execution insert, ${lostElsewhere.length} elsewhere), duplicated ${duplicated.length}, unexpected ${unexpected.length}; ${inCrashed} of the emitted are in ${crashed.length} executions a kill interrupted (n8n marks them crashed, retry from the execution list)`,
				`[restart] restarts ${restarts.length} (${restarts.join(', ')}), polls ${polls} (re-activations) + one per start, executions ${all.length} ${JSON.stringify(statuses)}`,
				`[restart] at each kill: ${crashes.join('; ')}`,
				`[restart] polls n8n began together from one stored state: ${overlaps.length}${overlaps.length ? ` (${overlaps.join(', ')})` : ''}`,
				`[restart] starts n8n failed in its own crash recovery (started once more, as a supervisor would): ${n8n.recoveryCrashStarts}`,
				`[restart] time ${Math.round((Date.now() - started) / 1000)} s`,
				'',
			].join('\n'),
		);

		expect({
			lost: lostElsewhere.slice(0, 5),
			unexpected: unexpected.slice(0, 5),
		}).toEqual({ lost: [], unexpected: [] });
		// Nothing twice, also when n8n began two polls together (the trigger waits for the first).
		expect(duplicated.slice(0, 5)).toEqual([]);
		expect(emittedKeys).toHaveLength(BACKLOG - lost.length);
		// A loss never exceeds the one page of each kill that landed in that window.
		expect(lost.length).toBeLessThanOrEqual(MAX_ITEMS_PER_POLL * gapKills);
		// Only a kill can interrupt a run, and n8n keeps the interrupted run's items.
		expect(all.filter((e) => e.status !== 'success' && e.status !== 'crashed')).toEqual([]);
		expect(crashed.length).toBeLessThanOrEqual(crashes.length);
		expect(crashed.every((execution) => execution.items.length > 0)).toBe(true);
	});
});
