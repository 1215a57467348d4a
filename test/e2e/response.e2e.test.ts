/**
 * Every Device, Indicator, Vulnerability and Software operation of the Defender node run once in a
 * real n8n (manual runs of a one-node workflow) against the emulator, checked on the emulator's
 * state. The example workflows 06–08 cover isolate, release, indicator sync and hunting.
 */
import { randomUUID } from 'node:crypto';

import { startStack, type Stack } from './harness/stack';
import { createWorkflow, waitForExecutions } from './harness/workflows';

describe('Defender node response, indicator and inventory operations in a real n8n', () => {
	let stack: Stack;
	let machines: string[];

	beforeAll(async () => {
		stack = await startStack({ emulator: { alerts: 40, seed: 21, rateLimits: false } });
		machines = [...stack.emulator.state.machines.keys()];
		expect(machines.length).toBeGreaterThanOrEqual(3);
	}, 900_000);

	afterAll(async () => {
		await stack?.stop();
	});

	/** Runs Manual Trigger → Defender(parameters) once; returns the Defender node's output items. */
	async function run(parameters: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
		const id = await createWorkflow(stack.n8n, {
			name: `defender ${String(parameters.resource)} ${String(parameters.operation)}`,
			nodes: [
				{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: randomUUID(),
					name: 'Defender',
					type: 'n8n-nodes-defender-xdr.defender',
					typeVersion: 1,
					position: [220, 0],
					parameters,
					credentials: { defenderXdrApi: { id: stack.credentials.defenderXdrApi.id, name: stack.credentials.defenderXdrApi.name } },
				},
			],
			connections: { Start: { main: [[{ node: 'Defender', type: 'main', index: 0 }]] } },
		});
		const started = await stack.n8n.rest().post(`/rest/workflows/${id}/run`, { triggerToStartFrom: { name: 'Start' } });
		expect(started.status).toBe(200);
		const [execution] = await waitForExecutions(stack.n8n, id, (list) => list.length >= 1);
		expect({ status: execution.status, error: execution.error }).toEqual({ status: 'success', error: undefined });
		return execution.items.Defender ?? [];
	}

	const actionsOf = (machineId: string) =>
		[...stack.emulator.state.machineActions.values()].filter((action) => action.machineId === machineId).map((action) => action.type);

	it('Device Get and Get Many', async () => {
		const [one] = await run({ resource: 'device', operation: 'get', deviceId: machines[0] });
		expect(one.id).toBe(machines[0]);
		const many = await run({ resource: 'device', operation: 'getMany', returnAll: false, limit: 3 });
		expect(many).toHaveLength(Math.min(3, machines.length));
	});

	it('Device Add Tag and Remove Tag', async () => {
		await run({ resource: 'device', operation: 'addTag', deviceId: machines[1], tag: 'n8n-e2e' });
		expect(stack.emulator.state.machines.get(machines[1])!.machineTags).toContain('n8n-e2e');
		await run({ resource: 'device', operation: 'removeTag', deviceId: machines[1], tag: 'n8n-e2e' });
		expect(stack.emulator.state.machines.get(machines[1])!.machineTags).not.toContain('n8n-e2e');
	});

	it.each([
		['runAntiVirusScan', 'RunAntiVirusScan', { scanType: 'Quick' }],
		['restrictCodeExecution', 'RestrictCodeExecution', {}],
		['unrestrictCodeExecution', 'UnrestrictCodeExecution', {}],
		['collectInvestigationPackage', 'CollectInvestigationPackage', {}],
		['stopAndQuarantineFile', 'StopAndQuarantineFile', { sha1: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3' }],
		['offboard', 'Offboard', {}],
	])('Device %s sends the machine action', async (operation, type, extra) => {
		const machine = machines[machines.length - 1];
		const [result] = await run({
			resource: 'device',
			operation,
			deviceIds: machine,
			comment: `n8n e2e ${operation}`,
			...extra,
			options: { waitForCompletion: false, skipIfAlreadyInState: false },
		});
		expect(result).toBeDefined();
		expect(actionsOf(machine)).toContain(type);
	});

	it('Indicator Create, Get Many, Import and Delete', async () => {
		const [created] = await run({
			resource: 'indicator',
			operation: 'create',
			action: 'Block',
			indicatorValue: '203.0.113.77',
			indicatorType: 'IpAddress',
			title: 'n8n e2e indicator',
			indicatorDescription: 'created by the end-to-end test',
		});
		expect(created.indicatorValue).toBe('203.0.113.77');
		const listed = await run({ resource: 'indicator', operation: 'getMany', returnAll: true, filters: { value: '203.0.113.77' } });
		expect(listed.map((item) => item.indicatorValue)).toContain('203.0.113.77');
		await run({
			resource: 'indicator',
			operation: 'import',
			action: 'Audit',
			indicatorValue: 'evil.example',
			indicatorType: 'DomainName',
			title: 'n8n e2e import',
			indicatorDescription: 'imported by the end-to-end test',
		});
		const values = [...stack.emulator.state.indicators.values()].map((indicator) => indicator.indicatorValue);
		expect(values).toEqual(expect.arrayContaining(['203.0.113.77', 'evil.example']));
		await run({ resource: 'indicator', operation: 'delete', indicatorId: String(created.id) });
		expect([...stack.emulator.state.indicators.values()].map((indicator) => indicator.indicatorValue)).not.toContain('203.0.113.77');
	});

	it('Vulnerability and Software Get Many', async () => {
		const vulnerabilities = await run({ resource: 'vulnerability', operation: 'getMany', scope: 'all', returnAll: false, limit: 5 });
		expect(vulnerabilities.length).toBeGreaterThan(0);
		const software = await run({ resource: 'software', operation: 'getMany', deviceId: machines[0] });
		expect(software.length).toBeGreaterThan(0);
	});
});
