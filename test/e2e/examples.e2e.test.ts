import { sleep } from 'n8n-workflow';

import { startCaseSink, type CaseSink } from './harness/caseSink';
import { startFeedServer, type FeedServer } from './harness/feedServer';
import { exampleFiles, prepareExample, readExample, type ExampleTargets } from './harness/examples';
import { startStack, type Stack } from './harness/stack';
import {
	activate,
	createWorkflow,
	deactivate,
	waitForExecutions,
	waitForWebhook,
	type WorkflowJson,
} from './harness/workflows';

/** The placeholder feed URL workflow 07 ships with. */
const FEED_PLACEHOLDER = 'https://feeds.example.com/iocs.json';

function nodeNamed(workflow: WorkflowJson, name: string): Record<string, unknown> & { parameters: Record<string, unknown> } {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`node ${name} not found`);
	return node as Record<string, unknown> & { parameters: Record<string, unknown> };
}

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
	let feed: FeedServer;

	beforeAll(async () => {
		sink = await startCaseSink();
		feed = await startFeedServer();
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
		await feed?.stop();
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

	describe('response, threat intelligence and hunting', () => {
		type Action = { type: string; machineId: string; requestorComment: string };
		const actionsOn = (machineId: string) =>
			[...stack.emulator.state.machineActions.values()].filter((action: Action) => action.machineId === machineId);
		const deviceOf = (alert: { evidence: Array<Record<string, unknown>> }) =>
			String(alert.evidence.find((e) => String(e['@odata.type']).endsWith('deviceEvidence'))?.mdeDeviceId);
		const commentsOn = (alertId: string) =>
			(stack.emulator.state.alerts.get(alertId)!.comments ?? []).map((c: { comment: string }) => c.comment);

		/** Workflow 06 with the approval time limit shortened for the test. */
		function isolationWorkflow(seconds: number): WorkflowJson {
			const workflow = prepareExample(stack, '06-isolate-with-approval.json', targets);
			Object.assign(nodeNamed(workflow, 'Wait for Confirmation').parameters, { resumeAmount: seconds, resumeUnit: 'seconds' });
			return workflow;
		}

		// Alerts of the earlier scenarios would also be high severity: start from the seeded tenant.
		beforeEach(() => stack.emulator.admin.reset());

		it('06: isolates the device of a high-severity alert and releases it when nobody confirms in time', async () => {
			const alert = stack.emulator.admin.createAlert({ severity: 'high' });
			const device = deviceOf(alert);
			const id = await createWorkflow(stack.n8n, isolationWorkflow(2));
			await activate(stack.n8n, id);
			await waitFor(() => actionsOn(device).some((action) => action.type === 'Isolate'), 90_000);
			await waitFor(() => sink.notifications.length >= 1);
			expect(sink.notifications[0]).toMatchObject({ alertId: alert.id, machineId: device });
			expect(String(sink.notifications[0].confirmUrl)).toContain('/webhook-waiting/');
			// n8n picks up parked executions once a minute.
			const [run] = await waitForExecutions(stack.n8n, id, (list) => list.some((e) => e.status === 'success'), 180_000);
			await deactivate(stack.n8n, id);

			const actions = actionsOn(device);
			expect(actions.map((action) => action.type)).toEqual(['Isolate', 'Unisolate']);
			expect(actions[0]).toMatchObject({ scope: 'Selective' });
			expect(actions[0].requestorComment).toContain(alert.id);
			expect(run.items['Isolate Device'][0]).toMatchObject({ machineId: device, outcome: 'completed', status: 'Succeeded' });
			expect(run.items['Release From Isolation'][0]).toMatchObject({ machineId: device, outcome: 'completed', status: 'Succeeded' });
			expect(run.items['Comment Kept Isolated']).toBeUndefined();
			expect(commentsOn(alert.id).filter((c) => c.startsWith('No analyst confirmed'))).toHaveLength(1);
		});

		it('06: keeps the device isolated when the analyst opens the confirm link', async () => {
			const alert = stack.emulator.admin.createAlert({ severity: 'high' });
			const device = deviceOf(alert);
			const id = await createWorkflow(stack.n8n, isolationWorkflow(600));
			await activate(stack.n8n, id);
			await waitFor(() => sink.notifications.length >= 1, 90_000);
			// The link is posted just before the Wait node parks the execution; n8n answers 409 until then.
			await waitForExecutions(stack.n8n, id, (list) => list.some((e) => e.status === 'waiting'));
			const confirm = await stack.n8n.rest().get(String(sink.notifications[0].confirmUrl));
			expect(confirm.status).toBe(200);
			const [run] = await waitForExecutions(stack.n8n, id, (list) => list.some((e) => e.status === 'success'));
			await deactivate(stack.n8n, id);

			expect(actionsOn(device).map((action) => action.type)).toEqual(['Isolate']);
			expect(run.items['Release From Isolation']).toBeUndefined();
			expect(commentsOn(alert.id).filter((c) => c.startsWith('An analyst confirmed the isolation'))).toHaveLength(1);
		});

		/** Starts a schedule-triggered example by hand, as the editor's "Test workflow" does. */
		async function runManually(id: string, trigger: string, runs: number) {
			const started = await stack.n8n.rest().post(`/rest/workflows/${id}/run`, { triggerToStartFrom: { name: trigger } });
			expect(started.status).toBe(200);
			return waitForExecutions(stack.n8n, id, (list) => list.length >= runs);
		}

		it('07: the feed becomes blocking indicators for its source tag, and a second run changes nothing', async () => {
			const workflow = JSON.parse(
				JSON.stringify(prepareExample(stack, '07-ti-feed-indicator-sync.json', targets)).split(FEED_PLACEHOLDER).join(feed.url),
			) as WorkflowJson;
			const id = await createWorkflow(stack.n8n, workflow);
			const owned = () =>
				[...stack.emulator.state.indicators.values()].filter((i) => i.description.startsWith('[n8n:n8n-ti-feed]'));

			const [first] = await runManually(id, 'Every Day', 1);
			expect(first.status).toBe('success');
			const report = first.items['Sync Indicators'][0] as { counts: Record<string, number>; skipped: Array<{ code: string; value: string }> };
			expect(report.counts).toMatchObject({ created: 4, updated: 0, skipped: 2, failed: 0 });
			expect(report.skipped.map((entry) => [entry.code, entry.value]).sort()).toEqual([
				['belowConfidence', '198.51.100.7'],
				['weakHash', 'd41d8cd98f00b204e9800998ecf8427e'],
			]);
			const expected = feed.entries.filter((e) => Number(e.confidence) >= 70 && e.type !== 'md5').map((e) => String(e.value));
			expect(owned().map((i) => i.indicatorValue).sort()).toEqual(expected.sort());
			for (const indicator of owned()) {
				expect(indicator).toMatchObject({ action: 'Block', severity: 'Medium' });
				expect(Date.parse(String(indicator.expirationTime))).toBeGreaterThan(Date.now() + 29 * 86_400_000);
			}
			const before = JSON.stringify(owned());

			const second = (await runManually(id, 'Every Day', 2))[1];
			expect(second.status).toBe('success');
			expect((second.items['Sync Indicators'][0] as { counts: Record<string, number> }).counts).toMatchObject({
				created: 0,
				updated: 0,
				deleted: 0,
				expired: 0,
				unchanged: 4,
			});
			expect(JSON.stringify(owned())).toBe(before);
			expect(feed.downloads()).toBe(2);
		});

		it('08: a scheduled hunt turns each high-severity alert it finds into one case', async () => {
			const high = [stack.emulator.admin.createAlert({ severity: 'high' }), stack.emulator.admin.createAlert({ severity: 'high' })];
			stack.emulator.admin.createAlert({ severity: 'low' });
			const id = await createWorkflow(stack.n8n, prepareExample(stack, '08-scheduled-hunt-to-cases.json', targets));
			const [run] = await runManually(id, 'Every Hour', 1);
			expect(run.status).toBe('success');
			await waitFor(() => sink.cases.length >= 2);
			expect(sink.cases.map((c) => c.sourceRef).sort()).toEqual(high.map((a) => a.id).sort());
			for (const created of sink.cases) {
				expect(created).toMatchObject({ source: 'defender', queue: 'hunting', tlp: 2, pap: 2 });
				expect(Array.isArray(created.observables)).toBe(true);
			}
		});
	});
});
