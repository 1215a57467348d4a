/**
 * Webhook fuzz (issue: reliability): thousands of generated bodies and header variants against the
 * Defender Trigger's production webhook in a real n8n. Nothing may crash, no unauthenticated
 * request may start an execution, and every answer is a 4xx or a 202 whose counts match what was
 * sent.
 */
import { randomUUID } from 'node:crypto';
import { sleep } from 'n8n-workflow';

import { startStack, type Stack } from './harness/stack';
import { activate, createWorkflow, listExecutions, waitForWebhook } from './harness/workflows';

const TOTAL = 5000;
const CONCURRENCY = 8;

/** A small seeded generator, so a failing case can be reproduced. */
function rng(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: T[]) => list[Math.floor(next() * list.length)] };
}

type Auth = 'key' | 'bearer' | 'none' | 'wrong' | 'wrongBearer' | 'otherHeader';

interface FuzzCase {
	body: string | Buffer;
	contentType: string;
	auth: Auth;
	/** For authenticated JSON bodies built from known records: how many are valid and invalid. */
	expect?: { processed: number; failed: number } | 'rejected';
}

const validAlert = (id: string) => ({
	'@odata.type': '#microsoft.graph.security.alert',
	id,
	status: 'new',
	severity: 'high',
	serviceSource: 'microsoftDefenderForEndpoint',
	createdDateTime: '2026-11-20T10:00:00Z',
	lastUpdateDateTime: '2026-11-20T10:00:00Z',
});

function junkValue(r: ReturnType<typeof rng>, depth = 0): unknown {
	switch (r.int(depth > 3 ? 5 : 8)) {
		case 0:
			return r.int(1000) - 500;
		case 1:
			return r.pick(['', 'x', 'null', '💥', 'a'.repeat(r.int(5000)), '\u0000\uFFFF', "') or (1 eq 1"]);
		case 2:
			return r.pick([true, false, null]);
		case 3:
			return r.next();
		case 4:
			return [];
		case 5:
			return Array.from({ length: r.int(4) }, () => junkValue(r, depth + 1));
		case 6:
			return { [r.pick(['id', 'value', '__proto__', 'constructor', 'prototype', 'severity'])]: junkValue(r, depth + 1) };
		default:
			return { id: junkValue(r, depth + 1), value: junkValue(r, depth + 1) };
	}
}

function nested(depth: number): unknown {
	let value: unknown = { id: 'deep' };
	for (let i = 0; i < depth; i++) value = { value: [value] };
	return value;
}

function makeCase(r: ReturnType<typeof rng>, index: number): FuzzCase {
	const auth: Auth = r.next() < 0.8 ? r.pick(['key', 'bearer'] as Auth[]) : r.pick(['none', 'wrong', 'wrongBearer', 'otherHeader'] as Auth[]);
	// Valid records are rare on purpose: each accepted request starts an execution, and the point
	// here is the intake under hostile input, not execution throughput.
	const roll = r.next();
	const kind = roll < 0.02 ? 0 : roll < 0.04 ? 1 : 2 + r.int(8);
	if (kind === 0) {
		// A batch with a known mix of valid and invalid records.
		const valid = r.int(4);
		const invalid = r.int(4);
		const records = [
			...Array.from({ length: valid }, (_, i) => validAlert(`da-fuzz-${index}-${i}`)),
			...Array.from({ length: invalid }, () => r.pick<unknown>([42, 'x', null, [], { id: 7 }, { nope: 1 }])),
		];
		return {
			body: JSON.stringify({ value: records }),
			contentType: 'application/json',
			auth,
			expect: valid + invalid === 0 ? { processed: 0, failed: 0 } : { processed: valid, failed: invalid },
		};
	}
	if (kind === 1) return { body: JSON.stringify(validAlert(`da-fuzz-${index}`)), contentType: 'application/json', auth, expect: { processed: 1, failed: 0 } };
	if (kind === 2) return { body: JSON.stringify(nested(50 + r.int(200))), contentType: 'application/json', auth };
	if (kind === 3) return { body: JSON.stringify({ id: 'big', title: 'x'.repeat(100_000 + r.int(300_000)) }), contentType: 'application/json', auth };
	if (kind === 4) return { body: Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), contentType: 'application/json', auth };
	if (kind === 5) return { body: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "id": "pp"}', contentType: 'application/json', auth };
	if (kind === 6) {
		// n8n 2.41.1 itself never answers an application/xml request whose body is not XML (its body
		// parser hangs before any node runs), so XML cases send well-formed XML only.
		const contentType = r.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/octet-stream']);
		if (contentType === 'application/xml') return { body: r.pick(['<alert id="1"/>', '<value><id>2</id></value>']), contentType, auth };
		const body = r.next() < 0.15 ? JSON.stringify(validAlert(`da-text-${index}`)) : r.pick(['id=1&value=2', 'not json', '{"id": 1', '']);
		return { body, contentType, auth };
	}
	if (kind === 7) return { body: r.pick(['{', '{"id": }', '[1,2', '"unterminated', '{"value": [}']), contentType: 'application/json', auth };
	return { body: JSON.stringify(junkValue(r)), contentType: 'application/json', auth };
}

