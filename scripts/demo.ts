/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- demo script, not shipped */
/**
 * `npm run demo`: the emulator with a seeded tenant, a real n8n with this package and the example
 * workflows wired to it, and a live summary. Ctrl-C stops everything it started.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { startCaseSink } from '../test/e2e/harness/caseSink';
import { exampleFiles, prepareExample } from '../test/e2e/harness/examples';
import { freePort, OWNER } from '../test/e2e/harness/n8n';
import { repoRoot } from '../test/e2e/harness/package';
import { startStack } from '../test/e2e/harness/stack';
import { activate, createWorkflow, listExecutions } from '../test/e2e/harness/workflows';

const SEVERITIES = ['high', 'medium', 'low', 'informational'];
const SOURCES = [
	'microsoftDefenderForEndpoint',
	'microsoftDefenderForIdentity',
	'microsoftDefenderForOffice365',
	'microsoftDefenderForCloudApps',
];

async function portOr(preferred: number): Promise<number> {
	const { createServer } = await import('node:net');
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', async () => resolve(await freePort()));
		server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
	});
}

async function main(): Promise<void> {
	const started = Date.now();
	console.log('Starting the Defender XDR demo: emulator, case-system stand-in and n8n…');
	const userFolder = repoRoot;
	// A fresh n8n every run: the demo's state lives in .n8n/ at the repository root.
	rmSync(join(userFolder, '.n8n'), { recursive: true, force: true });

	const sink = await startCaseSink();
	const stack = await startStack({
		userFolder,
		n8nPort: await portOr(5678),
		emulator: { alerts: 300, seed: 42, port: await portOr(4010), httpsPort: false },
	});
	const stopAll = async () => {
		console.log('\nStopping n8n, the emulator and the case-system stand-in…');
		await stack.stop();
		await sink.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stopAll());
	process.on('SIGTERM', () => void stopAll());

	let counter = 0;
	const raiseAlert = () => {
		counter += 1;
		return stack.emulator.admin.createAlert({
			severity: SEVERITIES[counter % SEVERITIES.length],
			serviceSource: SOURCES[counter % SOURCES.length],
			status: 'new',
		});
	};
	for (let i = 0; i < 12; i++) raiseAlert();

	// The AI example needs a chat model; put your key into this credential in the editor to try it.
	const model = await stack.n8n.api().post('/credentials', {
		name: 'OpenAI account',
		type: 'openAiApi',
		data: { apiKey: 'add-your-key-in-the-editor' },
	});
	const targets = {
		caseSystemUrl: sink.url,
		extraCredentials: { openAiApi: { id: String(model.data.id), name: 'OpenAI account' } },
	};
	const workflowIds: Record<string, string> = {};
	for (const file of exampleFiles()) {
		const id = await createWorkflow(stack.n8n, prepareExample(stack, file, targets));
		await activate(stack.n8n, id);
		workflowIds[file] = id;
	}

	console.log(`
Ready in ${Math.round((Date.now() - started) / 1000)} s.

  n8n editor      ${stack.n8n.baseUrl}   (login ${OWNER.email} / ${OWNER.password})
  Defender API    ${stack.emulator.graphBaseUrl}  (emulator; tenant ${stack.emulator.tenantId})
  Case system     ${sink.url}/cases

Example workflows are active. New alerts appear in the emulator every 20 seconds; the polling
trigger picks them up every minute and opens cases. Every 15 seconds the case-system stand-in
closes the oldest open case, and the disposition-sync workflow resolves it in Defender.
Press Ctrl-C to stop.
`);

	setInterval(raiseAlert, 20_000);
	const resolutions = ['TruePositive', 'FalsePositive', 'Duplicate', 'NoImpact'];
	let closed = 0;
	setInterval(async () => {
		const next = sink.cases[closed];
		if (!next) return;
		closed += 1;
		await stack.n8n
			.rest()
			.post(
				'/webhook/case-closed',
				{ ...next, id: `CASE-${closed}`, resolution: resolutions[closed % resolutions.length] },
				{ headers: { [stack.caseSystemHeader.name]: stack.caseSystemHeader.value } },
			)
			.catch(() => undefined);
	}, 15_000);
	const pollWorkflow = workflowIds['01-poll-alerts-to-cases.json'];
	setInterval(async () => {
		const executions = pollWorkflow ? await listExecutions(stack.n8n, pollWorkflow).catch(() => []) : [];
		const ingested = executions.reduce(
			(total, execution) => total + (execution.items['New Defender Alerts']?.length ?? 0),
			0,
		);
		const resolved = [...stack.emulator.state.alerts.values()].filter((alert) =>
			(alert.comments ?? []).some((c: { comment: string }) => c.comment.startsWith('Case CASE-')),
		).length;
		const line = [
			`alerts in tenant ${stack.emulator.state.alerts.size}`,
			`ingested ${ingested}`,
			`normalized into cases ${sink.cases.length}`,
			`on-call notifications ${sink.notifications.length}`,
			`cases closed ${closed}`,
			`resolved in Defender with audit comment ${resolved}`,
		].join(' | ');
		console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
	}, 10_000);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
