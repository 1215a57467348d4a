import { sleep } from 'n8n-workflow';

import { startCaseSink, type CaseSink } from './harness/caseSink';
import { exampleFiles, prepareExample, readExample, type ExampleTargets } from './harness/examples';
import { startStack, type Stack } from './harness/stack';
import { activate, createWorkflow, deactivate, waitForExecutions, waitForWebhook } from './harness/workflows';

async function waitFor(check: () => boolean, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await sleep(200);
	}
}

describe('example workflows in a real n8n', () => {
	let stack: Stack;
	let sink: CaseSink;
	let targets: ExampleTargets;

	beforeAll(async () => {
		sink = await startCaseSink();
		stack = await startStack({ emulator: { alerts: 0, seed: 9, rateLimits: false } });
		// The AI example needs a chat model credential; the model is never called here.
		const model = await stack.n8n.api().post('/credentials', {
			name: 'OpenAI account',
			type: 'openAiApi',
			data: { apiKey: 'unused', url: 'http://127.0.0.1:9/v1' },
		});
		expect(model.status).toBe(200);
		targets = {
			caseSystemUrl: sink.url,
			extraCredentials: { openAiApi: { id: String(model.data.id), name: 'OpenAI account' } },
		};
	}, 900_000);

	afterAll(async () => {
		await stack?.stop();
		await sink?.stop();
	});

	beforeEach(() => sink.clear());

	it.each(exampleFiles())('%s imports and activates without error', async (file) => {
		const id = await createWorkflow(stack.n8n, prepareExample(stack, file, targets));
		await activate(stack.n8n, id);
		const state = await stack.n8n.api().get(`/workflows/${id}`);
		expect(state.data.active).toBe(true);
		await deactivate(stack.n8n, id);
	});

	it('01: polled alerts become one case each, urgent ones with an on-call notification', async () => {
		const high = Array.from({ length: 4 }, () => stack.emulator.admin.createAlert({ severity: 'high' }));
		const low = Array.from({ length: 3 }, () => stack.emulator.admin.createAlert({ severity: 'low' }));
		stack.emulator.admin.createAlert({ severity: 'informational' });
		const file = '01-poll-alerts-to-cases.json';
		const id = await createWorkflow(stack.n8n, prepareExample(stack, file, targets));
		await activate(stack.n8n, id);
		await waitFor(() => sink.cases.length >= 7 && sink.notifications.length >= 4);
		await deactivate(stack.n8n, id);

		expect(sink.cases.map((c) => c.sourceRef).sort()).toEqual([...high, ...low].map((a) => a.id).sort());
		const urgent = sink.cases.filter((c) => c.queue === 'urgent').map((c) => c.sourceRef).sort();
		expect(urgent).toEqual(high.map((a) => a.id).sort());
		for (const created of sink.cases) {
			expect(created).toMatchObject({ source: 'defender', tlp: 2, pap: 2 });
			expect(Array.isArray(created.observables)).toBe(true);
		}
		expect(sink.notifications).toHaveLength(4);
	});

	it('02: a forwarder batch becomes cases and the forwarder gets the counts', async () => {
		const file = '02-webhook-ingest-to-cases.json';
		const workflow = readExample(file);
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-defender-xdr.defenderTrigger')!;
		const path = `${trigger.webhookId}/${(trigger.parameters as { path: string }).path}`;
		const id = await createWorkflow(stack.n8n, prepareExample(stack, file, targets));
		await activate(stack.n8n, id);
		await waitForWebhook(stack.n8n, path);
		const alerts = [stack.emulator.admin.createAlert({}), stack.emulator.admin.createAlert({})];
		const answer = await stack.n8n.rest().post(
			`/webhook/${path}`,
			{ value: [...alerts, { id: 'broken' }] },
			{ headers: { 'content-type': 'application/json', 'x-api-key': stack.webhookKey } },
		);
		expect(answer.status).toBe(202);
		expect(answer.data).toMatchObject({ processed: 2, failed: 1 });
		await waitForExecutions(stack.n8n, id, (list) => list.length >= 1);
		await waitFor(() => sink.cases.length >= 2);
		expect(sink.cases.map((c) => c.sourceRef).sort()).toEqual(alerts.map((a) => a.id).sort());
		await deactivate(stack.n8n, id);
	});

	it('03: a closed case resolves its alert and incident with one audit comment each, also when repeated', async () => {
		const alert = stack.emulator.admin.createAlert({ severity: 'high' });
		const incident = stack.emulator.admin.createIncident({ alertIds: [alert.id] });
		const file = '03-case-closed-disposition-sync.json';
		const webhook = readExample(file).nodes.find((node) => node.type === 'n8n-nodes-base.webhook')!;
		// n8n's Webhook node serves its path as given (no webhook id in the URL).
		const path = (webhook.parameters as { path: string }).path;
		const id = await createWorkflow(stack.n8n, prepareExample(stack, file, targets));
		await activate(stack.n8n, id);
		await waitForWebhook(stack.n8n, path);
		const closedCase = {
			id: 'CASE-4711',
			title: alert.title,
			resolution: 'FalsePositive',
			sourceRef: alert.id,
			extraData: { source: 'defender', defenderAlertId: alert.id, defenderIncidentId: incident.id },
		};
		const close = () =>
			stack.n8n.rest().post(`/webhook/${path}`, closedCase, {
				headers: { 'content-type': 'application/json', [stack.caseSystemHeader.name]: stack.caseSystemHeader.value },
			});
		const unauthenticated = await stack.n8n.rest().post(`/webhook/${path}`, closedCase, {
			headers: { 'content-type': 'application/json' },
		});
		expect(unauthenticated.status).toBe(403);

		for (let attempt = 0; attempt < 2; attempt++) {
			const answer = await close();
			expect(answer.status).toBe(200);
			const storedAlert = stack.emulator.state.alerts.get(alert.id)!;
			const storedIncident = stack.emulator.state.incidents.get(incident.id)!;
			expect(storedAlert).toMatchObject({ status: 'resolved', classification: 'falsePositive' });
			expect(storedIncident).toMatchObject({ status: 'resolved', classification: 'falsePositive' });
			const comment = 'Case CASE-4711 closed in TheHive with resolution: FalsePositive';
			expect((storedAlert.comments ?? []).filter((c: { comment: string }) => c.comment === comment)).toHaveLength(1);
			expect((storedIncident.comments ?? []).filter((c: { comment: string }) => c.comment === comment)).toHaveLength(1);
		}
		await deactivate(stack.n8n, id);
	});

	it('04: a new unassigned incident is enriched, assigned and commented once', async () => {
		const alert = stack.emulator.admin.createAlert({ severity: 'medium' });
		const incident = stack.emulator.admin.createIncident({ alertIds: [alert.id] });
		const file = '04-incident-triage.json';
		const id = await createWorkflow(stack.n8n, prepareExample(stack, file, targets));
		await activate(stack.n8n, id);
		const stored = () => stack.emulator.state.incidents.get(incident.id)!;
		await waitFor(() => stored().assignedTo === 'soc-tier1@contoso.com' && (stored().comments ?? []).length > 0);
		// The assignment and comment are updates the trigger sees next time; they must not loop.
		await deactivate(stack.n8n, id);
		await activate(stack.n8n, id);
		await sleep(2000);
		await deactivate(stack.n8n, id);
		const triage = (stored().comments ?? []).filter((c: { comment: string }) => c.comment.startsWith('Triaged by n8n'));
		expect(triage).toHaveLength(1);
		expect(triage[0].comment).toContain('1 alert(s)');
	});

	it('05: the AI agent gets the Defender node as three tools', async () => {
		const types = await stack.n8n.rest().get('/types/nodes.json');
		const tool = (types.data as Array<{ name: string; properties: Array<{ name: string }> }>).find(
			(node) => node.name === 'n8n-nodes-defender-xdr.defenderTool',
		);
		expect(tool).toBeDefined();
		expect(tool!.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['toolDescription', 'resource', 'operation']));

		const id = await createWorkflow(stack.n8n, prepareExample(stack, '05-ai-agent-triage.json', targets));
		const stored = await stack.n8n.api().get(`/workflows/${id}`);
		const tools = Object.entries(stored.data.connections as Record<string, { ai_tool?: Array<Array<{ node: string }>> }>)
			.filter(([, outputs]) => outputs.ai_tool?.[0]?.[0]?.node === 'SOC Assistant')
			.map(([name]) => name)
			.sort();
		expect(tools).toEqual(['Comment on Defender Alert', 'Get Defender Alert', 'Get Defender Incident']);
		const toolNodes = (stored.data.nodes as Array<{ name: string; type: string; credentials?: Record<string, { id: string }> }>).filter(
			(node) => node.type === 'n8n-nodes-defender-xdr.defenderTool',
		);
		expect(toolNodes.every((node) => node.credentials?.defenderXdrApi?.id === stack.credentials.defenderXdrApi.id)).toBe(true);
	});
});
