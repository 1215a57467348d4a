/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test harness, not shipped */
/**
 * Secrets sweep: every operation of every node and every error path runs in a real n8n against
 * the emulator with known client secrets, a certificate's private key, a webhook key and a Header
 * Auth value. Then execution data, the n8n log and database, the emulator's request log (headers
 * and bodies, outside the Authorization header and the token form) and every answer the test got
 * are searched for those values, for every access token the emulator issued and for every client
 * assertion it received: zero occurrences.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sleep } from 'n8n-workflow';

import type { ClientCertificate, RegisteredApp } from '../emulator';
import { prepareExample, readExample } from '../e2e/harness/examples';
import { startStack, type CredentialRef, type Stack } from '../e2e/harness/stack';
import {
	activate,
	createWorkflow,
	deactivate,
	listExecutions,
	waitForExecutions,
	waitForWebhook,
	type ExecutionSummary,
	type WorkflowJson,
} from '../e2e/harness/workflows';
import { emulatorCredentialFields } from '../nodes/emulatorCredential';
import {
	describeOccurrences,
	plainSecret,
	privateKeySecret,
	SecretScanner,
	tokenSecret,
	type KnownSecret,
} from './harness/secrets';
import { ERROR_CASES, type SweepCredential } from './harness/secretsErrorCases';
import {
	chainWorkflow,
	declaredDefenderOperations,
	defenderNode,
	everyOperationWorkflow,
	fixedItem,
	normalizeNode,
	takeWebhookNodeHeaders,
	triggerNode,
	triggerWorkflow,
	type CredentialLink,
} from './harness/secretsWorkflows';

const HEADER_AUTH = 'Header Auth value';
/**
 * n8n's own Webhook node puts every request header into its output (it hides only Authorization
 * and Cookie, and only on display), so the case system's Header Auth value is in that node's
 * execution data and in n8n's database whatever this package does. Only there is it let through;
 * everywhere else, this package's node outputs included, it is searched for like every secret.
 */
const HEADER_AUTH_EXEMPT: ReadonlySet<string> = new Set([HEADER_AUTH]);
const NO_EXEMPTION: ReadonlySet<string> = new Set();

/** Every file under `folder`, except the installed community packages. */
function userFolderFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return entry.name === 'nodes' ? [] : userFolderFiles(path);
		return entry.isFile() ? [path] : [];
	});
}

const fakeSecret = (what: string) => `test-secret-value-${what}-${randomBytes(12).toString('hex')}`;
const link = (type: string, ref: { id: string; name: string }): CredentialLink => ({
	[type]: { id: ref.id, name: ref.name },
});

