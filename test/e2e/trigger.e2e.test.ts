import { randomUUID } from 'node:crypto';
import { sleep } from 'n8n-workflow';

import { startStack, type Stack } from './harness/stack';
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
} from './harness/workflows';

const TOKEN_LIFETIME_S = 4;
const emitted = emittedByTrigger;

describe('DefenderTrigger in a real n8n', () => {
	let stack: Stack;

	beforeAll(async () => {
		// Short-lived tokens, so polls run into expired tokens and n8n has to mint new ones.
		stack = await startStack({
			emulator: { alerts: 0, seed: 5, rateLimits: false, tokenLifetimeSeconds: TOKEN_LIFETIME_S },
		});
	}, 900_000);

	afterAll(async () => {
		await stack?.stop();
	});

	const pollWorkflow = (name: string, parameters: Record<string, unknown>) => ({
		name,
		nodes: [defenderTriggerNode({ mode: 'poll', credential: stack.credentials.defenderXdrApi, parameters })],
		connections: {},
	});

	const webhookWorkflow = (name: string, webhookId: string) => ({
		name,
		nodes: [
			defenderTriggerNode({
				mode: 'webhook',
				credential: stack.credentials.defenderWebhookApi,
				webhookId,
				path: 'defender',
			}),
		],
		connections: {},
	});

	it('production polling: 25 alerts before activation, 25 created or updated after, through a 429 burst and an expired token, each version once', async () => {
		const before = Array.from({ length: 25 }, (_, i) =>
			stack.emulator.admin.createAlert({ severity: i % 2 ? 'high' : 'medium', status: 'new' }),
		);
		const id = await createWorkflow(
			stack.n8n,
			pollWorkflow('poll alerts', { options: { lookBack: '1h' }, filters: { severity: ['high', 'medium'] } }),
		);
		// The emulator returns its stored objects, which later updates change: keep the versions now.
		const beforeVersions = before.map(versionKey);
		await activate(stack.n8n, id);
		let executions = await waitForExecutions(stack.n8n, id, (list) => emitted(list).length >= 25);
		expect(emitted(executions).map((item) => item.id).sort()).toEqual(before.map((a) => a.id).sort());

		const created = Array.from({ length: 15 }, () =>
			versionKey(stack.emulator.admin.createAlert({ severity: 'high' })),
		);
		const updated = before
			.slice(0, 10)
			.map((alert) => versionKey(stack.emulator.admin.updateAlert(alert.id, { status: 'inProgress' })));
		// Filtered out: must never arrive.
		stack.emulator.admin.createAlert({ severity: 'low' });
		// A throttled poll loses nothing: the next poll catches up.
		stack.emulator.faults.add({ path: '/v1.0/security/alerts_v2', status: 429, retryAfter: '0', times: 2 });
		// Let the token expire: the next poll gets a 401, the credential mints again, nothing is lost.
		await sleep((TOKEN_LIFETIME_S + 1) * 1000);
		stack.emulator.requests.clear();

		await deactivate(stack.n8n, id);
		await activate(stack.n8n, id);
		executions = await waitForExecutions(stack.n8n, id, (list) => emitted(list).length >= 50);
		const log = stack.emulator.requests.list();
		expect(log.some((entry) => entry.path === '/v1.0/security/alerts_v2' && entry.status === 401)).toBe(true);
		expect(log.some((entry) => entry.path === '/v1.0/security/alerts_v2' && entry.status === 429)).toBe(true);
		expect(log.some((entry) => entry.path.endsWith('/oauth2/v2.0/token') && entry.status === 200)).toBe(true);
		await deactivate(stack.n8n, id);
		await activate(stack.n8n, id);
		await deactivate(stack.n8n, id);
		executions = await listExecutions(stack.n8n, id);

		const versions = emitted(executions).map(versionKey);
		expect(new Set(versions).size).toBe(versions.length);
		const expected = [...beforeVersions, ...created, ...updated];
		expect(versions.sort()).toEqual(expected.sort());
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
	});

	it('production webhook: single, batch, bad key, empty and non-JSON bodies', async () => {
		const webhookId = randomUUID();
		const id = await createWorkflow(stack.n8n, webhookWorkflow('webhook alerts', webhookId));
		await activate(stack.n8n, id);
		const path = `${webhookId}/defender`;
		await waitForWebhook(stack.n8n, path);
		const post = (body: unknown, headers: Record<string, string> = { 'x-api-key': stack.webhookKey }) =>
			stack.n8n.rest().post(`/webhook/${path}`, body, {
				headers: { 'content-type': 'application/json', ...headers },
			});
		const alert = (n: number) => ({
			'@odata.type': '#microsoft.graph.security.alert',
			id: `da-webhook-${n}`,
			status: 'new',
			severity: 'high',
			createdDateTime: '2026-11-20T10:00:00Z',
			lastUpdateDateTime: '2026-11-20T10:00:00Z',
		});

		const single = await post(alert(1));
		expect(single.status).toBe(202);
		expect(single.data).toMatchObject({ success: true, processed: 1, failed: 0 });

		const batch = await post({ value: [alert(2), alert(3), { nope: true }] });
		expect(batch.status).toBe(202);
		expect(batch.data).toMatchObject({ processed: 2, failed: 1 });

		const badKey = await post(alert(4), { 'x-api-key': 'wrong-key' });
		expect(badKey.status).toBe(401);
		const empty = await post({});
		expect(empty.status).toBe(400);
		expect(empty.data).toMatchObject({ error: 'No alerts in payload' });
		const notJson = await stack.n8n.rest().post(`/webhook/${path}`, 'id=broken', {
			headers: { 'content-type': 'text/plain', 'x-api-key': stack.webhookKey },
		});
		expect(notJson.status).toBe(400);

		const executions = await waitForExecutions(stack.n8n, id, (list) => emitted(list).length >= 3);
		expect(emitted(executions).map((item) => item.id).sort()).toEqual(['da-webhook-1', 'da-webhook-2', 'da-webhook-3']);
		expect(executions).toHaveLength(2);
		await deactivate(stack.n8n, id);
	});

	it('editor paths: manual poll fetches the newest alert; the test webhook passes its payload through', async () => {
		const newest = stack.emulator.admin.createAlert({ severity: 'high' });
		const pollId = await createWorkflow(stack.n8n, pollWorkflow('manual poll', {}));
		const run = await stack.n8n.rest().post(`/rest/workflows/${pollId}/run`, {
			triggerToStartFrom: { name: 'Defender Trigger' },
		});
		expect(run.status).toBe(200);
		const manual = await waitForExecutions(stack.n8n, pollId, (list) => list.length >= 1);
		expect(emitted(manual).map((item) => item.id)).toEqual([newest.id]);
		expect(manual[0].mode).toBe('manual');

		const webhookId = randomUUID();
		const hookId = await createWorkflow(stack.n8n, webhookWorkflow('test webhook', webhookId));
		const waiting = await stack.n8n.rest().post(`/rest/workflows/${hookId}/run`, {
			triggerToStartFrom: { name: 'Defender Trigger' },
		});
		expect(waiting.status).toBe(200);
		const delivered = await stack.n8n.rest().post(
			`/webhook-test/${webhookId}/defender`,
			{ id: 'da-test-1', severity: 'high', status: 'new', lastUpdateDateTime: '2026-11-20T10:00:00Z', serviceSource: 'microsoftDefenderForEndpoint' },
			{ headers: { 'content-type': 'application/json', 'x-api-key': stack.webhookKey } },
		);
		expect(delivered.status).toBe(202);
		const test = await waitForExecutions(stack.n8n, hookId, (list) => list.length >= 1);
		expect(emitted(test).map((item) => item.id)).toEqual(['da-test-1']);
	});
});
