/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test harness, not shipped */
/**
 * Soak: 2,000 alerts created and updated while a real n8n polls them with the Defender Trigger
 * and the emulator injects every fault the API can throw at it. Every version must be emitted
 * exactly once, every fault kind must really have been hit, and after the faults n8n's own
 * scheduler keeps polling successfully without anyone touching the workflow.
 */
import axios from 'axios';

import { startStack, type Stack } from '../e2e/harness/stack';
import { createWorkflow } from '../e2e/harness/workflows';
import { compareVersions, ExecutionCollector, versionKey } from './harness/executions';
import { FAULT_KINDS, FaultLedger, type FaultKind } from './harness/faultLedger';
import {
	activateWorkflow,
	ALERTS_PATH,
	deactivateWorkflow,
	keepLog,
	pause,
	pollNow,
	pollWorkflow,
	seededRandom,
	SYNCHRONOUS_ACTIVATION,
} from './harness/pollWorkflow';

const TOTAL_ALERTS = 2_000;
const BACKLOG = 800;
const CREATED_PER_POLL = 60;
const UPDATES = 1_000;
const UPDATED_PER_POLL = 45;
const MAX_ITEMS_PER_POLL = 100;
/** Tokens expire every few polls, so n8n mints again during the run (and meets the outage). */
const TOKEN_LIFETIME_S = 5;
const REQUEST_TIMEOUT_S = 2;
const SLOW_RESPONSE_MS = 4_500;
const DRAIN_LIMIT_MS = 6 * 60_000;
/** n8n's own schedule polls every minute; allow for a slow machine. */
const SCHEDULED_POLL_WAIT_MS = 150_000;

