/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test prints its figures and n8n logs on failure */
/**
 * The end-to-end polling and webhook scenarios once more in n8n's queue mode: Redis and
 * PostgreSQL from the Debian packages, one main, one webhook process and two workers. Same
 * exactly-once results as with a single n8n; executions run on the workers, the poll cursor is in
 * the workflow's static data in the database, and the Entra tokens live in the credential, so the
 * processes share them instead of minting one per execution.
 */
import { randomUUID } from 'node:crypto';
import { sleep } from 'n8n-workflow';

import {
	executionsFinishedBy,
	logTails,
	startQueueStack,
	type QueueStack,
} from '../e2e/harness/queue';
import {
	activate,
	createWorkflow,
	deactivate,
	listExecutions,
	waitForExecutions,
	DEFENDER_TYPE,
	defenderTriggerNode,
	emittedByTrigger,
	versionKey,
	waitForWebhook,
	type ExecutionSummary,
	type TriggerSpec,
} from '../e2e/harness/workflows';
import { toTimeKey } from '../../lib/poll';

/** Short enough that each scenario runs into an expired token, long enough for a poll to finish. */
const TOKEN_LIFETIME_S = 20;
const WEBHOOK_REQUESTS = 40;
const WEBHOOK_CONCURRENCY = 4;
const TOKEN_PATH = /\/oauth2\/v2\.0\/token$/;

const triggerItems = emittedByTrigger;
const lookedUp = (executions: ExecutionSummary[]) =>
	executions.flatMap((e) => e.items['Get Alert'] ?? []);

/** A listing whose connection drops (busy machine) is read again; n8n's answers are not retried. */
async function listExecutionsSettled(
	n8n: QueueStack['main'],
	workflowId: string,
): Promise<ExecutionSummary[]> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await listExecutions(n8n, workflowId);
		} catch (error) {
			const dropped = /aborted|socket hang up|ECONNRESET/.test(
				`${(error as Error).message} ${(error as { code?: string }).code}`,
			);
			if (!dropped || attempt === 3) throw error;
			await sleep(500);
		}
	}
}

function duplicatesAndLost(emitted: string[], expected: string[]) {
	const seen = new Set<string>();
	let duplicated = 0;
	for (const key of emitted) {
		if (seen.has(key)) duplicated += 1;
		seen.add(key);
	}
	return { duplicated, lost: expected.filter((key) => !seen.has(key)).length };
}

