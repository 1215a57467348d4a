/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- benchmark CLI, not shipped */
/**
 * `npm run bench:webhook`: batches of alerts (10 per request by default) sent to two workflows in
 * the same real n8n, in the same run: A, the Defender Trigger in webhook mode; B, n8n's Webhook
 * node with header auth, a Code node doing the same validation and Respond to Webhook answering
 * the same counts (see webhook/workflows.ts). After a warm-up, rounds alternate A, B, B, A with
 * a fixed concurrency and number of requests, so machine noise hits both alike; after each round
 * the benchmark waits until every execution of that round has finished, so one target's backlog
 * never runs during the other's round.
 *
 * It prints answers per second, p50/p99 latency, the ratio A/B (target >= 0.9), and the rate
 * counted to the end of each round's last execution (n8n's stoppedAt): the trigger answers before
 * its execution runs, so both rates matter. It fails (exit 1) on errors, never on speed: any
 * answer other than 202 with the expected counts, a request without answer, or executions that do
 * not add up (each target: one successful execution per request, each with one item per alert).
 *
 * Flags: --requests N per round (default 120), --rounds R (default 4), --concurrency C (default
 * 8), --warmup W requests per target (default 20), --batch B alerts per request (default 10),
 * --seed S (default 9), --n8n-env KEY=VALUE (repeatable; extra n8n environment, e.g.
 * N8N_EXPRESSION_ENGINE=legacy, to see what an n8n setting changes).
 */
import { spawnSync } from 'node:child_process';

import { generateTenant } from '../emulator';
import { ensureRuntime } from '../e2e/harness/runtime';
import { startStack, type Stack } from '../e2e/harness/stack';
import { activate, createWorkflow, listExecutions, waitForWebhook } from '../e2e/harness/workflows';
import {
	keepAliveAgent,
	percentile,
	runRound,
	type LoadTarget,
	type RoundResult,
} from './webhook/load';
import {
	builtInWebhookWorkflow,
	defenderTriggerWorkflow,
	type BenchWorkflow,
} from './webhook/workflows';

const fixed = (value: number, digits = 1) =>
	Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Flags {
	requests: number;
	rounds: number;
	concurrency: number;
	warmup: number;
	batch: number;
	seed: number;
	/** Extra n8n environment (--n8n-env KEY=VALUE, repeatable), e.g. to compare n8n settings. */
	n8nEnv: Record<string, string>;
}

function readN8nEnv(argv: string[]): Record<string, string> {
	const env: Record<string, string> = {};
	argv.forEach((arg, index) => {
		if (arg !== '--n8n-env') return;
		const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(argv[index + 1] ?? '');
		if (!match)
			throw new Error('--n8n-env needs KEY=VALUE, e.g. --n8n-env N8N_EXPRESSION_ENGINE=legacy');
		env[match[1]] = match[2];
	});
	return env;
}

/** Both targets refuse more than 1,000 records per request (413), so larger batches are an error here. */
function maxBatch(argv: string[]): number {
	const index = argv.indexOf('--batch');
	if (index >= 0 && Number(argv[index + 1]) > 1000) {
		throw new Error('--batch can be at most 1000: both targets refuse larger batches with 413');
	}
	return 1000;
}

function readFlags(argv: string[]): Flags {
	const value = (name: string, fallback: number, min = 1): number => {
		const index = argv.indexOf(`--${name}`);
		if (index < 0) return fallback;
		const parsed = Number(argv[index + 1]);
		if (!Number.isInteger(parsed) || parsed < min) {
			throw new Error(`--${name} needs a whole number of ${min} or more`);
		}
		return parsed;
	};
	return {
		requests: value('requests', 120),
		rounds: value('rounds', 4, 2),
		concurrency: value('concurrency', 8),
		warmup: value('warmup', 20, 0),
		batch: Math.min(value('batch', 10), maxBatch(argv)),
		seed: value('seed', 9),
		n8nEnv: readN8nEnv(argv),
	};
}

