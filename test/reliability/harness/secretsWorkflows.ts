/**
 * Workflows of the secrets sweep: one chain that runs every Defender operation once (with the
 * Normalize node hanging off it), the Defender Trigger in each mode, and a one-node workflow per
 * error path. Every Defender node runs once whatever its input and passes an item on even when it
 * has none, so the chain reaches its end.
 */
import { randomUUID } from 'node:crypto';
import type { INodeProperties } from 'n8n-workflow';

import { versionProperties } from '../../../nodes/Defender/actions/versionDescription';
import type { WorkflowJson } from '../../e2e/harness/workflows';

export type WorkflowNode = Record<string, unknown> & { name: string };
export type CredentialLink = Record<string, { id: string; name: string }>;

const DEFENDER = 'n8n-nodes-defender-xdr.defender';
const TRIGGER = 'n8n-nodes-defender-xdr.defenderTrigger';
const NORMALIZE = 'n8n-nodes-defender-xdr.defenderNormalize';

function node(
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

export function defenderNode(
	name: string,
	credentials: CredentialLink,
	parameters: Record<string, unknown>,
	settings: Record<string, unknown> = {},
): WorkflowNode {
	return node(name, DEFENDER, parameters, {
		credentials,
		executeOnce: true,
		alwaysOutputData: true,
		...settings,
	});
}

/** n8n's Edit Fields node emitting one fixed item. */
export function fixedItem(name: string, json: unknown): WorkflowNode {
	return node(
		name,
		'n8n-nodes-base.set',
		{ mode: 'raw', jsonOutput: JSON.stringify(json), options: {} },
		{ typeVersion: 3.4, executeOnce: true },
	);
}

export function normalizeNode(name: string, profile: string): WorkflowNode {
	return node(name, NORMALIZE, { profile, options: {} });
}

export function triggerNode(
	parameters: Record<string, unknown>,
	credentials: CredentialLink,
	webhookId?: string,
): WorkflowNode {
	return node('Defender Trigger', TRIGGER, parameters, {
		credentials,
		...(webhookId ? { webhookId } : {}),
	});
}

/** Manual Trigger "Start" → chain[0] → chain[1] …; `branches` hang dead-end nodes off a chain node. */
export function chainWorkflow(
	name: string,
	chain: WorkflowNode[],
	branches: Record<string, WorkflowNode[]> = {},
): WorkflowJson {
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', {}),
		...chain,
		...Object.values(branches).flat(),
	];
	nodes.forEach((entry, index) => (entry.position = [index * 200, 0]));
	const connections: Record<string, unknown> = {};
	const names = ['Start', ...chain.map((entry) => entry.name)];
	for (let i = 0; i + 1 < names.length; i++) {
		const targets = [names[i + 1], ...(branches[names[i]] ?? []).map((entry) => entry.name)];
		connections[names[i]] = {
			main: [targets.map((target) => ({ node: target, type: 'main', index: 0 }))],
		};
	}
	return { name, nodes, connections };
}

/** The Defender Trigger followed by the Normalize node. */
export function triggerWorkflow(name: string, trigger: WorkflowNode): WorkflowJson {
	const next = normalizeNode('Normalize', 'default');
	next.position = [220, 0];
	return {
		name,
		nodes: [trigger, next],
		connections: {
			'Defender Trigger': { main: [[{ node: 'Normalize', type: 'main', index: 0 }]] },
		},
	};
}

/** Every `resource.operation` the Defender node offers, read from its description. */
export function declaredDefenderOperations(): string[] {
	const operations: string[] = [];
	for (const property of versionProperties as INodeProperties[]) {
		if (property.name !== 'operation') continue;
		for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
			for (const option of property.options ?? [])
				operations.push(`${resource}.${String((option as { value: unknown }).value)}`);
		}
	}
	return operations.sort();
}

export interface ChainIds {
	alert: string;
	incident: string;
	/** Alert and incident the closed case points at. */
	caseAlert: string;
	caseIncident: string;
	device: string;
	/** A second device, offboarded last. */
	offboard: string;
	cve: string;
	/** Distinguishes the values of the two runs (one per credential type). */
	tag: string;
	/** 1 or 2: picks the indicator values of the run. */
	run: number;
}

