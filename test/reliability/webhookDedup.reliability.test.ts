/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test harness, not shipped */
/**
 * Webhook de-dup while deliveries overlap: batches are sent back to back (each answer awaited,
 * never the execution) and all at once, then every body is sent again, interleaved with new
 * batches and new versions. Each repeat must be dropped (processed 0, no execution) and each new
 * version accepted exactly once, however the calls and executions overlap in n8n. After a
 * restart, the stored entries alone still drop every repeat.
 */
import { randomUUID } from 'node:crypto';
import { sleep } from 'n8n-workflow';

import { startStack, type Stack } from '../e2e/harness/stack';
import {
	activate,
	createWorkflow,
	deactivate,
	listExecutions,
	waitForExecutions,
	defenderTriggerNode,
	emittedByTrigger,
	versionKey,
	waitForWebhook,
} from '../e2e/harness/workflows';

const PER_BATCH = 10;

type Body = { value: Array<Record<string, unknown>> };

interface Delivery {
	label: string;
	body: Body;
	/** Records the trigger must accept: 0 for a repeat. */
	expectNew: number;
}

interface Answer {
	label: string;
	status: number;
	processed: number;
	duplicates: number;
	expectNew: number;
}

function batch(name: string, updatedAt: string): Body {
	return {
		value: Array.from({ length: PER_BATCH }, (_, i) => ({
			'@odata.type': '#microsoft.graph.security.alert',
			id: `dd-${name}-${i}`,
			title: `De-dup alert ${name}-${i}`,
			status: 'new',
			severity: 'high',
			createdDateTime: '2026-11-20T10:00:00Z',
			lastUpdateDateTime: updatedAt,
		})),
	};
}

const emitted = emittedByTrigger;

describe('Defender Trigger webhook de-dup under overlapping deliveries (real n8n)', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({ emulator: { alerts: 0, seed: 9, rateLimits: false } });
	}, 900_000);

	afterAll(async () => {
		await stack?.stop();
	});

	it('drops every repeat and accepts every new version once, sent back to back and concurrently', async () => {
		const webhookId = randomUUID();
		const workflowId = await createWorkflow(stack.n8n, {
			name: 'webhook de-dup under overlap',
			nodes: [
				defenderTriggerNode({
					mode: 'webhook',
					credential: stack.credentials.defenderWebhookApi,
					webhookId,
					path: 'dedup',
				}),
			],
			connections: {},
		});
		await activate(stack.n8n, workflowId);
		const path = `${webhookId}/dedup`;
		await waitForWebhook(stack.n8n, path);

		const post = async (delivery: Delivery): Promise<Answer> => {
			const response = await stack.n8n.rest().post(`/webhook/${path}`, delivery.body, {
				headers: { 'content-type': 'application/json', 'x-api-key': stack.webhookKey },
			});
			const data = (response.data ?? {}) as { processed?: number; duplicates?: number };
			return {
				label: delivery.label,
				status: response.status,
				processed: data.processed ?? -1,
				duplicates: data.duplicates ?? -1,
				expectNew: delivery.expectNew,
			};
		};
		const backToBack = async (deliveries: Delivery[]) => {
			const answers: Answer[] = [];
			for (const delivery of deliveries) answers.push(await post(delivery));
			return answers;
		};
		const allAtOnce = async (deliveries: Delivery[]) => await Promise.all(deliveries.map(post));

		const fresh = (prefix: string, count: number, updatedAt = '2026-11-20T10:00:00Z') =>
			Array.from({ length: count }, (_, n) => ({
				label: `${prefix}${n}`,
				body: batch(`${prefix}${n}`, updatedAt),
				expectNew: PER_BATCH,
			}));
		const repeat = (deliveries: Delivery[]) =>
			deliveries.map((d) => ({ label: `repeat of ${d.label}`, body: d.body, expectNew: 0 }));

		const sequential = fresh('s', 12);
		const concurrent = fresh('c', 12);
		const late = fresh('l', 8);
		// New versions (a later lastUpdateDateTime) of alerts already seen: each is new once.
		const updates = [
			{ label: 'update s0', body: batch('s0', '2026-11-20T11:00:00Z'), expectNew: PER_BATCH },
			{ label: 'update c0', body: batch('c0', '2026-11-20T11:00:00Z'), expectNew: PER_BATCH },
		];
		const interleaved: Delivery[] = [];
		const repeats = repeat([...sequential, ...concurrent]);
		const newOnes = [...late, ...updates];
		for (let i = 0; i < repeats.length; i += 1) {
			interleaved.push(repeats[i]);
			if (i % 2 === 0 && newOnes.length > 0) interleaved.push(newOnes.shift()!);
		}
		interleaved.push(...newOnes);

		const answers: Answer[] = [];
		answers.push(...(await backToBack(sequential)));
		answers.push(...(await allAtOnce(concurrent)));
		answers.push(...(await backToBack(repeat(sequential))));
		answers.push(...(await allAtOnce(repeat(concurrent))));
		answers.push(...(await allAtOnce(interleaved)));
		// The same again, once every execution has had time to end: nothing new any more.
		const everything = [...sequential, ...concurrent, ...late, ...updates];
		const expectedVersions = everything.flatMap((d) => d.body.value.map(versionKey));
		let executions = await waitForExecutions(
			stack.n8n,
			workflowId,
			(list) => emitted(list).length >= expectedVersions.length,
			600_000,
		);
		answers.push(...(await backToBack(repeat(everything))));
		// The stored entries alone (n8n restarted, memory gone) must still know every version.
		await sleep(3_000);
		await stack.n8n.restart();
		await waitForWebhook(stack.n8n, path, 120_000);
		answers.push(...(await backToBack(repeat(everything))));
		await sleep(3_000);
		executions = (await listExecutions(stack.n8n, workflowId)).filter(
			(execution) => execution.status !== 'running' && execution.status !== 'new',
		);
		await deactivate(stack.n8n, workflowId);

		const wrong = answers.filter(
			(a) =>
				a.status !== 202 || a.processed !== a.expectNew || a.duplicates !== PER_BATCH - a.expectNew,
		);
		const versions = emitted(executions).map(versionKey);
		const duplicated = versions.length - new Set(versions).size;
		const lost = expectedVersions.filter((key) => !versions.includes(key)).length;
		const repeatsSent = answers.filter((a) => a.expectNew === 0).length;
		const repeatsProcessed = answers.filter((a) => a.expectNew === 0 && a.processed !== 0).length;
		process.stdout.write(
			`[webhook-dedup] requests ${answers.length}, repeats ${repeatsSent}, repeats processed again ${repeatsProcessed}, ` +
				`versions expected ${expectedVersions.length}, emitted ${versions.length}, lost ${lost}, duplicated ${duplicated}, ` +
				`executions ${executions.length}\n`,
		);

		expect(wrong).toEqual([]);
		expect(duplicated).toBe(0);
		expect(lost).toBe(0);
		expect(versions.sort()).toEqual([...expectedVersions].sort());
		// One execution per accepted batch, none for a repeat.
		expect(executions).toHaveLength(everything.length);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
	});
});