describe('webhook fuzz in a real n8n', () => {
	let stack: Stack;
	let path = '';
	let workflowId = '';

	beforeAll(async () => {
		stack = await startStack({ emulator: { alerts: 0, rateLimits: false } });
		const webhookId = randomUUID();
		workflowId = await createWorkflow(stack.n8n, {
			name: 'fuzz target',
			nodes: [
				{
					id: randomUUID(),
					name: 'Defender Trigger',
					type: 'n8n-nodes-defender-xdr.defenderTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { mode: 'webhook', event: 'createdOrUpdated', path: 'fuzz', webhookOptions: { dedup: false } },
					credentials: { defenderWebhookApi: { id: stack.credentials.defenderWebhookApi.id, name: stack.credentials.defenderWebhookApi.name } },
				},
			],
			connections: {},
		});
		await activate(stack.n8n, workflowId);
		path = `${webhookId}/fuzz`;
		await waitForWebhook(stack.n8n, path);
	}, 900_000);

	afterAll(async () => {
		await stack?.stop();
	});

	it(`answers ${TOTAL} generated requests without crashing, leaking or miscounting`, async () => {
		const r = rng(20261123);
		const cases = Array.from({ length: TOTAL }, (_, i) => makeCase(r, i));
		const problems: string[] = [];
		let accepted = 0;
		let unauthenticatedAnswers = 0;
		const headersFor = (auth: Auth): Record<string, string> => {
			switch (auth) {
				case 'key':
					return { 'x-api-key': stack.webhookKey };
				case 'bearer':
					return { authorization: `Bearer ${stack.webhookKey}` };
				case 'wrong':
					return { 'x-api-key': `${stack.webhookKey}x` };
				case 'wrongBearer':
					return { authorization: `Bearer ${stack.webhookKey.slice(1)}` };
				case 'otherHeader':
					return { 'x-key': stack.webhookKey };
				default:
					return {};
			}
		};
		let cursor = 0;
		const worker = async () => {
			while (cursor < cases.length) {
				const index = cursor++;
				const fuzz = cases[index];
				const response = await stack.n8n.rest().post(`/webhook/${path}`, fuzz.body, {
					headers: { 'content-type': fuzz.contentType, ...headersFor(fuzz.auth) },
					transformRequest: [(data) => data],
					maxBodyLength: Infinity,
					timeout: 60_000,
				}).catch((error: Error) => ({ status: 0, data: error.message }));
				const status = response.status;
				if (status === 0) {
					problems.push(`case ${index}: no answer (${String(response.data)})`);
					continue;
				}
				const authenticated = fuzz.auth === 'key' || fuzz.auth === 'bearer';
				if (!(status === 202 || (status >= 400 && status < 500))) {
					problems.push(`case ${index}: status ${status}`);
					continue;
				}
				if (!authenticated) {
					unauthenticatedAnswers += 1;
					// n8n refuses unreadable JSON before the node runs (422); everything else must be 401.
					if (status !== 401 && status !== 422) problems.push(`case ${index}: unauthenticated got ${status}`);
					continue;
				}
				if (status === 202) {
					const body = response.data as { processed: number; failed: number; errors: unknown[] };
					if (typeof body.processed !== 'number' || typeof body.failed !== 'number') {
						problems.push(`case ${index}: 202 without counts`);
						continue;
					}
					if (body.errors.length !== body.failed) problems.push(`case ${index}: ${body.failed} failed but ${body.errors.length} errors`);
					if (fuzz.expect && fuzz.expect !== 'rejected') {
						if (body.processed !== fuzz.expect.processed || body.failed !== fuzz.expect.failed) {
							problems.push(`case ${index}: expected ${JSON.stringify(fuzz.expect)}, got ${body.processed}/${body.failed}`);
						}
					}
					if (body.processed > 0) accepted += 1;
				} else if (fuzz.expect && fuzz.expect !== 'rejected' && fuzz.expect.processed > 0) {
					problems.push(`case ${index}: valid records refused with ${status}`);
				}
			}
		};
		await Promise.all(Array.from({ length: CONCURRENCY }, worker));

		expect(problems.slice(0, 20)).toEqual([]);
		// About a fifth of the cases carry no key or a wrong one.
		expect(unauthenticatedAnswers).toBeGreaterThan(TOTAL / 10);
		const health = await stack.n8n.rest().get('/healthz');
		expect(health.status).toBe(200);
		// One execution per accepted request, none for anything else.
		const deadline = Date.now() + 120_000;
		let executions = await listExecutions(stack.n8n, workflowId);
		while (executions.length < accepted && Date.now() < deadline) {
			await sleep(500);
			executions = await listExecutions(stack.n8n, workflowId);
		}
		expect(executions.length).toBe(accepted);
		const emitted = executions.flatMap((execution) => execution.items['Defender Trigger'] ?? []);
		// Prototype-pollution keys never reach the workflow.
		expect(JSON.stringify(emitted)).not.toContain('polluted');
		expect(JSON.stringify(emitted)).not.toContain(stack.webhookKey);
	}, 1_800_000);
});