describe('Defender Trigger in n8n queue mode (Redis, PostgreSQL, main + webhook process + 2 workers)', () => {
	let stack: QueueStack;

	beforeAll(async () => {
		stack = await startQueueStack({
			emulator: { alerts: 0, seed: 9, rateLimits: false, tokenLifetimeSeconds: TOKEN_LIFETIME_S },
			workers: 2,
		});
	}, 900_000);

	afterAll(async () => {
		await stack?.stop();
	});

	/** Runs a scenario; when it fails, the n8n logs say why before the folders are removed. */
	const scenario = (fn: () => Promise<void>) => async () => {
		try {
			await fn();
		} catch (error) {
			if (stack) process.stderr.write(`${logTails(stack)}\n`);
			throw error;
		}
	};

	const credential = (name: 'defenderXdrApi' | 'defenderWebhookApi') => ({
		[name]: { id: stack.credentials[name].id, name: stack.credentials[name].name },
	});

	/** Trigger → Get Alert: the lookup runs on a worker and needs a Graph token from the credential. */
	function workflow(name: string, trigger: TriggerSpec) {
		return {
			name,
			nodes: [
				defenderTriggerNode(trigger),
				{
					id: randomUUID(),
					name: 'Get Alert',
					type: DEFENDER_TYPE,
					typeVersion: 1,
					position: [220, 0],
					parameters: { resource: 'alert', operation: 'get', alertId: '={{ $json.id }}' },
					credentials: credential('defenderXdrApi'),
				},
			],
			connections: {
				'Defender Trigger': { main: [[{ node: 'Get Alert', type: 'main', index: 0 }]] },
			},
		};
	}

	const tokenRequests = () =>
		stack.emulator.requests
			.list()
			.filter((entry) => TOKEN_PATH.test(entry.path) && entry.status === 200).length;

	/**
	 * With shared tokens, a token request per API happens when the stored token expired (a 401),
	 * once per lifetime, plus one per execution that raced into the same expiry; bounded by
	 * `inFlight`. Minting per execution needs at least one per API per execution.
	 */
	const tokenBound = (elapsedMs: number, inFlight: number) =>
		2 * (Math.ceil(elapsedMs / 1000 / TOKEN_LIFETIME_S) + 1) * inFlight;

	/** How many of these executions each worker ran, from the workers' logs. */
	function runsPerWorker(executions: ExecutionSummary[]): number[] {
		const ids = new Set(executions.map((e) => e.id));
		return stack.workers.map(
			(worker) => executionsFinishedBy(worker).filter((id) => ids.has(id)).length,
		);
	}

	/** Every execution ran on exactly one worker, none on the main process. */
	function expectRanOnWorkers(executions: ExecutionSummary[]): void {
		const perWorker = stack.workers.map((worker) => new Set(executionsFinishedBy(worker)));
		for (const execution of executions) {
			const runners = perWorker.filter((ids) => ids.has(execution.id)).length;
			expect({ execution: execution.id, runners }).toEqual({ execution: execution.id, runners: 1 });
		}
		expect(stack.main.logText()).not.toMatch(/Worker (started|finished) execution/);
	}

	const perWorkerText = (counts: number[]) =>
		counts.map((n, i) => `worker-${i + 1} ${n}`).join(', ');

	it(
		'production polling: backlog, creations and updates, a 429 burst and an expired token; each version once, on the workers, cursor in static data',
		scenario(async () => {
			const backlog = Array.from({ length: 25 }, (_, i) =>
				stack.emulator.admin.createAlert({ severity: i % 2 ? 'high' : 'medium', status: 'new' }),
			);
			const backlogVersions = backlog.map(versionKey);
			const id = await createWorkflow(
				stack.main,
				workflow('queue poll alerts', {
					mode: 'poll',
					credential: stack.credentials.defenderXdrApi,
					parameters: {
						options: { lookBack: '1h' },
						filters: { severity: ['high', 'medium'] },
					},
				}),
			);
			await activate(stack.main, id);
			let executions = await waitForExecutions(
				stack.main,
				id,
				(list) => triggerItems(list).length >= 25,
				180_000,
			);
			expect(
				triggerItems(executions)
					.map((item) => item.id)
					.sort(),
			).toEqual(backlog.map((a) => a.id).sort());

			// Inactive while the tenant changes, so no scheduled poll takes the expiry or the 429s first.
			await deactivate(stack.main, id);
			const created = Array.from({ length: 15 }, () =>
				versionKey(stack.emulator.admin.createAlert({ severity: 'high' })),
			);
			const updated = backlog
				.slice(0, 10)
				.map((alert) =>
					versionKey(stack.emulator.admin.updateAlert(alert.id, { status: 'inProgress' })),
				);
			stack.emulator.admin.createAlert({ severity: 'low' });
			// Only the poll's list request is throttled, not the workers' look-ups.
			stack.emulator.faults.add({
				path: /^\/v1\.0\/security\/alerts_v2\?/,
				status: 429,
				retryAfter: '0',
				times: 2,
			});
			// The stored token expires: the next poll gets a 401 and the credential mints again.
			await sleep((TOKEN_LIFETIME_S + 1) * 1000);
			stack.emulator.requests.clear();
			const phaseStart = Date.now();

			await activate(stack.main, id);
			executions = await waitForExecutions(
				stack.main,
				id,
				(list) => triggerItems(list).length >= 50,
				180_000,
			);
			const phaseMs = Date.now() - phaseStart;
			const log = stack.emulator.requests.list();
			const polls = log.filter((entry) => entry.path === '/v1.0/security/alerts_v2');
			const lookups = log.filter(
				(entry) => entry.path.startsWith('/v1.0/security/alerts_v2/') && entry.status === 200,
			);
			const tokens = tokenRequests();
			// One poll at a time and one execution per poll: at most two holders of an expired token.
			const bound = tokenBound(phaseMs, 2);

			await deactivate(stack.main, id);
			await activate(stack.main, id);
			await deactivate(stack.main, id);
			executions = await listExecutionsSettled(stack.main, id);

			const emitted = triggerItems(executions).map(versionKey);
			const expected = [...backlogVersions, ...created, ...updated];
			const { duplicated, lost } = duplicatesAndLost(emitted, expected);
			// The cursor lives in the workflow's static data, in PostgreSQL.
			const stored = JSON.parse(
				stack.postgres.sql(`SELECT "staticData" FROM workflow_entity WHERE id = '${id}'`),
			) as Record<string, { cursor?: string; field?: string; seen?: unknown[] }>;
			const state = stored['node:Defender Trigger'];
			process.stdout.write(
				`[queue] poll: versions ${expected.length}, emitted ${emitted.length}, lost ${lost}, duplicated ${duplicated}, ` +
					`executions ${executions.length} (${perWorkerText(runsPerWorker(executions))}), ` +
					`token requests ${tokens} in ${Math.round(phaseMs / 1000)} s after the token expired ` +
					`(lifetime ${TOKEN_LIFETIME_S} s, bound ${bound}), worker look-ups ${lookups.length}, ` +
					`cursor in static data ${state?.cursor}\n`,
			);

			expect({ duplicated, lost }).toEqual({ duplicated: 0, lost: 0 });
			expect(polls.some((entry) => entry.status === 401)).toBe(true);
			expect(polls.some((entry) => entry.status === 429)).toBe(true);
			// The main process minted after the 401; the workers' look-ups used what it stored.
			expect(tokens).toBeGreaterThanOrEqual(2);
			expect(tokens).toBeLessThanOrEqual(bound);
			// The bound means something: a token per look-up would exceed it.
			expect(lookups.length).toBeGreaterThan(bound);
			expect(
				executions.map((e) => ({ id: e.id, status: e.status, mode: e.mode, error: e.error })),
			).toEqual(
				executions.map((e) => ({ id: e.id, status: 'success', mode: 'trigger', error: undefined })),
			);
			expect(emitted.sort()).toEqual(expected.sort());
			// Each look-up on a worker used a token from the credential and found its alert.
			expect(
				lookedUp(executions)
					.map((item) => item.id)
					.sort(),
			).toEqual(
				triggerItems(executions)
					.map((item) => item.id)
					.sort(),
			);
			expectRanOnWorkers(executions);
			const newest = triggerItems(executions)
				.map((item) => toTimeKey(item.lastUpdateDateTime)!)
				.sort()
				.pop();
			expect(state).toMatchObject({ field: 'lastUpdateDateTime', cursor: newest });
		}),
	);

	it(
		'production webhook on the webhook process: single, batch with a bad record, bad key, and 40 requests; each alert once, on the workers',
		scenario(async () => {
			const webhookId = randomUUID();
			const id = await createWorkflow(
				stack.main,
				workflow('queue webhook alerts', {
					mode: 'webhook',
					credential: stack.credentials.defenderWebhookApi,
					webhookId,
					path: 'defender',
				}),
			);
			await activate(stack.main, id);
			const path = `${webhookId}/defender`;
			await waitForWebhook(stack.webhook, path, 60_000);
			const post = (target: typeof stack.main, body: unknown, key = stack.webhookKey) =>
				target.rest().post(`/webhook/${path}`, body, {
					headers: { 'content-type': 'application/json', 'x-api-key': key },
				});
			const newAlert = () => stack.emulator.admin.createAlert({ severity: 'high', status: 'new' });

			// The main process does not answer production webhooks.
			expect((await post(stack.main, newAlert())).status).toBe(404);

			// Start with an expired token in the credential: the first executions race to replace it.
			await sleep((TOKEN_LIFETIME_S + 1) * 1000);
			stack.emulator.requests.clear();
			const phaseStart = Date.now();
			const single = newAlert();
			const singleAnswer = await post(stack.webhook, single);
			expect(singleAnswer.status).toBe(202);
			expect(singleAnswer.data).toMatchObject({ success: true, processed: 1, failed: 0 });
			const batch = [newAlert(), newAlert()];
			const batchAnswer = await post(stack.webhook, { value: [...batch, { nope: true }] });
			expect(batchAnswer.status).toBe(202);
			expect(batchAnswer.data).toMatchObject({ processed: 2, failed: 1 });
			const refused = newAlert();
			expect((await post(stack.webhook, refused, 'test-wrong-webhook-key')).status).toBe(401);

			const many = Array.from({ length: WEBHOOK_REQUESTS }, newAlert);
			const answers: number[] = [];
			for (let next = 0; next < many.length; next += WEBHOOK_CONCURRENCY) {
				const slice = many.slice(next, next + WEBHOOK_CONCURRENCY);
				const results = await Promise.all(slice.map((alert) => post(stack.webhook, alert)));
				answers.push(
					...results.map((r) => (r.status === 202 && r.data?.processed === 1 ? 202 : r.status)),
				);
			}
			expect(answers).toEqual(many.map(() => 202));

			const expectedIds = [single, ...batch, ...many].map((alert) => alert.id);
			const executions = await waitForExecutions(
				stack.main,
				id,
				(list) => triggerItems(list).length >= expectedIds.length,
				240_000,
			);
			const phaseMs = Date.now() - phaseStart;
			// Anything still queued would show up now.
			await sleep(2_000);
			const final = await listExecutionsSettled(stack.main, id);
			const emitted = triggerItems(final).map((item) => String(item.id));
			const { duplicated, lost } = duplicatesAndLost(emitted, expectedIds);

			const perWorker = runsPerWorker(final);
			const tokens = tokenRequests();
			const graph401 = stack.emulator.requests
				.list()
				.filter(
					(entry) => entry.path.startsWith('/v1.0/security/alerts_v2/') && entry.status === 401,
				).length;
			// Executions overlap up to the number of requests in flight (and a worker's concurrency).
			const bound = tokenBound(phaseMs, WEBHOOK_CONCURRENCY);
			process.stdout.write(
				`[queue] webhook: requests ${WEBHOOK_REQUESTS + 3} (1 bad key), alerts ${expectedIds.length}, emitted ${emitted.length}, ` +
					`lost ${lost}, duplicated ${duplicated}, executions ${final.length} ` +
					`(${perWorkerText(perWorker)}), ` +
					`token requests ${tokens} after ${graph401} expired-token 401s in ${Math.round(phaseMs / 1000)} s ` +
					`(lifetime ${TOKEN_LIFETIME_S} s, bound ${bound}, a token per execution would be ${2 * final.length})\n`,
			);
			expect({ duplicated, lost }).toEqual({ duplicated: 0, lost: 0 });
			expect(final).toHaveLength(executions.length);
			expect(final).toHaveLength(WEBHOOK_REQUESTS + 2);
			expect(final.map((e) => ({ id: e.id, status: e.status, error: e.error }))).toEqual(
				final.map((e) => ({ id: e.id, status: 'success', error: undefined })),
			);
			expect(emitted.sort()).toEqual([...expectedIds].sort());
			expect(emitted).not.toContain(refused.id);
			expect(
				lookedUp(final)
					.map((item) => item.id)
					.sort(),
			).toEqual([...expectedIds].sort());
			expectRanOnWorkers(final);
			// Both workers take jobs from the queue.
			expect(perWorker.every((n) => n > 0)).toBe(true);
			// The stored token had expired: look-ups got a 401 and the credential minted again.
			expect(graph401).toBeGreaterThan(0);
			expect(tokens).toBeGreaterThanOrEqual(2);
			expect(tokens).toBeLessThanOrEqual(bound);
			expect(2 * final.length).toBeGreaterThan(bound);
			await deactivate(stack.main, id);
		}),
	);
});
