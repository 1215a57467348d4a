/* eslint-disable no-console -- test harness, not shipped */
/**
 * Disposition sync under faults in a real n8n: example workflow 03 (case-closed webhook → Sync
 * Closed Case to Defender) receives 40 closed cases while the emulator fails reads, resolves,
 * comments and $batch calls, including writes that went through while their answer was lost.
 * Every call either succeeds with its alert and/or incident resolved and exactly one audit comment,
 * or fails with an error that names what was done and what was not. Every failed call is then
 * sent again; in the end every entity is resolved with exactly one comment.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	LASTING,
	buildCases,
	checkOutcome,
	complete,
	faultFor,
	injectFaults,
	seededRandom,
	stateOf,
	type FaultKind,
	type SyncCase,
} from '../nodes/defender/case/dispositionFaults';
import { prepareExample, readExample } from '../e2e/harness/examples';
import { startStack, type Stack } from '../e2e/harness/stack';
import {
	activate,
	createWorkflow,
	deactivate,
	listExecutions,
	waitForWebhook,
	type ExecutionSummary,
} from '../e2e/harness/workflows';

const CALLS = 40;
const SEED = 903;
const FILE = '03-case-closed-disposition-sync.json';

describe('disposition sync under faults in a real n8n (workflow 03)', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({ emulator: { alerts: 0, seed: SEED, rateLimits: false } });
	}, 900_000);

	afterAll(async () => {
		await stack?.stop();
	});

	it(`${CALLS} case-closed calls under faults end resolved with exactly one comment each, or as errors that say what is missing; repeating the errors completes them`, async () => {
		const { emulator, n8n } = stack;
		// One alert per incident (createAlert makes its incident); a case links the alert, the
		// incident, or both (the node reads both in one $batch).
		for (let i = 0; i < CALLS; i++) {
			emulator.admin.createAlert({
				severity: i % 2 === 0 ? 'high' : 'medium',
				title: `Closed case ${i + 1}`,
			});
		}
		const random = seededRandom(SEED);
		const cases = buildCases(emulator, CALLS, random, 'CASE');

		const webhook = readExample(FILE).nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
		const path = (webhook?.parameters as { path: string }).path;
		const workflowId = await createWorkflow(
			n8n,
			prepareExample(stack, FILE, { caseSystemUrl: 'http://127.0.0.1:9' }),
		);
		await activate(n8n, workflowId);
		await waitForWebhook(n8n, path);
		const before = await listExecutions(n8n, workflowId);

		const close = async (syncCase: SyncCase) =>
			await n8n.rest().post(
				`/webhook/${path}`,
				{ ...syncCase.json, sourceRef: syncCase.targets[0]?.id },
				{
					headers: {
						'content-type': 'application/json',
						[stack.caseSystemHeader.name]: stack.caseSystemHeader.value,
					},
				},
			);

		// Faults on the entities of most cases, plus $batch faults met by the cases linking both.
		const injected: FaultKind[] = injectFaults(emulator, cases, random, { rate: 0.75 });
		for (const syncCase of cases.filter((c) => c.targets.length === 2).slice(0, 4)) {
			const kind: FaultKind = random() < 0.5 ? 'batchLost' : 'batch503';
			emulator.faults.add(faultFor(kind, syncCase.targets[0] as never, random));
			injected.push(kind);
		}
		const planned = emulator.faults.list().reduce((sum, fault) => sum + (fault.times ?? 1), 0);
		emulator.requests.clear();

		const problems: string[] = [];
		const failed: SyncCase[] = [];
		for (const syncCase of cases) {
			const answer = await close(syncCase);
			if (answer.status === 200) {
				for (const problem of checkOutcome(
					syncCase,
					stateOf(emulator, syncCase),
					answer.data as IDataObject,
				)) {
					problems.push(`${syncCase.caseId}: ${problem}`);
				}
			} else {
				failed.push(syncCase);
			}
		}
		const left = emulator.faults.list();
		const unused = left.reduce((sum, fault) => sum + (fault.times ?? 1), 0);
		// Every passing fault was met; only the rest of the lasting ones (40 answers each) is left.
		const lastingLeft = (fault: (typeof left)[number]) =>
			(fault.method === 'GET' && fault.status === 500) ||
			(fault.method === 'POST' && String(fault.path).endsWith('/comments') && fault.status === 503);
		expect(left.filter((fault) => !lastingLeft(fault))).toEqual([]);
		// Lasting faults that were not used up would fail the repeats: they are over now.
		emulator.faults.clear();

		// A failed call's execution must say what was done and what was not.
		const executions = (await listExecutions(n8n, workflowId)).filter(
			(execution) => !before.some((old) => old.id === execution.id),
		);
		expect(executions).toHaveLength(CALLS);
		const errors = executions.filter((execution) => execution.status === 'error');
		expect(errors).toHaveLength(failed.length);
		failed.forEach((syncCase, k) => {
			const execution = errors[k] as ExecutionSummary;
			const output = { error: execution.error ?? '' };
			for (const problem of checkOutcome(syncCase, stateOf(emulator, syncCase), output)) {
				problems.push(`${syncCase.caseId} (failed call): ${problem}`);
			}
		});
		expect(problems).toEqual([]);
		if (!injected.some((kind) => LASTING.has(kind))) expect(failed).toEqual([]);
		const halfDoneAfterFirstPass = failed.filter((syncCase) =>
			stateOf(emulator, syncCase).some((state) => state.resolved && state.comments === 0),
		).length;

		// Repeat every call that failed: the sync reads first, so it completes without repeating.
		const repeats: number[] = [];
		for (const syncCase of failed) {
			const answer = await close(syncCase);
			repeats.push(answer.status);
			expect(
				checkOutcome(syncCase, stateOf(emulator, syncCase), answer.data as IDataObject),
			).toEqual([]);
		}
		expect(repeats.every((status) => status === 200)).toBe(true);

		const comments = new Map<number, number>();
		for (const syncCase of cases) {
			expect(complete(syncCase, stateOf(emulator, syncCase))).toBe(true);
			for (const state of stateOf(emulator, syncCase)) {
				comments.set(state.comments, (comments.get(state.comments) ?? 0) + 1);
			}
		}
		expect([...comments.keys()]).toEqual([1]);

		const log = emulator.requests.list();
		const byKind = new Map<string, number>();
		for (const kind of injected) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
		const entities = cases.reduce((sum, c) => sum + c.targets.length, 0);
		console.log(
			[
				`[disposition] calls ${CALLS}, entities ${entities} (cases linking both ${cases.filter((c) => c.targets.length === 2).length})`,
				`[disposition] faults injected ${injected.length} (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}), fault answers hit ${planned - unused}, passing faults left unused 0`,
				`[disposition] API requests ${log.length}, $batch calls ${log.filter((e) => e.path === '/v1.0/$batch').length}, comment POSTs ${log.filter((e) => e.method === 'POST' && e.path.endsWith('/comments')).length}`,
				`[disposition] failed calls ${failed.length} (resolved without comment at that point ${halfDoneAfterFirstPass}), repeats ${repeats.length}, repeats failed ${repeats.filter((s) => s !== 200).length}`,
				`[disposition] comments per entity: ${[...comments].map(([n, count]) => `${n} comment -> ${count} entities`).join(', ')}; duplicates 0, missing 0`,
			].join('\n'),
		);
		await deactivate(n8n, workflowId);
	});
});