interface Target {
	label: 'A' | 'B';
	name: string;
	bench: BenchWorkflow;
	workflowId: string;
	load: LoadTarget;
	/** Requests sent so far, warm-up included. */
	sent: number;
	/** Answers so far that announced an execution (202 with records processed). */
	accepted: number;
	latenciesMs: number[];
	answerMs: number;
	/** Per round, summed: first request to the end of its last execution (n8n's stoppedAt). */
	completedMs: number;
	/** Executions already counted in an earlier round. */
	countedIds: Set<string>;
	measured: number;
	/** Answers other than 2xx, and requests without any answer. */
	non2xx: number;
	problems: string[];
}

/** Alerts from the emulator's generator, each request with fresh ids so none is a duplicate. */
function bodyMaker(seed: number, batch: number) {
	const templates = generateTenant({ alerts: Math.max(batch * 10, 100), seed })
		.alerts as unknown as Array<Record<string, unknown>>;
	return (label: string, request: number): Buffer => {
		const value = Array.from({ length: batch }, (_, index) => {
			const template = templates[(request * batch + index) % templates.length];
			const id = `bench-${label}-${request}-${index}`;
			return { ...template, id, providerAlertId: id };
		});
		return Buffer.from(JSON.stringify({ value }));
	};
}

/** Checks every answer: 202 with all alerts processed, none failed or taken for a duplicate. */
function checkAnswers(target: Target, round: RoundResult, batch: number): void {
	target.non2xx += round.transportErrors.length;
	for (const error of round.transportErrors) target.problems.push(`no answer: ${error}`);
	for (const answer of round.answers) {
		if (answer.status < 200 || answer.status > 299) target.non2xx += 1;
		if (answer.status !== 202) {
			target.problems.push(`status ${answer.status}: ${answer.body.slice(0, 200)}`);
			continue;
		}
		let counts: Record<string, unknown> = {};
		try {
			counts = JSON.parse(answer.body) as Record<string, unknown>;
		} catch {
			// reported below
		}
		if (typeof counts.processed === 'number' && counts.processed > 0) target.accepted += 1;
		if (counts.processed !== batch || counts.failed !== 0 || counts.duplicates !== 0) {
			target.problems.push(`202 with unexpected counts: ${answer.body.slice(0, 200)}`);
		}
	}
}

interface FinishedExecution {
	id: string;
	status: string;
	stoppedAt: number;
}

/** Finished executions of a workflow, through the public API without their data. */
async function finishedExecutions(stack: Stack, workflowId: string): Promise<FinishedExecution[]> {
	const finished: FinishedExecution[] = [];
	let cursor: string | undefined;
	do {
		const response = await stack.n8n
			.api()
			.get('/executions', { params: { workflowId, limit: 250, cursor } });
		if (response.status !== 200) throw new Error(`listing executions failed: ${response.status}`);
		for (const execution of response.data.data as Array<Record<string, unknown>>) {
			const stoppedAt = Date.parse(String(execution.stoppedAt));
			if (execution.status === 'running' || execution.status === 'new' || Number.isNaN(stoppedAt)) {
				continue;
			}
			finished.push({ id: String(execution.id), status: String(execution.status), stoppedAt });
		}
		cursor = response.data.nextCursor ?? undefined;
	} while (cursor);
	return finished;
}

/** Waits until as many executions have finished as answers announced (the check compares with requests sent). */
async function drain(
	stack: Stack,
	target: Target,
	timeoutMs = 300_000,
): Promise<FinishedExecution[]> {
	const started = Date.now();
	for (;;) {
		const finished = await finishedExecutions(stack, target.workflowId);
		if (finished.length >= target.accepted) return finished;
		if (Date.now() - started > timeoutMs) {
			target.problems.push(
				`only ${finished.length} of ${target.accepted} executions finished after ${timeoutMs / 1000} s`,
			);
			return finished;
		}
		await delay(250);
	}
}

