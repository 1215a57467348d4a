/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test harness, not shipped */
/**
 * Restart with n8n's durable poll cursors: the same kills as restart.reliability.test.ts, timed
 * against n8n's emit, with N8N_POLLER_DURABLE_CURSORS_ENABLED and the scheduler it needs. n8n then
 * keeps the trigger's static data in `poller_state` and writes it in one transaction with the
 * execution row, so a kill leaves either both or neither: nothing may be lost or emitted twice.
 *
 * With the workflow publication service on, activation is asynchronous; a poll on demand is still
 * deactivate + activate (n8n polls once when it inserts the scheduler job), and the test waits
 * for the emit and its execution before the next one. The scheduled time is an hour away, so
 * every poll is one the test asked for.
 */
import { startStack, type Stack } from '../e2e/harness/stack';
import { createWorkflow } from '../e2e/harness/workflows';
import {
	DURABLE_CURSORS_DISABLED,
	DURABLE_CURSORS_ENV,
	QUICK_PUBLICATION_RECOVERY_ENV,
	readDurableState,
} from './harness/durableState';
import { classifyCrash, CURSOR_WITHOUT_EXECUTION } from './harness/crashState';
import { compareVersions, ExecutionCollector, versionKey } from './harness/executions';
import { FaultLedger } from './harness/faultLedger';
import { countByStatus, killAtEachMoment } from './harness/killSchedule';
import { logSize, waitForLogLine } from './harness/logWatch';
import {
	activateWorkflow,
	deactivateWorkflow,
	keepLog,
	pause,
	pollWorkflow,
} from './harness/pollWorkflow';

const BACKLOG = 1_500;
const MAX_ITEMS_PER_POLL = 50;
const DRAIN_LIMIT_MS = 6 * 60_000;
const SLOW_LIST_MS = 1_500;
const EMIT_LINE = /Received event to trigger execution for workflow "durable restart alerts"/;
/** How long a requested poll may take to emit before it counts as "nothing new". */
const EMIT_WAIT_MS = 45_000;

