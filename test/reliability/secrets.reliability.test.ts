/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test harness, not shipped */
/**
 * Secrets sweep: every operation of every node and every error path runs in a real n8n against
 * the emulator with known client secrets, a certificate's private key, a webhook key and a Header
 * Auth value. Then execution data, the n8n log and database, the emulator's request log (headers
 * and bodies, outside the Authorization header and the token form) and every answer the test got
 * are searched for those values and for every access token the emulator issued: zero occurrences.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

const DEFENDER = 'n8n-nodes-defender-xdr.defender';
const TRIGGER = 'n8n-nodes-defender-xdr.defenderTrigger';
const NORMALIZE = 'n8n-nodes-defender-xdr.defenderNormalize';

type Node = Record<string, unknown> & { name: string };

const HEADER_AUTH = 'Header Auth value';
/**
 * n8n's own Webhook node puts every request header into its output (it hides only Authorization
 * and Cookie, and only on display), so the case system's Header Auth value is in that node's
 * execution data and in n8n's database whatever this package does. Only there is it let through;
 * everywhere else, this package's node outputs included, it is searched for like every secret.
 */
const HEADER_AUTH_EXEMPT: ReadonlySet<string> = new Set([HEADER_AUTH]);
const N8N_WEBHOOK_HEADERS = 'n8n Webhook node request headers';

interface PublicExecution {
	workflowData?: { nodes?: Array<{ name: string; type: string }> };
	data?: {
		resultData?: {
			runData?: Record<
				string,
				Array<{ data?: { main?: Array<Array<{ json?: Record<string, unknown> }> | null> } }>
			>;
		};
	};
}

/** Removes the request headers from the output of n8n Webhook nodes in an execution; returns them. */
function takeWebhookNodeHeaders(execution: PublicExecution): string {
	const names = (execution.workflowData?.nodes ?? [])
		.filter((node) => node.type === 'n8n-nodes-base.webhook')
		.map((node) => node.name);
	const taken: unknown[] = [];
	for (const name of names) {
		for (const run of execution.data?.resultData?.runData?.[name] ?? []) {
			for (const item of (run.data?.main ?? []).flat()) {
				if (item?.json && 'headers' in item.json) {
					taken.push(item.json.headers);
					delete item.json.headers;
				}
			}
		}
	}
	return taken.length > 0 ? JSON.stringify(taken) : '';
}
const fakeSecret = (what: string) => `test-secret-value-${what}-${randomBytes(12).toString('hex')}`;