/** One workflow running every Defender operation once; returns it with the operations it covers. */
export function everyOperationWorkflow(
	credentials: CredentialLink,
	ids: ChainIds,
): { workflow: WorkflowJson; operations: string[] } {
	const operations = new Set<string>();
	const op = (
		name: string,
		resource: string,
		operation: string,
		parameters: Record<string, unknown> = {},
	) => {
		operations.add(`${resource}.${operation}`);
		return defenderNode(name, credentials, { resource, operation, ...parameters });
	};
	const machineAction = (
		operation: string,
		extra: Record<string, unknown> = {},
		device = ids.device,
	) =>
		op(`Device ${operation}`, 'device', operation, {
			deviceIds: device,
			comment: `secrets scan ${operation} ${ids.tag}`,
			...extra,
			options: { waitForCompletion: true, skipIfAlreadyInState: false },
		});
	const ip = `203.0.113.${70 + ids.run}`;
	const chain: WorkflowNode[] = [
		op('Alert Get Many', 'alert', 'getMany', { returnAll: false, limit: 5 }),
		op('Alert Get', 'alert', 'get', { alertId: ids.alert }),
		op('Alert Update', 'alert', 'update', {
			alertId: ids.alert,
			updateFields: { status: 'inProgress', assignedTo: 'analyst@contoso.com' },
		}),
		op('Alert Add Comment', 'alert', 'addComment', {
			alertId: ids.alert,
			comment: `secrets scan ${ids.tag}`,
		}),
		op('Alert Resolve', 'alert', 'resolve', {
			alertId: ids.alert,
			classification: 'falsePositive',
			comment: `resolved ${ids.tag}`,
		}),
		op('Incident Get Many', 'incident', 'getMany', { returnAll: false, limit: 3 }),
		op('Incident Get', 'incident', 'get', { incidentId: ids.incident, includeAlerts: true }),
		op('Incident Update', 'incident', 'update', {
			incidentId: ids.incident,
			updateFields: { severity: 'high', status: 'inProgress' },
		}),
		op('Incident Assign', 'incident', 'assign', {
			incidentId: ids.incident,
			assignment: 'assign',
			assignTo: 'soc-tier1@contoso.com',
		}),
		op('Incident Add Comment', 'incident', 'addComment', {
			incidentId: ids.incident,
			comment: `secrets scan ${ids.tag}`,
		}),
		op('Incident Resolve', 'incident', 'resolve', {
			incidentId: ids.incident,
			classification: 'truePositive',
			comment: `resolved ${ids.tag}`,
		}),
		fixedItem('Closed Case', {
			id: `CASE-${ids.tag}`,
			resolution: 'FalsePositive',
			sourceRef: ids.caseAlert,
			extraData: {
				source: 'defender',
				defenderAlertId: ids.caseAlert,
				defenderIncidentId: ids.caseIncident,
			},
		}),
		op('Case Sync Disposition', 'case', 'syncDisposition', { caseSystem: 'TheHive' }),
		op('Device Get Many', 'device', 'getMany', { returnAll: false, limit: 3 }),
		op('Device Get', 'device', 'get', { deviceId: ids.device }),
		op('Device Add Tag', 'device', 'addTag', { deviceId: ids.device, tag: `scan-${ids.tag}` }),
		op('Device Remove Tag', 'device', 'removeTag', {
			deviceId: ids.device,
			tag: `scan-${ids.tag}`,
		}),
		machineAction('isolate', { isolationType: 'Selective' }),
		machineAction('unisolate'),
		machineAction('runAntiVirusScan', { scanType: 'Quick' }),
		machineAction('restrictCodeExecution'),
		machineAction('unrestrictCodeExecution'),
		machineAction('collectInvestigationPackage'),
		machineAction('stopAndQuarantineFile', { sha1: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3' }),
		machineAction('offboard', {}, ids.offboard),
		op('Indicator Create', 'indicator', 'create', {
			action: 'Block',
			indicatorValue: ip,
			indicatorType: 'IpAddress',
			title: `secrets scan ${ids.tag}`,
			indicatorDescription: 'created by the secrets scan',
		}),
		op('Indicator Get Many', 'indicator', 'getMany', { returnAll: true, filters: { value: ip } }),
		op('Indicator Import', 'indicator', 'import', {
			action: 'Audit',
			indicatorValue: `scan-${ids.tag}.example`,
			indicatorType: 'DomainName',
			title: `secrets scan import ${ids.tag}`,
			indicatorDescription: 'imported by the secrets scan',
		}),
		op('Indicator Delete', 'indicator', 'delete', {
			indicatorId: "={{ $('Indicator Create').first().json.id }}",
		}),
		fixedItem('Feed Entry', {
			value: `198.51.100.${80 + ids.run}`,
			type: 'ipv4',
			confidence: 90,
			title: `feed ${ids.tag}`,
		}),
		op('Indicator Sync', 'indicator', 'sync', {
			sourceTag: `scan-${ids.tag}`,
			action: 'Block',
			expiresInDays: 30,
			removal: 'delete',
		}),
		op('Hunting Run Query', 'hunting', 'runQuery', {
			query: 'AlertInfo | take 5',
			timespan: 'P1D',
			output: 'rows',
		}),
		op('Vulnerability Get Many', 'vulnerability', 'getMany', {
			scope: 'all',
			returnAll: false,
			limit: 5,
		}),
		op('Device Vulnerabilities', 'vulnerability', 'getMany', {
			scope: 'device',
			deviceId: ids.device,
			returnAll: false,
			limit: 5,
		}),
		op('CVE Devices', 'vulnerability', 'getMany', {
			scope: 'cve',
			cveId: ids.cve,
			returnAll: false,
			limit: 5,
		}),
		op('Software Get Many', 'software', 'getMany', { deviceId: ids.device }),
	];
	const branches = {
		'Alert Get Many': [
			normalizeNode('Normalize Case', 'default'),
			normalizeNode('Normalize OCSF', 'ocsf'),
			normalizeNode('Normalize ECS', 'ecs'),
		],
		'Incident Get': [normalizeNode('Normalize Incident', 'default')],
	};
	return {
		workflow: chainWorkflow(`secrets scan: every operation (${ids.tag})`, chain, branches),
		operations: [...operations].sort(),
	};
}

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
export function takeWebhookNodeHeaders(execution: PublicExecution): string {
	const names = (execution.workflowData?.nodes ?? [])
		.filter((entry) => entry.type === 'n8n-nodes-base.webhook')
		.map((entry) => entry.name);
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