describe('restart with durable poll cursors: n8n killed while the trigger drains a backlog', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({
			emulator: { alerts: 0, seed: 37, rateLimits: false },
			n8nEnv: {
				...DURABLE_CURSORS_ENV,
				...QUICK_PUBLICATION_RECOVERY_ENV,
				N8N_LOG_LEVEL: 'debug',
			},
		});
	}, 900_000);

	afterAll(async () => {
		if (stack)
			process.stdout.write(
				`[restart-durable] n8n log kept at ${keepLog(stack.n8n, 'defender-restart-durable')}\n`,
			);
		await stack?.stop();
	});

	it('loses nothing and emits nothing twice across a graceful stop and hard kills', async () => {
		const started = Date.now();
		const { emulator, n8n } = stack;
		const expected = new Set<string>();
		for (let i = 0; i < BACKLOG; i++) {
			expected.add(versionKey(emulator.admin.createAlert({ severity: 'high', status: 'new' })));
		}
		const workflow = pollWorkflow(stack, 'durable restart alerts', {
			lookBack: '1h',
			maxItems: MAX_ITEMS_PER_POLL,
		});
		// Scheduled polls half an hour away: only the polls the test asks for run.
		const minute = (new Date().getUTCMinutes() + 30) % 60;
		(workflow.nodes[0].parameters as Record<string, unknown>).pollTimes = {
			item: [{ mode: 'everyHour', minute }],
		};
		const workflowId = await createWorkflow(n8n, workflow);
		const executions = new ExecutionCollector(() => n8n, workflowId);
		let polls = 0;

		/** Waits for the emit of a requested poll and for its execution; false when nothing came. */
		const awaitPoll = async (from: number, known: number): Promise<boolean> => {
			try {
				await waitForLogLine(n8n.logFile, EMIT_LINE, from, EMIT_WAIT_MS);
			} catch {
				return false;
			}
			const deadline = Date.now() + 120_000;
			while (Date.now() < deadline) {
				await executions.refresh();
				if (executions.list().length > known) return true;
				await pause(300);
			}
			throw new Error('a poll emitted but no execution finished within 120 s');
		};
		const pollOnce = async (): Promise<boolean> => {
			const from = logSize(n8n.logFile);
			const known = executions.list().length;
			await deactivateWorkflow(n8n, workflowId);
			await activateWorkflow(n8n, workflowId);
			polls += 1;
			return await awaitPoll(from, known);
		};
		const drainSome = async (count: number) => {
			for (let i = 0; i < count; i++) await pollOnce();
		};
		const drained = async () => {
			await executions.refresh();
			const emitted = new Set(executions.emittedKeys());
			return [...expected].every((key) => emitted.has(key));
		};

		{
			const from = logSize(n8n.logFile);
			await activateWorkflow(n8n, workflowId);
			polls += 1;
			expect(await awaitPoll(from, 0)).toBe(true);
		}
		// Durable cursors are really on: n8n adopted the trigger's cursor into poller_state.
		const first = readDurableState(stack.userFolder, workflowId);
		expect(n8n.logText()).not.toMatch(DURABLE_CURSORS_DISABLED);
		expect({ rows: first.rows, hasCursor: typeof first.cursor === 'string' }).toEqual({
			rows: 1,
			hasCursor: true,
		});

		await drainSome(2);
		await n8n.restart();
		const restarts = ['stop'];
		await drainSome(2);

		const ledger = new FaultLedger(emulator);
		const crashes: string[] = [];
		const crashDuringPoll = async (label: string, killAt: () => Promise<number>) => {
			await deactivateWorkflow(n8n, workflowId);
			await pause(1_000);
			const before = readDurableState(stack.userFolder, workflowId);
			const kill = killAt();
			const activation = activateWorkflow(n8n, workflowId).catch(() => undefined);
			polls += 1;
			await pause(Math.max(0, (await kill) - Date.now()));
			await n8n.kill();
			await activation;
			const after = readDurableState(stack.userFolder, workflowId);
			crashes.push(`${label}: ${classifyCrash(before, after)}`);
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
		// One more poll after the catch-up: a repeat would show here.
		await drainSome(1);
		await deactivateWorkflow(n8n, workflowId);
		await executions.settle();

		const all = executions.list();
		const emittedKeys = executions.emittedKeys();
		const { lost, duplicated, unexpected } = compareVersions(expected, emittedKeys);
		const crashed = all.filter((execution) => execution.status === 'crashed');
		const inCrashed = crashed.reduce((sum, execution) => sum + execution.items.length, 0);
		const statuses = countByStatus(all);
		process.stdout.write(
			[
				`[restart-durable] alerts ${BACKLOG}, emitted ${emittedKeys.length}, lost ${lost.length}, duplicated ${duplicated.length}, unexpected ${unexpected.length}; ${inCrashed} of the emitted are in ${crashed.length} executions a kill interrupted (n8n marks them crashed)`,
				`[restart-durable] restarts ${restarts.length} (${restarts.join(', ')}), polls ${polls} (activations), executions ${all.length} ${JSON.stringify(statuses)}`,
				`[restart-durable] at each kill: ${crashes.join('; ')}`,
				`[restart-durable] starts n8n failed in its own crash recovery (started once more, as a supervisor would): ${n8n.recoveryCrashStarts}`,
				`[restart-durable] time ${Math.round((Date.now() - started) / 1000)} s`,
				'',
			].join('\n'),
		);

		expect({
			lost: lost.slice(0, 5),
			duplicated: duplicated.slice(0, 5),
			unexpected: unexpected.slice(0, 5),
		}).toEqual({ lost: [], duplicated: [], unexpected: [] });
		expect(emittedKeys).toHaveLength(BACKLOG);
		// One transaction: no kill leaves the cursor without its execution, or the other way round.
		expect(
			crashes.filter(
				(crash) => crash.endsWith(CURSOR_WITHOUT_EXECUTION) || crash.endsWith('cursor not'),
			),
		).toEqual([]);
		// Only a kill can interrupt a run, and n8n keeps the interrupted run's items.
		expect(all.filter((e) => e.status !== 'success' && e.status !== 'crashed')).toEqual([]);
		expect(crashed.length).toBeLessThanOrEqual(crashes.length);
		expect(crashed.every((execution) => execution.items.length > 0)).toBe(true);
	});
});