describe('secrets never leave the credential', () => {
	let stack: Stack;
	let secretApp: RegisteredApp;
	let certApp: RegisteredApp & ClientCertificate;
	let noRolesApp: RegisteredApp;
	const secrets = {
		client: fakeSecret('client'),
		wrong: fakeSecret('wrong'),
		noRoles: fakeSecret('no-roles'),
	};
	const creds: Record<
		'secret' | 'certificate' | 'wrongSecret' | 'noRoles' | 'outage' | 'outageReset',
		CredentialRef
	> = {} as never;
	/** Every answer n8n gave the test (run starts, webhook answers, credential tests). */
	const received: Array<{ source: string; text: string }> = [];
	const workflowIds: string[] = [];
	const operationsRun = new Set<string>();
	const errorPaths: string[] = [];

	const keep = (source: string, data: unknown) =>
		received.push({ source, text: typeof data === 'string' ? data : JSON.stringify(data ?? null) });

	async function createCredential(
		name: string,
		data: Record<string, unknown>,
	): Promise<CredentialRef> {
		const response = await stack.n8n
			.api()
			.post('/credentials', { name, type: 'defenderXdrApi', data });
		keep(`create credential ${name}`, response.data);
		expect(response.status).toBe(200);
		return { id: String(response.data.id), name, data };
	}

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
		secretApp = emulator.registerApp({
			clientSecret: secrets.client,
			displayName: 'Secrets scan secret app',
		});
		noRolesApp = emulator.registerApp({
			clientSecret: secrets.noRoles,
			roles: [],
			displayName: 'Secrets scan app without roles',
		});
		certApp = await emulator.registerCertificateApp({
			displayName: 'Secrets scan certificate app',
		});
		const base = emulatorCredentialFields(emulator);
		creds.secret = await createCredential('Secret credential', {
			...base,
			clientId: secretApp.clientId,
			clientSecret: secrets.client,
		});
		creds.certificate = await createCredential('Certificate credential', {
			...base,
			clientId: certApp.clientId,
			authentication: 'certificate',
			privateKey: certApp.privateKeyPem,
			certificate: certApp.certificatePem,
			clientSecret: undefined,
		});
		creds.wrongSecret = await createCredential('Wrong secret credential', {
			...base,
			clientId: secretApp.clientId,
			clientSecret: secrets.wrong,
		});
		creds.noRoles = await createCredential('No roles credential', {
			...base,
			clientId: noRolesApp.clientId,
			clientSecret: secrets.noRoles,
		});
		creds.outage = await createCredential('Token outage credential', {
			...base,
			clientId: secretApp.clientId,
			clientSecret: secrets.client,
		});
		creds.outageReset = await createCredential('Token reset credential', {
			...base,
			clientId: secretApp.clientId,
			clientSecret: secrets.client,
		});
	}, 900_000);

	afterAll(async () => {
		await stack?.stop();
	});

	const credentialOf = (ref: CredentialRef) => ({ defenderXdrApi: { id: ref.id, name: ref.name } });

	function start(): Node {
		return {
			id: randomUUID(),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
	}

	/** A Defender node that runs once whatever its input, and passes on an item even if it has none. */
	function defender(
		name: string,
		ref: CredentialRef,
		parameters: Record<string, unknown>,
		settings: Record<string, unknown> = {},
	): Node {
		return {
			id: randomUUID(),
			name,
			type: DEFENDER,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: credentialOf(ref),
			executeOnce: true,
			alwaysOutputData: true,
			...settings,
		};
	}

	function setJson(name: string, json: unknown): Node {
		return {
			id: randomUUID(),
			name,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [0, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify(json), options: {} },
			executeOnce: true,
		};
	}

	function normalize(name: string, profile: string): Node {
		return {
			id: randomUUID(),
			name,
			type: NORMALIZE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { profile, options: {} },
		};
	}

	/** Start → chain[0] → chain[1] …; `branches` hang dead-end nodes off a chain node. */
	function workflow(
		name: string,
		chain: Node[],
		branches: Record<string, Node[]> = {},
	): WorkflowJson {
		const nodes = [start(), ...chain, ...Object.values(branches).flat()];
		nodes.forEach((node, index) => (node.position = [index * 200, 0]));
		const connections: Record<string, unknown> = {};
		const names = ['Start', ...chain.map((node) => node.name)];
		for (let i = 0; i + 1 < names.length; i++) {
			const targets = [names[i + 1], ...(branches[names[i]] ?? []).map((node) => node.name)];
			connections[names[i]] = { main: [targets.map((node) => ({ node, type: 'main', index: 0 }))] };
		}
		return { name, nodes, connections };
	}

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
		const executions = await waitForExecutions(
			stack.n8n,
			id,
			(list) => list.length > before,
			180_000,
		);
		return executions[executions.length - 1];
	}

	function operationChain(
		ref: CredentialRef,
		tag: string,
		ids: {
			alert: string;
			incident: string;
			caseAlert: string;
			caseIncident: string;
			device: string;
			offboard: string;
			cve: string;
		},
	) {
		const node = (
			name: string,
			resource: string,
			operation: string,
			parameters: Record<string, unknown> = {},
		) => {
			operationsRun.add(`${resource}.${operation}`);
			return defender(name, ref, { resource, operation, ...parameters });
		};
		const machineAction = (
			operation: string,
			extra: Record<string, unknown> = {},
			device = ids.device,
		) =>
			node(`Device ${operation}`, 'device', operation, {
				deviceIds: device,
				comment: `secrets scan ${operation} ${tag}`,
				...extra,
				options: { waitForCompletion: true, skipIfAlreadyInState: false },
			});
		const chain: Node[] = [
			node('Alert Get Many', 'alert', 'getMany', { returnAll: false, limit: 5 }),
			node('Alert Get', 'alert', 'get', { alertId: ids.alert }),
			node('Alert Update', 'alert', 'update', {
				alertId: ids.alert,
				updateFields: { status: 'inProgress', assignedTo: 'analyst@contoso.com' },
			}),
			node('Alert Add Comment', 'alert', 'addComment', {
				alertId: ids.alert,
				comment: `secrets scan ${tag}`,
			}),
			node('Alert Resolve', 'alert', 'resolve', {
				alertId: ids.alert,
				classification: 'falsePositive',
				comment: `resolved by the secrets scan ${tag}`,
			}),
			node('Incident Get Many', 'incident', 'getMany', { returnAll: false, limit: 3 }),
			node('Incident Get', 'incident', 'get', { incidentId: ids.incident, includeAlerts: true }),
			node('Incident Update', 'incident', 'update', {
				incidentId: ids.incident,
				updateFields: { severity: 'high', status: 'inProgress' },
			}),
			node('Incident Assign', 'incident', 'assign', {
				incidentId: ids.incident,
				assignment: 'assign',
				assignTo: 'soc-tier1@contoso.com',
			}),
			node('Incident Add Comment', 'incident', 'addComment', {
				incidentId: ids.incident,
				comment: `secrets scan ${tag}`,
			}),
			node('Incident Resolve', 'incident', 'resolve', {
				incidentId: ids.incident,
				classification: 'truePositive',
				comment: `resolved ${tag}`,
			}),
			setJson('Closed Case', {
				id: `CASE-${tag}`,
				resolution: 'FalsePositive',
				sourceRef: ids.caseAlert,
				extraData: {
					source: 'defender',
					defenderAlertId: ids.caseAlert,
					defenderIncidentId: ids.caseIncident,
				},
			}),
			node('Case Sync Disposition', 'case', 'syncDisposition', { caseSystem: 'TheHive' }),
			node('Device Get Many', 'device', 'getMany', { returnAll: false, limit: 3 }),
			node('Device Get', 'device', 'get', { deviceId: ids.device }),
			node('Device Add Tag', 'device', 'addTag', { deviceId: ids.device, tag: `scan-${tag}` }),
			node('Device Remove Tag', 'device', 'removeTag', {
				deviceId: ids.device,
				tag: `scan-${tag}`,
			}),
			machineAction('isolate', { isolationType: 'Selective' }),
			machineAction('unisolate'),
			machineAction('runAntiVirusScan', { scanType: 'Quick' }),
			machineAction('restrictCodeExecution'),
			machineAction('unrestrictCodeExecution'),
			machineAction('collectInvestigationPackage'),
			machineAction('stopAndQuarantineFile', { sha1: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3' }),
			machineAction('offboard', {}, ids.offboard),
			node('Indicator Create', 'indicator', 'create', {
				action: 'Block',
				indicatorValue: tag === 'secret' ? '203.0.113.71' : '203.0.113.72',
				indicatorType: 'IpAddress',
				title: `secrets scan ${tag}`,
				indicatorDescription: 'created by the secrets scan',
			}),
			node('Indicator Get Many', 'indicator', 'getMany', {
				returnAll: true,
				filters: { value: tag === 'secret' ? '203.0.113.71' : '203.0.113.72' },
			}),
			node('Indicator Import', 'indicator', 'import', {
				action: 'Audit',
				indicatorValue: `scan-${tag}.example`,
				indicatorType: 'DomainName',
				title: `secrets scan import ${tag}`,
				indicatorDescription: 'imported by the secrets scan',
			}),
			node('Indicator Delete', 'indicator', 'delete', {
				indicatorId: "={{ $('Indicator Create').first().json.id }}",
			}),
			setJson('Feed Entry', {
				value: tag === 'secret' ? '198.51.100.81' : '198.51.100.82',
				type: 'ipv4',
				confidence: 90,
				title: `feed ${tag}`,
			}),
			node('Indicator Sync', 'indicator', 'sync', {
				sourceTag: `scan-${tag}`,
				action: 'Block',
				expiresInDays: 30,
				removal: 'delete',
			}),
			node('Hunting Run Query', 'hunting', 'runQuery', {
				query: 'AlertInfo | take 5',
				timespan: 'P1D',
				output: 'rows',
			}),
			node('Vulnerability Get Many', 'vulnerability', 'getMany', {
				scope: 'all',
				returnAll: false,
				limit: 5,
			}),
			node('Device Vulnerabilities', 'vulnerability', 'getMany', {
				scope: 'device',
				deviceId: ids.device,
				returnAll: false,
				limit: 5,
			}),
			node('CVE Devices', 'vulnerability', 'getMany', {
				scope: 'cve',
				cveId: ids.cve,
				returnAll: false,
				limit: 5,
			}),
			node('Software Get Many', 'software', 'getMany', { deviceId: ids.device }),
		];
		const branches = {
			'Alert Get Many': [
				normalize('Normalize Case', 'default'),
				normalize('Normalize OCSF', 'ocsf'),
				normalize('Normalize ECS', 'ecs'),
			],
			'Incident Get': [normalize('Normalize Incident', 'default')],
		};
		return workflow(`secrets scan: every operation (${tag})`, chain, branches);
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
		expect(
			scanner.scan(
				'clean',
				stack.n8n.logText().slice(0, 100_000) + JSON.stringify(stack.emulator.requests.list()),
			),
		).toEqual([]);
		const keyLine = certApp.privateKeyPem.split('\n')[5];
		const planted = [
			`error: ${secrets.client}`,
			`cut: …${secrets.client.slice(3, 21)}…`,
			`{"body":"client_secret=${encodeURIComponent(secrets.client)}"}`,
			JSON.stringify({ key: certApp.privateKeyPem }),
			`line: ${keyLine.slice(10, 30)}`,
			`Authorization: Bearer ${token}`,
			`sig only ${token.split('.')[2]}`,
		];
		for (const text of planted) expect(scanner.scan('planted', text).length).toBeGreaterThan(0);
		const [hit] = scanner.scan('planted', `x ${secrets.client} y`);
		expect(hit.label).toBe('client secret');
		expect(hit.context).not.toContain(secrets.client.slice(-16));
		// The certificate is public: its own text is no hit.
		expect(scanner.scan('certificate', certApp.certificatePem)).toEqual([]);
	});

	it('every Defender operation with both credential types', async () => {
		const state = stack.emulator.state;
		const machines = [...state.machines.keys()];
		expect(machines.length).toBeGreaterThanOrEqual(4);
		const cve = [...state.vulnerabilities.values()][0].id;
		for (const [tag, ref, index] of [
			['secret', creds.secret, 0],
			['certificate', creds.certificate, 2],
		] as const) {
			const alert = stack.emulator.admin.createAlert({ severity: 'high' });
			const incident = stack.emulator.admin.createIncident({ alertIds: [alert.id] });
			const caseAlert = stack.emulator.admin.createAlert({ severity: 'medium' });
			const caseIncident = stack.emulator.admin.createIncident({ alertIds: [caseAlert.id] });
			const id = await create(
				operationChain(ref, tag, {
					alert: alert.id,
					incident: String(incident.id),
					caseAlert: caseAlert.id,
					caseIncident: String(caseIncident.id),
					device: machines[index],
					offboard: machines[index + 1],
					cve,
				}),
			);
			const execution = await runManually(id);
			expect({ tag, status: execution.status, error: execution.error }).toEqual({
				tag,
				status: 'success',
				error: undefined,
			});
			for (const name of [
				'Alert Resolve',
				'Incident Resolve',
				'Case Sync Disposition',
				'Device offboard',
				'Indicator Sync',
				'Software Get Many',
				'Normalize OCSF',
			]) {
				expect({ tag, name, ran: (execution.items[name] ?? []).length > 0 }).toEqual({
					tag,
					name,
					ran: true,
				});
			}
			const actions = [...state.machineActions.values()]
				.filter((action) => action.machineId === machines[index])
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
		}
	});

	function triggerNode(
		parameters: Record<string, unknown>,
		credentials: Record<string, { id: string; name: string }>,
		webhookId?: string,
	): Node {
		return {
			id: randomUUID(),
			name: 'Defender Trigger',
			type: TRIGGER,
			typeVersion: 1,
			position: [0, 0],
			...(webhookId ? { webhookId } : {}),
			parameters,
			credentials,
		};
	}

	function triggerWorkflow(name: string, trigger: Node): WorkflowJson {
		const next = normalize('Normalize', 'default');
		next.position = [220, 0];
		return {
			name,
			nodes: [trigger, next],
			connections: {
				'Defender Trigger': { main: [[{ node: 'Normalize', type: 'main', index: 0 }]] },
			},
		};
	}

	it('Defender Trigger: production and manual polls with both credentials, production and test webhooks, wrong keys', async () => {
		const alerts = Array.from({ length: 3 }, () =>
			stack.emulator.admin.createAlert({ severity: 'high' }),
		);
		stack.emulator.admin.createIncident({ alertIds: [alerts[0].id] });
		const polls = [
			[
				'alerts',
				creds.secret,
				{
					mode: 'poll',
					resource: 'alerts',
					event: 'createdOrUpdated',
					options: { lookBack: '1h' },
				},
			],
			[
				'incidents',
				creds.certificate,
				{
					mode: 'poll',
					resource: 'incidents',
					event: 'createdOrUpdated',
					options: { lookBack: '1h', fetchIncidentAlerts: true },
				},
			],
		] as const;
		for (const [what, ref, parameters] of polls) {
			const id = await create(
				triggerWorkflow(
					`secrets scan: poll ${what}`,
					triggerNode({ ...parameters }, credentialOf(ref)),
				),
			);
			await activate(stack.n8n, id);
			const [first] = await waitForExecutions(stack.n8n, id, (list) => list.length >= 1, 180_000);
			await deactivate(stack.n8n, id);
			expect({
				what,
				status: first.status,
				emitted: (first.items['Defender Trigger'] ?? []).length > 0,
			}).toEqual({ what, status: 'success', emitted: true });
			const manual = await runManually(id, 'Defender Trigger');
			expect({ what, mode: manual.mode, status: manual.status }).toEqual({
				what,
				mode: 'manual',
				status: 'success',
			});
		}
		operationsRun.add('trigger.poll (production, manual)');

		const webhookId = randomUUID();
		const credentials = {
			defenderWebhookApi: {
				id: stack.credentials.defenderWebhookApi.id,
				name: stack.credentials.defenderWebhookApi.name,
			},
		};
		const hookId = await create(
			triggerWorkflow(
				'secrets scan: webhook',
				triggerNode(
					{ mode: 'webhook', event: 'createdOrUpdated', path: 'scan' },
					credentials,
					webhookId,
				),
			),
		);
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
		await post('x-api-key', `/webhook/${webhookId}/scan`, { 'x-api-key': stack.webhookKey }, 202);
		await post(
			'bearer',
			`/webhook/${webhookId}/scan`,
			{ authorization: `Bearer ${stack.webhookKey}` },
			202,
		);
		await post(
			'wrong key',
			`/webhook/${webhookId}/scan`,
			{ 'x-api-key': `${stack.webhookKey.slice(0, -4)}beef` },
			401,
		);
		await post('no key', `/webhook/${webhookId}/scan`, {}, 401);
		await waitForExecutions(stack.n8n, hookId, (list) => list.length >= 2);
		await deactivate(stack.n8n, hookId);
		errorPaths.push('bad webhook key', 'missing webhook key');

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
		operationsRun.add('normalize (case, OCSF, ECS, incident)');

		// The case-closed example: n8n's Webhook node with Header Auth, then Sync Disposition.
		const caseAlert = stack.emulator.admin.createAlert({ severity: 'high' });
		const file = '03-case-closed-disposition-sync.json';
		const path = (
			readExample(file).nodes.find((node) => node.type === 'n8n-nodes-base.webhook')!
				.parameters as { path: string }
		).path;
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
		errorPaths.push('wrong Header Auth value');
	});

	interface ErrorCase {
		label: string;
		ref: () => CredentialRef;
		parameters: Record<string, unknown>;
		faults?: Array<Record<string, unknown>>;
	}

	const alertList = { resource: 'alert', operation: 'getMany', returnAll: false, limit: 2 };
	const incidentList = { resource: 'incident', operation: 'getMany', returnAll: false, limit: 2 };
	const deviceList = { resource: 'device', operation: 'getMany', returnAll: false, limit: 2 };
	const alertsPath = '/v1.0/security/alerts_v2';
	const errorCases: ErrorCase[] = [
		{
			label: 'wrong client secret (AADSTS7000215)',
			ref: () => creds.wrongSecret,
			parameters: alertList,
		},
		// Fresh credentials: they hold no token yet, so the node has to reach the token endpoint.
		{
			label: 'token endpoint outage (503)',
			ref: () => creds.outage,
			parameters: alertList,
			faults: [{ path: '^/[^/]+/oauth2/v2.0/token', status: 503, retryAfter: '0', times: 1000 }],
		},
		{
			label: 'token endpoint resets',
			ref: () => creds.outageReset,
			parameters: deviceList,
			faults: [{ path: '^/[^/]+/oauth2/v2.0/token', reset: true, times: 1000 }],
		},
		{
			label: '401 that survives a new token',
			ref: () => creds.secret,
			parameters: alertList,
			faults: [{ path: alertsPath, status: 401, times: 1000 }],
		},
		{ label: '403 Graph (app without roles)', ref: () => creds.noRoles, parameters: alertList },
		{
			label: '403 Defender for Endpoint (app without roles)',
			ref: () => creds.noRoles,
			parameters: deviceList,
		},
		{
			label: '404 alert',
			ref: () => creds.certificate,
			parameters: { resource: 'alert', operation: 'get', alertId: 'da000000000000000000_-1' },
		},
		{
			label: '404 device',
			ref: () => creds.secret,
			parameters: {
				resource: 'device',
				operation: 'get',
				deviceId: 'ffffffffffffffffffffffffffffffffffffffff',
			},
		},
		{
			label: '400 hunting query',
			ref: () => creds.certificate,
			parameters: {
				resource: 'hunting',
				operation: 'runQuery',
				query: 'NoSuchTable | take 1',
				output: 'rows',
			},
		},
		{
			label: '400 validation',
			ref: () => creds.secret,
			parameters: { resource: 'indicator', operation: 'getMany', returnAll: false, limit: 2 },
			faults: [
				{
					path: '/api/indicators',
					status: 400,
					code: 'InvalidRequestBody',
					message: 'Request body is incorrect',
					times: 1000,
				},
			],
		},
		{
			label: '429 retries exhausted',
			ref: () => creds.secret,
			parameters: alertList,
			faults: [{ path: alertsPath, status: 429, retryAfter: '0', times: 1000 }],
		},
		{
			label: '500',
			ref: () => creds.certificate,
			parameters: incidentList,
			faults: [{ path: '/v1.0/security/incidents', status: 500, times: 1000 }],
		},
		{
			label: '503',
			ref: () => creds.secret,
			parameters: deviceList,
			faults: [{ path: '/api/machines', status: 503, retryAfter: '0', times: 1000 }],
		},
		{
			label: 'connection reset',
			ref: () => creds.certificate,
			parameters: alertList,
			faults: [{ path: alertsPath, reset: true, times: 1000 }],
		},
		{
			label: 'malformed JSON',
			ref: () => creds.secret,
			parameters: incidentList,
			faults: [{ path: '/v1.0/security/incidents', malformed: true, times: 1000 }],
		},
		// Expressions that come out empty: n8n's own required-parameter check passes, the node's must not.
		{
			label: 'parameter: empty alert id',
			ref: () => creds.secret,
			parameters: { resource: 'alert', operation: 'get', alertId: '={{ $json.missing }}' },
		},
		{
			label: 'parameter: non-numeric incident id',
			ref: () => creds.certificate,
			parameters: { resource: 'incident', operation: 'get', incidentId: 'INC-abc' },
		},
		{
			label: 'parameter: invalid indicator value',
			ref: () => creds.certificate,
			parameters: {
				resource: 'indicator',
				operation: 'create',
				action: 'Block',
				indicatorValue: 'not-an-ip',
				indicatorType: 'IpAddress',
				title: 't',
				indicatorDescription: 'd',
			},
		},
		{
			label: 'parameter: no device ids',
			ref: () => creds.secret,
			parameters: {
				resource: 'device',
				operation: 'isolate',
				deviceIds: '={{ $json.missing }}',
				comment: 'c',
				isolationType: 'Full',
			},
		},
	];

	it.each(errorCases.map((c) => [c.label, c] as const))(
		'error path: %s, with and without Continue On Fail',
		async (label, errorCase) => {
			for (const continueOnFail of [true, false]) {
				const settings = continueOnFail ? { onError: 'continueRegularOutput' } : {};
				const id = await create(
					workflow(`secrets scan error: ${label}${continueOnFail ? ' (continue)' : ''}`, [
						defender('Defender', errorCase.ref(), errorCase.parameters, settings),
					]),
				);
				for (const fault of errorCase.faults ?? []) stack.emulator.faults.add(fault as never);
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
						expect({ label, status: execution.status }).toEqual({ label, status: 'error' });
						expect({ label, message: typeof execution.error }).toEqual({
							label,
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

	it('the credential test endpoint: wrong secret fails clearly, both good credentials pass', async () => {
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
		// n8n shows the wrapped error's code when there is one; either names the problem.
		expect(wrong.message).toMatch(/AADSTS7000215|client secret/i);
		expect(await test(creds.secret)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(await test(creds.certificate)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		errorPaths.push('credential test with a wrong secret');
	});

	it('no secret, private key, token, webhook key or header value appears in anything n8n or the emulator kept', async () => {
		// Let n8n write what it still has buffered.
		await sleep(2_000);
		const tokens = stack.emulator.issuedTokens();
		const byClient = (clientId: string) => tokens.filter((t) => t.clientId === clientId).length;
		expect(byClient(secretApp.clientId)).toBeGreaterThan(0);
		expect(byClient(certApp.clientId)).toBeGreaterThan(0);
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
		];
		const scanner = new SecretScanner(known, [certApp.certificatePem]);

		let executionsScanned = 0;
		const statuses = new Map<string, number>();
		for (const workflowId of workflowIds) {
			for (const execution of await listExecutions(stack.n8n, workflowId)) {
				const publicApi = await stack.n8n
					.api()
					.get(`/executions/${execution.id}`, { params: { includeData: true } });
				expect(publicApi.status).toBe(200);
				const webhookHeaders = takeWebhookNodeHeaders(publicApi.data);
				scanner.scan(
					'execution data (public API)',
					JSON.stringify(publicApi.data),
					`#${execution.id}`,
				);
				scanner.scan(N8N_WEBHOOK_HEADERS, webhookHeaders, `#${execution.id}`, HEADER_AUTH_EXEMPT);
				const editorApi = await stack.n8n.rest().get(`/rest/executions/${execution.id}`);
				expect(editorApi.status).toBe(200);
				// Serialized in one piece there, so n8n's Webhook node output cannot be told apart.
				scanner.scan(
					'execution data (editor API)',
					JSON.stringify(editorApi.data),
					`#${execution.id}`,
					webhookHeaders === '' ? new Set<string>() : HEADER_AUTH_EXEMPT,
				);
				statuses.set(execution.status, (statuses.get(execution.status) ?? 0) + 1);
				executionsScanned += 1;
			}
		}
		const log = stack.n8n.logText();
		expect(log).toMatch(/debug/i);
		scanner.scan('n8n log', log);
		const database = join(stack.userFolder, '.n8n', 'database.sqlite');
		for (const file of [database, `${database}-wal`]) {
			if (existsSync(file))
				scanner.scan(
					'n8n database',
					readFileSync(file).toString('latin1'),
					file.endsWith('-wal') ? '(WAL)' : '',
					HEADER_AUTH_EXEMPT,
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
		console.log(
			[
				`[secrets] operations run ${operationsRun.size}, error paths run ${errorPaths.length}, executions scanned ${executionsScanned} (${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')})`,
				`[secrets] secrets searched ${known.length} (access tokens ${tokens.length}), distinct windows ${scanner.needleCount}, emulator requests ${requests.length}`,
				`[secrets] bytes scanned: ${bytes}`,
				`[secrets] occurrences ${scanner.occurrences.length}; outside this package: ${scanner.exempted.length} of the Header Auth value in n8n's own Webhook node output (${[...new Set(scanner.exempted.map((o) => o.source.split(' #')[0]))].join(', ') || 'none'})`,
			].join('\n'),
		);
		expect(executionsScanned).toBeGreaterThan(errorCases.length * 2);
		expect(describeOccurrences(scanner.occurrences)).toBe('');
	});
});