async function runTargetRound(
	stack: Stack,
	target: Target,
	makeBody: (label: string, request: number) => Buffer,
	flags: Flags,
	requests: number,
	measure: boolean,
): Promise<string> {
	const bodies = Array.from({ length: requests }, (_, i) =>
		makeBody(target.label, target.sent + i),
	);
	const agent = keepAliveAgent(flags.concurrency);
	try {
		const roundStarted = Date.now();
		const round = await runRound(agent, target.load, bodies, flags.concurrency);
		target.sent += requests;
		checkAnswers(target, round, flags.batch);
		// n8n stamps each execution's end; the last one of the round ends the "completed" time.
		const finished = await drain(stack, target);
		const fresh = finished.filter((execution) => !target.countedIds.has(execution.id));
		for (const execution of fresh) target.countedIds.add(execution.id);
		const lastStop = Math.max(roundStarted, ...fresh.map((execution) => execution.stoppedAt));
		const completedMs = Math.max(round.wallMs, lastStop - roundStarted);
		if (measure) {
			target.latenciesMs.push(...round.latenciesMs);
			target.answerMs += round.wallMs;
			target.completedMs += completedMs;
			target.measured += requests;
		}
		return (
			`answered ${fixed((requests / round.wallMs) * 1000)} req/s, ` +
			`completed ${fixed((requests / completedMs) * 1000)} req/s, ` +
			`p50 ${fixed(percentile(round.latenciesMs, 50), 0)} ms, ${round.connections} connections`
		);
	} finally {
		agent.destroy();
	}
}

/** Every execution successful, one per request, each with `batch` items out of the items node. */
async function checkExecutions(stack: Stack, target: Target, batch: number): Promise<string> {
	const executions = await listExecutions(stack.n8n, target.workflowId);
	const successful = executions.filter((execution) => execution.status === 'success');
	const wrongItems = successful.filter(
		(execution) =>
			(execution.items[target.bench.itemsNode] ?? []).filter((item) => item._defender !== undefined)
				.length !== batch,
	);
	if (executions.length !== target.sent) {
		target.problems.push(`${executions.length} executions for ${target.sent} requests`);
	}
	if (successful.length !== executions.length) {
		const failed = executions.filter((execution) => execution.status !== 'success').slice(0, 3);
		target.problems.push(
			`${executions.length - successful.length} executions did not succeed, e.g. ${JSON.stringify(
				failed.map((execution) => [execution.id, execution.status, execution.error]),
			)}`,
		);
	}
	if (wrongItems.length > 0) {
		target.problems.push(
			`${wrongItems.length} executions without ${batch} items, e.g. #${wrongItems[0].id}`,
		);
	}
	return `${successful.length} successful of ${target.sent} sent, ${successful.length - wrongItems.length} with ${batch} items`;
}

async function createHeaderCredential(stack: Stack) {
	const name = 'Benchmark webhook key (header auth)';
	const response = await stack.n8n.api().post('/credentials', {
		name,
		type: 'httpHeaderAuth',
		data: { name: 'x-api-key', value: stack.webhookKey },
	});
	if (response.status !== 200) {
		throw new Error(`creating the header auth credential failed: ${response.status}`);
	}
	return { id: String(response.data.id), name };
}

async function setUpTarget(
	stack: Stack,
	label: Target['label'],
	name: string,
	bench: BenchWorkflow,
): Promise<Target> {
	const workflowId = await createWorkflow(stack.n8n, bench.workflow);
	await activate(stack.n8n, workflowId);
	await waitForWebhook(stack.n8n, bench.path);
	return {
		label,
		name,
		bench,
		workflowId,
		load: {
			port: stack.n8n.port,
			path: `/webhook/${bench.path}`,
			headers: { 'x-api-key': stack.webhookKey },
		},
		sent: 0,
		accepted: 0,
		latenciesMs: [],
		answerMs: 0,
		completedMs: 0,
		countedIds: new Set(),
		measured: 0,
		non2xx: 0,
		problems: [],
	};
}

function versionOf(binary: string): string {
	const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : 'unknown';
}