describe('soak: the polling trigger through API faults in a real n8n', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({
			emulator: { alerts: 0, seed: 29, rateLimits: false, tokenLifetimeSeconds: TOKEN_LIFETIME_S },
			n8nEnv: SYNCHRONOUS_ACTIVATION,
		});
	}, 900_000);

	afterAll(async () => {
		if (stack)
			process.stdout.write(`[soak] n8n log kept at ${keepLog(stack.n8n, 'defender-soak')}\n`);
		await stack?.stop();
	});

	it('emits each of the versions of 2,000 alerts exactly once through 429, 5xx, resets, timeouts, malformed JSON and a token outage', async () => {
		const started = Date.now();
		const { emulator } = stack;
		const random = seededRandom(29);
		const ledger = new FaultLedger(emulator);
		const tokenPath = `/${emulator.tenantId}/oauth2/v2.0/token`;
		// The emulator hands back its live objects: keep each version the moment it is made.
		const expected = new Set<string>();
		const current = new Map<string, string>();
		const record = (alert: { id: string; lastUpdateDateTime?: unknown }) => {
			const key = versionKey(alert);
			expected.add(key);
			current.set(alert.id, key);
		};
		const severities = ['low', 'medium', 'high', 'informational'];
		const create = () =>
			record(
				emulator.admin.createAlert({
					severity: severities[Math.floor(random() * severities.length)],
					status: 'new',
				}),
			);
		let updates = 0;
		/** Updates only alerts whose current version was already emitted, so no version is superseded unseen. */
		const update = (emitted: Set<string>, count: number) => {
			const candidates = [...current].filter(([, key]) => emitted.has(key)).map(([id]) => id);
			for (let i = 0; i < count && candidates.length > 0 && updates < UPDATES; i++) {
				const [id] = candidates.splice(Math.floor(random() * candidates.length), 1);
				const status = random() < 0.5 ? 'inProgress' : 'resolved';
				record(emulator.admin.updateAlert(id, { status }));
				updates += 1;
			}
		};

		const faults: Array<() => void> = [
			() =>
				ledger.add({ path: ALERTS_PATH, method: 'GET', status: 429, retryAfter: '1', times: 3 }),
			() => ledger.add({ path: ALERTS_PATH, method: 'GET', status: 500 }),
			() => ledger.add({ path: ALERTS_PATH, method: 'GET', reset: true, times: 2 }),
			() => ledger.add({ path: ALERTS_PATH, method: 'GET', delayMs: SLOW_RESPONSE_MS }),
			() => ledger.add({ path: ALERTS_PATH, method: 'GET', malformed: true }),
			() => ledger.add({ path: ALERTS_PATH, method: 'GET', status: 503, times: 2 }),
			() => ledger.add({ path: tokenPath, method: 'POST', status: 503, times: 3 }),
			// A burst longer than one poll's retries: that poll gives up quietly, the next catches up.
			() =>
				ledger.add({ path: ALERTS_PATH, method: 'GET', status: 429, retryAfter: '1', times: 6 }),
			() => ledger.add({ path: tokenPath, method: 'POST', reset: true }),
			() => ledger.add({ path: ALERTS_PATH, method: 'GET', status: 503, times: 6 }),
		];
		const faultRounds = 2;

		for (let i = 0; i < BACKLOG; i++) create();
		const workflowId = await createWorkflow(
			stack.n8n,
			pollWorkflow(stack, 'soak alerts', {
				lookBack: '1h',
				maxItems: MAX_ITEMS_PER_POLL,
				requestTimeout: REQUEST_TIMEOUT_S,
			}),
		);
		const executions = new ExecutionCollector(() => stack.n8n, workflowId);
		// The first poll fails loudly on any error by design, so it runs before the first fault.
		await activateWorkflow(stack.n8n, workflowId);
		let polls = 1;
		let faultsInjected = 0;

		const deadline = Date.now() + DRAIN_LIMIT_MS;
		for (;;) {
			await executions.refresh();
			const emitted = new Set(executions.emittedKeys());
			const mutating = current.size < TOTAL_ALERTS || updates < UPDATES;
			const injecting = faultsInjected < faults.length * faultRounds;
			if (!mutating && !injecting && [...expected].every((key) => emitted.has(key))) break;
			if (Date.now() > deadline) break;
			const toCreate = Math.min(CREATED_PER_POLL, TOTAL_ALERTS - current.size);
			for (let i = 0; i < toCreate; i++) create();
			update(emitted, UPDATED_PER_POLL);
			if (injecting) faults[faultsInjected++ % faults.length]();
			await pollNow(stack.n8n, workflowId);
			polls += 1;
		}
		const drainedAt = Date.now();

		// No manual action from here: n8n's own every-minute schedule must pick up new versions.
		const late = Array.from({ length: 5 }, () => {
			create();
			return [...current.values()].at(-1) as string;
		});
		await executions.settle();
		update(new Set(executions.emittedKeys()), 5);
		const scheduledUntil = Date.now() + SCHEDULED_POLL_WAIT_MS;
		while (Date.now() < scheduledUntil) {
			await pause(2_000);
			await executions.refresh();
			const emitted = new Set(executions.emittedKeys());
			if ([...expected].every((key) => emitted.has(key))) break;
		}
		await deactivateWorkflow(stack.n8n, workflowId);
		await executions.settle();

		const all = executions.list();
		const emittedKeys = executions.emittedKeys();
		const { lost, duplicated, unexpected } = compareVersions(expected, emittedKeys);
		const scheduled = all.filter((execution) =>
			execution.items.some((item) => late.includes(versionKey(item))),
		);
		const log = emulator.requests.list();
		const listCalls = log.filter((entry) => entry.path === ALERTS_PATH);
		const tokenCalls = log.filter((entry) => entry.path === tokenPath);
		const seenInLog: Record<FaultKind, number> = {
			throttled429: listCalls.filter((entry) => entry.status === 429).length,
			server500: listCalls.filter((entry) => entry.status === 500).length,
			unavailable503: listCalls.filter((entry) => entry.status === 503).length,
			connectionReset: listCalls.filter((entry) => entry.status === 0).length,
			slowResponse: listCalls.filter((entry) => entry.durationMs >= SLOW_RESPONSE_MS).length,
			malformedJson: ledger.hits().malformedJson,
			tokenOutage: tokenCalls.filter((entry) => entry.status === 503 || entry.status === 0).length,
		};
		const health = await axios.get(`${stack.n8n.baseUrl}/healthz`, { validateStatus: () => true });
		const hits = ledger.hits();

		process.stdout.write(
			[
				`[soak] alerts ${current.size}, updates ${updates}, versions ${expected.size}, emitted ${emittedKeys.length}, lost ${lost.length}, duplicated ${duplicated.length}, unexpected ${unexpected.length}`,
				`[soak] polls ${polls} (re-activations) + scheduled, executions ${all.length} (${all.filter((e) => e.status === 'success').length} succeeded), after the faults by n8n's schedule ${scheduled.length}`,
				`[soak] requests ${log.length}: alerts list ${listCalls.length}, token ${tokenCalls.length} (${tokenCalls.filter((e) => e.status === 200).length} minted), 401 expired ${listCalls.filter((e) => e.status === 401).length}`,
				`[soak] faults injected ${FAULT_KINDS.map((kind) => `${kind} ${ledger.injected[kind]}`).join(', ')}`,
				`[soak] faults hit ${FAULT_KINDS.map((kind) => `${kind} ${hits[kind]}`).join(', ')}`,
				`[soak] time ${Math.round((drainedAt - started) / 1000)} s to drain, ${Math.round((Date.now() - started) / 1000)} s in all`,
				'',
			].join('\n'),
		);

		expect({
			lost: lost.slice(0, 5),
			duplicated: duplicated.slice(0, 5),
			unexpected: unexpected.slice(0, 5),
		}).toEqual({
			lost: [],
			duplicated: [],
			unexpected: [],
		});
		expect(emittedKeys).toHaveLength(expected.size);
		expect(current.size).toBe(TOTAL_ALERTS + late.length);
		// Every injected fault was used by a request, and the request log shows each kind.
		expect(emulator.faults.list()).toEqual([]);
		for (const kind of FAULT_KINDS) {
			expect({ kind, hit: hits[kind] >= 1, logged: seenInLog[kind] >= 1 }).toEqual({
				kind,
				hit: true,
				logged: true,
			});
		}
		expect(hits).toEqual(ledger.injected);
		expect(listCalls.some((entry) => entry.status === 401)).toBe(true);
		expect(
			all.map((execution) => execution.status).filter((status) => status !== 'success'),
		).toEqual([]);
		expect(scheduled.length).toBeGreaterThanOrEqual(1);
		expect(scheduled.every((execution) => execution.status === 'success')).toBe(true);
		expect(health.status).toBe(200);
	});
});