describe('secrets never leave the credential', () => {
	let stack: Stack;
	let secretApp: RegisteredApp;
	let certApp: RegisteredApp & ClientCertificate;
	const secrets = {
		client: fakeSecret('client'),
		wrong: fakeSecret('wrong'),
		noRoles: fakeSecret('no-roles'),
	};
	const creds = {} as Record<SweepCredential, CredentialRef>;
	/** Every answer n8n gave the test (run starts, webhook answers, credential tests). */
	const received: Array<{ source: string; text: string }> = [];
	const workflowIds: string[] = [];
	const operationsRun = new Set<string>();
	const errorPaths: string[] = [];

	const keep = (source: string, data: unknown) =>
		received.push({ source, text: typeof data === 'string' ? data : JSON.stringify(data ?? null) });
	const defenderLink = (credential: SweepCredential) => link('defenderXdrApi', creds[credential]);

	beforeAll(async () => {
		stack = await startStack({
			emulator: {
				alerts: 30,
				seed: 61,
				rateLimits: false,
				recordBodies: true,
				actionClock: 0,
				validatePairs: false,
			},
			n8nEnv: { N8N_LOG_LEVEL: 'debug' },
		});
		const emulator = stack.emulator;
		secretApp = emulator.registerApp({ clientSecret: secrets.client, displayName: 'Secrets scan' });
		const noRolesApp = emulator.registerApp({
			clientSecret: secrets.noRoles,
			roles: [],
			displayName: 'Secrets scan without roles',
		});
		certApp = await emulator.registerCertificateApp({ displayName: 'Secrets scan certificate' });
		const base = emulatorCredentialFields(emulator);
		const withSecret = (clientId: string, clientSecret: string) => ({
			...base,
			clientId,
			clientSecret,
		});
		const fields: Record<SweepCredential, Record<string, unknown>> = {
			secret: withSecret(secretApp.clientId, secrets.client),
			certificate: {
				...base,
				clientId: certApp.clientId,
				authentication: 'certificate',
				privateKey: certApp.privateKeyPem,
				certificate: certApp.certificatePem,
			},
			wrongSecret: withSecret(secretApp.clientId, secrets.wrong),
			noRoles: withSecret(noRolesApp.clientId, secrets.noRoles),
			outage: withSecret(secretApp.clientId, secrets.client),
			outageReset: withSecret(secretApp.clientId, secrets.client),
		};
		for (const [key, data] of Object.entries(fields) as Array<
			[SweepCredential, Record<string, unknown>]
		>) {
			const name = `Sweep ${key}`;
			const response = await stack.n8n
				.api()
				.post('/credentials', { name, type: 'defenderXdrApi', data });
			keep(`create credential ${name}`, response.data);
			expect(response.status).toBe(200);
			creds[key] = { id: String(response.data.id), name, data };
		}
	}, 900_000);

	afterAll(async () => {
		await stack?.stop();
	});

	async function create(definition: WorkflowJson): Promise<string> {
		const id = await createWorkflow(stack.n8n, definition);
		workflowIds.push(id);
		return id;
	}

	/** Runs a workflow from the editor (manual mode) and returns its execution once finished. */
	async function runManually(id: string, trigger = 'Start'): Promise<ExecutionSummary> {
		const before = (await listExecutions(stack.n8n, id)).length;
		const started = await stack.n8n
			.rest()
			.post(`/rest/workflows/${id}/run`, { triggerToStartFrom: { name: trigger } });
		keep(`run ${id}`, started.data);
		expect(started.status).toBe(200);
		const done = await waitForExecutions(stack.n8n, id, (list) => list.length > before, 180_000);
		return done[done.length - 1];
	}

	it('the scanner finds a planted secret (negative control)', () => {
		// Shaped like an issued token: header, claims, RS256-sized signature.
		const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const token = [
			encoded({ typ: 'JWT', alg: 'RS256' }),
			encoded({ appid: 'planted' }),
			randomBytes(256).toString('base64url'),
		].join('.');
		const scanner = new SecretScanner(
			[
				plainSecret('client secret', secrets.client),
				privateKeySecret('private key', certApp.privateKeyPem),
				tokenSecret('token', token),
			],
			[certApp.certificatePem],
		);
		const clean = stack.n8n.logText() + JSON.stringify(stack.emulator.requests.list());
		expect(scanner.scan('clean', clean)).toEqual([]);
		const keyLine = certApp.privateKeyPem.split('\n')[5];
		const planted = [
			`error: ${secrets.client}`,
			`cut: …${secrets.client.slice(3, 21)}…`,
			`{"body":"client_secret=${encodeURIComponent(secrets.client)}"}`,
			`basic ${Buffer.from(secrets.client).toString('base64')}`,
			JSON.stringify({ key: certApp.privateKeyPem }),
			`line: ${keyLine.slice(10, 30)}`,
			`Authorization: Bearer ${token}`,
			`sig only ${token.split('.')[2]}`,
		];
		for (const text of planted)
			expect({ text, hits: scanner.scan('planted', text).length > 0 }).toEqual({
				text,
				hits: true,
			});
		const [hit] = scanner.scan('planted', `x ${secrets.client} y`);
		expect(hit.label).toBe('client secret');
		expect(hit.context).not.toContain(secrets.client.slice(-16));
		// An exempted secret is reported apart and does not count.
		expect(scanner.scan('exempt', secrets.client, '', new Set(['client secret']))).toEqual([]);
		expect(scanner.exempted.map((o) => o.source)).toEqual(['exempt']);
		// The certificate is public: its own text is no hit.
		expect(scanner.scan('certificate', certApp.certificatePem)).toEqual([]);
	});

	it('every Defender operation with both credential types', async () => {
		const state = stack.emulator.state;
		const machines = [...state.machines.keys()];
		expect(machines.length).toBeGreaterThanOrEqual(4);
		const cve = [...state.vulnerabilities.values()][0].id;
		const covered = new Set<string>();
		for (const [run, credential] of [
			[1, 'secret'],
			[2, 'certificate'],
		] as const) {
			const alert = stack.emulator.admin.createAlert({ severity: 'high' });
			const incident = stack.emulator.admin.createIncident({ alertIds: [alert.id] });
			const caseAlert = stack.emulator.admin.createAlert({ severity: 'medium' });
			const caseIncident = stack.emulator.admin.createIncident({ alertIds: [caseAlert.id] });
			const device = machines[2 * (run - 1)];
			const { workflow, operations } = everyOperationWorkflow(defenderLink(credential), {
				alert: alert.id,
				incident: String(incident.id),
				caseAlert: caseAlert.id,
				caseIncident: String(caseIncident.id),
				device,
				offboard: machines[2 * (run - 1) + 1],
				cve,
				tag: credential,
				run,
			});
			const execution = await runManually(await create(workflow));
			expect({ credential, status: execution.status, error: execution.error }).toEqual({
				credential,
				status: 'success',
				error: undefined,
			});
			// Every node ran and none of them turned out an error item.
			const nodes = workflow.nodes.map((node) => String(node.name));
			expect(nodes.filter((name) => !(name in execution.items))).toEqual([]);
			const errorItems = Object.entries(execution.items).filter(([, items]) =>
				items.some((item) => 'error' in item),
			);
			expect(errorItems).toEqual([]);
			const actions = [...state.machineActions.values()]
				.filter((action) => action.machineId === device)
				.map((action) => action.type);
			expect(new Set(actions)).toEqual(
				new Set([
					'Isolate',
					'Unisolate',
					'RunAntiVirusScan',
					'RestrictCodeExecution',
					'UnrestrictCodeExecution',
					'CollectInvestigationPackage',
					'StopAndQuarantineFile',
				]),
			);
			expect(state.alerts.get(alert.id)).toMatchObject({ status: 'resolved' });
			expect(state.alerts.get(caseAlert.id)).toMatchObject({
				status: 'resolved',
				classification: 'falsePositive',
			});
			operations.forEach((operation) => covered.add(operation));
		}
		// A new operation of the Defender node has to join the sweep.
		expect([...covered].sort()).toEqual(declaredDefenderOperations());
		covered.forEach((operation) => operationsRun.add(`defender.${operation}`));
		operationsRun.add('normalize (case, OCSF, ECS, incident)');
	});

	it('Defender Trigger: production and manual polls with both credentials, production and test webhooks, wrong keys', async () => {
		const alerts = Array.from({ length: 3 }, () =>
			stack.emulator.admin.createAlert({ severity: 'high' }),
		);
		stack.emulator.admin.createIncident({ alertIds: [alerts[0].id] });
		const polls = [
			['alerts', 'secret', { resource: 'alerts', options: { lookBack: '1h' } }],
			[
				'incidents',
				'certificate',
				{ resource: 'incidents', options: { lookBack: '1h', fetchIncidentAlerts: true } },
			],
		] as const;
		for (const [what, credential, parameters] of polls) {
			const trigger = triggerNode(
				{ mode: 'poll', event: 'createdOrUpdated', ...parameters },
				defenderLink(credential),
			);
			const id = await create(triggerWorkflow(`secrets scan: poll ${what}`, trigger));
			await activate(stack.n8n, id);
			const [first] = await waitForExecutions(stack.n8n, id, (list) => list.length >= 1, 180_000);
			await deactivate(stack.n8n, id);
			const emitted = (first.items['Defender Trigger'] ?? []).length > 0;
			expect({ what, status: first.status, emitted }).toEqual({
				what,
				status: 'success',
				emitted: true,
			});
			const manual = await runManually(id, 'Defender Trigger');
			expect({ what, mode: manual.mode, status: manual.status }).toEqual({
				what,
				mode: 'manual',
				status: 'success',
			});
			operationsRun.add(`trigger.poll ${what} (production, manual)`);
		}

		const webhookId = randomUUID();
		const trigger = triggerNode(
			{ mode: 'webhook', event: 'createdOrUpdated', path: 'scan' },
			link('defenderWebhookApi', stack.credentials.defenderWebhookApi),
			webhookId,
		);
		const hookId = await create(triggerWorkflow('secrets scan: webhook', trigger));
		await activate(stack.n8n, hookId);
		await waitForWebhook(stack.n8n, `${webhookId}/scan`);
		const post = async (
			label: string,
			url: string,
			headers: Record<string, string>,
			expected: number,
		) => {
			// Fresh alerts each time: the trigger drops versions it has already emitted.
			const batch = [stack.emulator.admin.createAlert({}), stack.emulator.admin.createAlert({})];
			const answer = await stack.n8n
				.rest()
				.post(
					url,
					{ value: batch },
					{ headers: { 'content-type': 'application/json', ...headers } },
				);
			keep(`webhook ${label}`, {
				status: answer.status,
				headers: answer.headers,
				body: answer.data,
			});
			expect({ label, status: answer.status }).toEqual({ label, status: expected });
		};
		const production = `/webhook/${webhookId}/scan`;
		await post('x-api-key', production, { 'x-api-key': stack.webhookKey }, 202);
		await post('bearer', production, { authorization: `Bearer ${stack.webhookKey}` }, 202);
		await post(
			'wrong key',
			production,
			{ 'x-api-key': `${stack.webhookKey.slice(0, -4)}beef` },
			401,
		);
		await post(
			'wrong bearer',
			production,
			{ authorization: `Bearer ${stack.webhookKey.slice(1)}` },
			401,
		);
		await post('no key', production, {}, 401);
		await waitForExecutions(stack.n8n, hookId, (list) => list.length >= 2);
		await deactivate(stack.n8n, hookId);
		errorPaths.push('wrong webhook key', 'wrong webhook bearer', 'missing webhook key');

		const waiting = await stack.n8n
			.rest()
			.post(`/rest/workflows/${hookId}/run`, { triggerToStartFrom: { name: 'Defender Trigger' } });
		keep('test webhook start', waiting.data);
		expect(waiting.status).toBe(200);
		await post(
			'test webhook',
			`/webhook-test/${webhookId}/scan`,
			{ 'x-api-key': stack.webhookKey },
			202,
		);
		const executions = await waitForExecutions(stack.n8n, hookId, (list) =>
			list.some((e) => e.mode === 'manual'),
		);
		expect(executions.filter((e) => e.mode === 'manual').map((e) => e.status)).toEqual(['success']);
		operationsRun.add('trigger.webhook (production, test)');

		// The case-closed example: n8n's Webhook node with Header Auth, then Sync Disposition.
		const caseAlert = stack.emulator.admin.createAlert({ severity: 'high' });
		const file = '03-case-closed-disposition-sync.json';
		const webhook = readExample(file).nodes.find((node) => node.type === 'n8n-nodes-base.webhook')!;
		const path = (webhook.parameters as { path: string }).path;
		const caseId = await create(
			prepareExample(stack, file, { caseSystemUrl: 'http://127.0.0.1:9' }),
		);
		await activate(stack.n8n, caseId);
		await waitForWebhook(stack.n8n, path);
		const closed = {
			id: 'CASE-9',
			resolution: 'FalsePositive',
			sourceRef: caseAlert.id,
			extraData: { source: 'defender', defenderAlertId: caseAlert.id },
		};
		const header = stack.caseSystemHeader;
		for (const [label, value, expected] of [
			['header auth', header.value, 200],
			['wrong header value', `${header.value.slice(0, -4)}beef`, 403],
		] as const) {
			const answer = await stack.n8n.rest().post(`/webhook/${path}`, closed, {
				headers: { 'content-type': 'application/json', [header.name]: value },
			});
			keep(`case webhook ${label}`, {
				status: answer.status,
				headers: answer.headers,
				body: answer.data,
			});
			expect({ label, status: answer.status }).toEqual({ label, status: expected });
		}
		await waitForExecutions(stack.n8n, caseId, (list) => list.length >= 1);
		await deactivate(stack.n8n, caseId);
		expect(stack.emulator.state.alerts.get(caseAlert.id)).toMatchObject({ status: 'resolved' });
		operationsRun.add('case-closed webhook (n8n Webhook + Header Auth) → Sync Disposition');
		errorPaths.push('wrong Header Auth value');
	});

	it('Trigger and Normalize error paths: polls failing in the editor and in production, input that is no alert', async () => {
		const pollWith = (credential: SweepCredential) =>
			triggerNode(
				{
					mode: 'poll',
					event: 'createdOrUpdated',
					resource: 'alerts',
					options: { lookBack: '1h' },
				},
				defenderLink(credential),
			);
		/**
		 * A poll that fails in the editor (a failed manual execution) and in production, where n8n
		 * accepts the activation, polls in the background and logs the failure.
		 */
		const failingPoll = async (label: string, credential: SweepCredential) => {
			const id = await create(
				triggerWorkflow(`secrets scan error: poll, ${label}`, pollWith(credential)),
			);
			const manual = await runManually(id, 'Defender Trigger');
			expect({ label, status: manual.status, message: typeof manual.error }).toEqual({
				label,
				status: 'error',
				message: 'string',
			});
			keep(`manual poll, ${label}`, manual.error);
			// n8n accepts the activation, runs the first poll in the background and logs its failure.
			const failures = () =>
				stack.n8n.logText().split('There was a problem activating the workflow').length;
			const before = failures();
			const activated = await stack.n8n.api().post(`/workflows/${id}/activate`, {});
			keep(`activating a poll, ${label}`, activated.data);
			const deadline = Date.now() + 180_000;
			while (failures() === before && Date.now() < deadline) await sleep(1_000);
			await deactivate(stack.n8n, id);
			expect({ label, productionPollFailed: failures() > before }).toEqual({
				label,
				productionPollFailed: true,
			});
			errorPaths.push(`poll, ${label} (manual, production)`);
		};
		await failingPoll('wrong secret', 'wrongSecret');
		stack.emulator.faults.add({
			path: '/v1.0/security/alerts_v2',
			status: 429,
			retryAfter: '0',
			times: 1000,
		});
		try {
			await failingPoll('429 retries exhausted', 'secret');
		} finally {
			stack.emulator.faults.clear();
		}

		for (const continueOnFail of [true, false]) {
			const normalize = normalizeNode('Normalize', 'default');
			if (continueOnFail) normalize.onError = 'continueRegularOutput';
			const id = await create(
				chainWorkflow(`secrets scan error: normalize${continueOnFail ? ' (continue)' : ''}`, [
					fixedItem('Not An Alert', { nothing: true }),
					normalize,
				]),
			);
			const execution = await runManually(id);
			if (continueOnFail) {
				expect({
					status: execution.status,
					error: typeof execution.items.Normalize?.[0]?.error,
				}).toEqual({ status: 'success', error: 'string' });
				keep('normalize error item', execution.items.Normalize);
			} else {
				expect({ status: execution.status, message: typeof execution.error }).toEqual({
					status: 'error',
					message: 'string',
				});
				keep('normalize error', execution.error);
			}
		}
		errorPaths.push('normalize input that is no alert');
	});

	it.each(ERROR_CASES.map((c) => [c.label, c] as const))(
		'error path: %s, with and without Continue On Fail',
		async (label, errorCase) => {
			for (const continueOnFail of [true, false]) {
				const settings = continueOnFail ? { onError: 'continueRegularOutput' } : {};
				const node = defenderNode(
					'Defender',
					defenderLink(errorCase.credential),
					errorCase.parameters,
					settings,
				);
				const id = await create(
					chainWorkflow(`secrets scan error: ${label}${continueOnFail ? ' (continue)' : ''}`, [
						node,
					]),
				);
				for (const fault of errorCase.faults ?? []) stack.emulator.faults.add(fault);
				try {
					const execution = await runManually(id);
					if (continueOnFail) {
						const [item] = execution.items.Defender ?? [];
						expect({ label, status: execution.status, error: typeof item?.error }).toEqual({
							label,
							status: 'success',
							error: 'string',
						});
						keep(`error item: ${label}`, item);
					} else {
						expect({ label, status: execution.status, message: typeof execution.error }).toEqual({
							label,
							status: 'error',
							message: 'string',
						});
						keep(`error message: ${label}`, execution.error);
					}
				} finally {
					stack.emulator.faults.clear();
				}
			}
			errorPaths.push(label);
		},
	);

	it('the credential test endpoint: a wrong secret fails, both good credentials pass', async () => {
		const test = async (ref: CredentialRef) => {
			const response = await stack.n8n.rest().post('/rest/credentials/test', {
				credentials: { id: ref.id, name: ref.name, type: 'defenderXdrApi', data: ref.data },
			});
			keep(`credential test ${ref.name}`, response.data);
			expect(response.status).toBe(200);
			return response.data.data as { status: string; message: string };
		};
		const wrong = await test(creds.wrongSecret);
		expect(wrong.status).toBe('Error');
		// n8n shows the code of the error preAuthentication threw when it has one.
		expect(wrong.message).toMatch(/AADSTS7000215|client secret/i);
		const ok = { status: 'OK', message: 'Connection successful!' };
		expect(await test(creds.secret)).toEqual(ok);
		expect(await test(creds.certificate)).toEqual(ok);
		errorPaths.push('credential test with a wrong secret');
	});

	it('no secret, private key, token, webhook key or header value appears in anything n8n or the emulator kept', async () => {
		// Let n8n write what it still has buffered.
		await sleep(2_000);
		const tokens = stack.emulator.issuedTokens();
		const byClient = (clientId: string) => tokens.filter((t) => t.clientId === clientId).length;
		expect(byClient(secretApp.clientId)).toBeGreaterThan(0);
		expect(byClient(certApp.clientId)).toBeGreaterThan(0);
		const assertions = stack.emulator.receivedAssertions();
		expect(assertions.length).toBeGreaterThan(0);
		const known: KnownSecret[] = [
			plainSecret('client secret', secrets.client),
			plainSecret('wrong client secret', secrets.wrong),
			plainSecret('client secret of the app without roles', secrets.noRoles),
			plainSecret(
				'client secret of the emulator client',
				stack.emulator.defaultClient.clientSecret,
			),
			privateKeySecret('private key of the certificate credential', certApp.privateKeyPem),
			plainSecret('webhook key', stack.webhookKey),
			plainSecret(HEADER_AUTH, stack.caseSystemHeader.value),
			...tokens.map((t, i) =>
				tokenSecret(
					`access token ${i + 1} (${t.resource}, client ${t.clientId.slice(0, 8)})`,
					t.token,
				),
			),
			...assertions.map((a, i) => tokenSecret(`client assertion ${i + 1}`, a)),
		];
		const scanner = new SecretScanner(known, [certApp.certificatePem]);

		let executionsScanned = 0;
		const statuses = new Map<string, number>();
		for (const workflowId of workflowIds) {
			for (const execution of await listExecutions(stack.n8n, workflowId)) {
				const where = `#${execution.id}`;
				const publicApi = await stack.n8n
					.api()
					.get(`/executions/${execution.id}`, { params: { includeData: true } });
				expect(publicApi.status).toBe(200);
				const webhookHeaders = takeWebhookNodeHeaders(publicApi.data);
				scanner.scan('execution data (public API)', JSON.stringify(publicApi.data), where);
				scanner.scan(
					"n8n's Webhook node request headers",
					webhookHeaders,
					where,
					HEADER_AUTH_EXEMPT,
				);
				const editorApi = await stack.n8n.rest().get(`/rest/executions/${execution.id}`);
				expect(editorApi.status).toBe(200);
				// The editor API sends execution data as one serialized string: no telling nodes apart.
				const exempt = webhookHeaders === '' ? NO_EXEMPTION : HEADER_AUTH_EXEMPT;
				scanner.scan('execution data (editor API)', JSON.stringify(editorApi.data), where, exempt);
				statuses.set(execution.status, (statuses.get(execution.status) ?? 0) + 1);
				executionsScanned += 1;
			}
		}
		const log = stack.n8n.logText();
		expect(log).toMatch(/debug/i);
		scanner.scan('n8n log', log);
		// Everything else n8n keeps in its folder: database, event log, binary data (not the package).
		for (const file of userFolderFiles(join(stack.userFolder, '.n8n'))) {
			const name = basename(file);
			if (name === 'n8n.log') continue;
			const database = name.startsWith('database.sqlite');
			const source = database
				? 'n8n database'
				: name.startsWith('n8nEventLog')
					? 'n8n event log'
					: 'n8n folder, other files';
			scanner.scan(
				source,
				readFileSync(file).toString('latin1'),
				name,
				database ? HEADER_AUTH_EXEMPT : NO_EXEMPTION,
			);
		}
		const requests = stack.emulator.requests.list();
		expect(requests.filter((entry) => entry.responseBody !== undefined).length).toBeGreaterThan(
			100,
		);
		scanner.scan('emulator request log', JSON.stringify(requests));
		for (const answer of received)
			scanner.scan('answers to the test', answer.text, `(${answer.source})`);

		const bytes = [...scanner.bytesBySource]
			.map(([source, count]) => `${source} ${count}`)
			.join(', ');
		const exemptedIn = [...new Set(scanner.exempted.map((o) => o.source))];
		console.log(
			[
				`[secrets] operations run ${operationsRun.size}, error paths run ${errorPaths.length}, executions scanned ${executionsScanned} (${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')})`,
				`[secrets] secrets searched ${known.length} (access tokens ${tokens.length}, client assertions ${assertions.length}), distinct 16-character windows ${scanner.needleCount}, emulator requests ${requests.length}`,
				`[secrets] bytes scanned: ${bytes}`,
				`[secrets] occurrences ${scanner.occurrences.length}; outside this package: the Header Auth value ${scanner.exempted.length} times in n8n's own Webhook node output (${exemptedIn.join(', ') || 'nowhere'})`,
			].join('\n'),
		);
		expect(executionsScanned).toBeGreaterThan(ERROR_CASES.length * 2);
		expect(describeOccurrences(scanner.occurrences)).toBe('');
	});
});