function report(
	flags: Flags,
	targets: [Target, Target],
	executionLines: string[],
	n8nVersion: string,
	n8nNode: string,
): void {
	const rate = (target: Target, ms: number) => (target.measured / ms) * 1000;
	const [a, b] = targets;
	const answerRatio = rate(a, a.answerMs) / rate(b, b.answerMs);
	const completedRatio = rate(a, a.completedMs) / rate(b, b.completedMs);
	console.log(
		`\nbench:webhook: n8n ${n8nVersion} on Node ${n8nNode} (load generator on Node ${process.version}), ` +
			`${flags.batch} alerts per request, concurrency ${flags.concurrency}, ` +
			`${flags.rounds} rounds of ${flags.requests} requests (A, B, B, A, ...), warm-up ${flags.warmup} per target` +
			(Object.keys(flags.n8nEnv).length > 0
				? `, n8n environment ${Object.entries(flags.n8nEnv)
						.map(([key, value]) => `${key}=${value}`)
						.join(' ')}`
				: ''),
	);
	for (const [index, target] of targets.entries()) {
		console.log(`  ${target.label} ${target.name}`);
		console.log(
			`    answered   ${fixed(rate(target, target.answerMs))} req/s (${fixed(rate(target, target.answerMs) * flags.batch, 0)} alerts/s) over ${target.measured} requests`,
		);
		console.log(
			`    latency    p50 ${fixed(percentile(target.latenciesMs, 50))} ms, p99 ${fixed(percentile(target.latenciesMs, 99))} ms`,
		);
		console.log(
			`    completed  ${fixed(rate(target, target.completedMs))} req/s counted to the end of each round's last execution`,
		);
		console.log(
			`    errors     ${target.non2xx} non-2xx or unanswered (target 0); ${target.problems.length} problems in all (answers, counts, executions)`,
		);
		console.log(`    executions ${executionLines[index]}`);
	}
	console.log(
		`  ratio A/B  answered ${fixed(answerRatio, 2)} (target >= 0.9), completed ${fixed(completedRatio, 2)}`,
	);
}

async function main(): Promise<void> {
	const flags = readFlags(process.argv.slice(2));
	const makeBody = bodyMaker(flags.seed, flags.batch);
	const runtime = ensureRuntime();
	const started = Date.now();
	const stack = await startStack({
		emulator: { alerts: 0, rateLimits: false },
		n8nEnv: flags.n8nEnv,
	});
	console.log(`n8n ready in ${Math.round((Date.now() - started) / 1000)} s`);
	try {
		const headerCredential = await createHeaderCredential(stack);
		const a = await setUpTarget(
			stack,
			'A',
			'Defender Trigger (webhook mode)',
			defenderTriggerWorkflow(stack.credentials.defenderWebhookApi),
		);
		const b = await setUpTarget(
			stack,
			'B',
			'Webhook + Code (same validation) + Respond to Webhook',
			builtInWebhookWorkflow(headerCredential),
		);
		if (flags.warmup > 0) {
			for (const target of [a, b])
				await runTargetRound(stack, target, makeBody, flags, flags.warmup, false);
		}
		const order = [a, b, b, a];
		for (let round = 0; round < flags.rounds; round += 1) {
			const target = order[round % order.length];
			const figures = await runTargetRound(stack, target, makeBody, flags, flags.requests, true);
			console.log(
				`round ${round + 1}/${flags.rounds}: ${target.label}, ${flags.requests} requests, ${figures}`,
			);
		}
		const checkStarted = Date.now();
		const executionLines = [
			await checkExecutions(stack, a, flags.batch),
			await checkExecutions(stack, b, flags.batch),
		];
		console.log(`executions checked in ${Math.round((Date.now() - checkStarted) / 1000)} s`);
		report(flags, [a, b], executionLines, runtime.version, versionOf(runtime.node));
		const problems = [...a.problems.map((p) => `A: ${p}`), ...b.problems.map((p) => `B: ${p}`)];
		if (problems.length > 0) {
			console.log(`\nFAILED: ${problems.length} problems`);
			for (const problem of problems.slice(0, 20)) console.log(`  ${problem}`);
			process.exitCode = 1;
		} else {
			console.log('\nOK: every request answered 202 with the expected counts; executions add up');
		}
	} finally {
		await stack.stop();
	}
	console.log(`total ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
});
