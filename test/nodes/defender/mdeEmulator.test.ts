/**
 * The Defender node's device, indicator, hunting and inventory operations against the emulator
 * (no nock): each result is checked against what the emulator then holds.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Defender } from '../../../nodes/Defender/Defender.node';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { emulatorCredential } from '../emulatorCredential';
import { createContext } from '../n8nHarness';

let emulator: RunningEmulator;

beforeAll(async () => {
	// Short action steps: a machine action has succeeded by the node's first status poll.
	emulator = await startEmulator({ alerts: 20, seed: 11, httpsPort: false, actionClock: 100 });
});

afterAll(async () => {
	await emulator.stop();
});

beforeEach(() => {
	emulator.admin.reset();
});

async function run(parameters: Record<string, unknown>, items: IDataObject[] = [{}]): Promise<IDataObject[]> {
	const { context } = createContext({
		parameters,
		items: items.map((json) => ({ json })),
		credentials: { defenderXdrApi: emulatorCredential(emulator) },
	});
	const output = await new Defender().execute.call(context as never);
	return (output[0] as INodeExecutionData[]).map((item) => item.json);
}

const machines = () => [...emulator.state.machines.values()];
const unprotected = () => machines().find((machine) => !machine.machineTags.includes('do-not-isolate'))!;
const actionsOn = (machineId: string) =>
	[...emulator.state.machineActions.values()].filter((action) => action.machineId === machineId);
const ownedBy = (tag: string) =>
	[...emulator.state.indicators.values()].filter((indicator) => indicator.description.startsWith(`[n8n:${tag}]`));

describe('Defender node › devices, indicators, hunting and inventory against the emulator', () => {
	it('Device › Get Many returns every device, and a tag filter only the tagged ones', async () => {
		const all = await run({ resource: 'device', operation: 'getMany', returnAll: true });
		expect(all.map((device) => device.id).sort()).toEqual(machines().map((machine) => machine.id).sort());

		const tagged = machines().find((machine) => machine.machineTags.length > 0)!;
		const tag = tagged.machineTags[0];
		const filtered = await run({ resource: 'device', operation: 'getMany', returnAll: true, filters: { tag } });
		const expected = machines().filter((machine) => machine.machineTags.includes(tag)).map((machine) => machine.id);
		expect(filtered.map((device) => device.id).sort()).toEqual(expected.sort());
	});

	it('Device › Add Tag stores the tag on the device and returns the updated device', async () => {
		const target = machines()[0];
		const [result] = await run({ resource: 'device', operation: 'addTag', deviceId: target.id, tag: 'n8n-contained' });
		expect(result.machineTags).toContain('n8n-contained');
		expect(emulator.state.machines.get(target.id)!.machineTags).toContain('n8n-contained');
	});

	it('Device › Isolate waits until Succeeded; repeating it skips the device as already isolated', async () => {
		const target = unprotected();
		const parameters = {
			resource: 'device',
			operation: 'isolate',
			deviceIds: target.id,
			comment: 'INC-4711 containment',
			isolationType: 'Selective',
		};
		const [first] = await run(parameters);
		expect(first).toMatchObject({ machineId: target.id, outcome: 'completed', status: 'Succeeded' });
		expect(actionsOn(target.id)).toEqual([
			expect.objectContaining({ type: 'Isolate', scope: 'Selective', requestorComment: 'INC-4711 containment' }),
		]);

		const [again] = await run(parameters);
		expect(again).toMatchObject({ machineId: target.id, outcome: 'skipped' });
		expect(String(again.reason)).toMatch(/isolated/i);
		expect(actionsOn(target.id)).toHaveLength(1);
	}, 60_000);

	it('Indicator › Sync creates the feed once; a second run with the same feed changes nothing', async () => {
		const feed = [
			{ value: '203.0.113.45', type: 'ipv4', confidence: 90, title: 'C2 server' },
			{ value: 'login-update.example.net', type: 'domain', confidence: 85, title: 'Phishing domain' },
			{ value: 'd41d8cd98f00b204e9800998ecf8427e', type: 'md5', confidence: 90, title: 'Weak hash' },
			{ value: '198.51.100.7', type: 'ipv4', confidence: 40, title: 'Scanner' },
		];
		const parameters = {
			resource: 'indicator',
			operation: 'sync',
			sourceTag: 'unit-feed',
			action: 'Block',
			expiresInDays: 30,
			filters: { minConfidence: 70, excludeWeakHashes: true },
		};
		const before = emulator.state.indicators.size;

		const [first] = await run(parameters, feed);
		expect(first.counts).toMatchObject({ created: 2, updated: 0, deleted: 0, skipped: 2, failed: 0 });
		expect(ownedBy('unit-feed').map((i) => [i.indicatorValue, i.action]).sort()).toEqual([
			['203.0.113.45', 'Block'],
			['login-update.example.net', 'Block'],
		]);
		const state = JSON.stringify(ownedBy('unit-feed'));

		const [second] = await run(parameters, feed);
		expect(second.counts).toMatchObject({ created: 0, updated: 0, deleted: 0, expired: 0, unchanged: 2 });
		expect(JSON.stringify(ownedBy('unit-feed'))).toBe(state);
		expect(emulator.state.indicators.size).toBe(before + 2);
	});

	it('Advanced Hunting › Run Query returns the matching rows as items', async () => {
		const rows = await run({
			resource: 'hunting',
			operation: 'runQuery',
			query: 'AlertInfo | where Severity == "High" | project AlertId, Severity',
			timespan: 'P30D',
			output: 'rows',
		});
		const thirtyDaysAgo = Date.now() - 30 * 86_400_000;
		const expected = [...emulator.state.alerts.values()]
			.filter((alert) => alert.severity === 'high' && Date.parse(alert.createdDateTime) >= thirtyDaysAgo)
			.map((alert) => alert.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(rows.map((row) => row.AlertId).sort()).toEqual(expected.sort());
		expect(rows.every((row) => row.Severity === 'High')).toBe(true);
	});

	it('Vulnerability and Software › Get Many return a device’s inventory as the emulator holds it', async () => {
		const [machineId, inventory] = Object.entries(emulator.state.inventory.byMachine).find(
			([, entry]) => entry.vulnerabilities.length > 0 && entry.software.length > 0,
		)!;
		const vulnerabilities = await run({
			resource: 'vulnerability',
			operation: 'getMany',
			scope: 'device',
			deviceId: machineId,
			returnAll: true,
		});
		expect(vulnerabilities.map((v) => String(v.id).toUpperCase()).sort()).toEqual(
			inventory.vulnerabilities.map((id) => id.toUpperCase()).sort(),
		);

		const software = await run({ resource: 'software', operation: 'getMany', deviceId: machineId, returnAll: true });
		expect(software.map((s) => String(s.id).toLowerCase()).sort()).toEqual(
			inventory.software.map((s) => s.id.toLowerCase()).sort(),
		);

		const all = await run({ resource: 'vulnerability', operation: 'getMany', scope: 'all', returnAll: true });
		expect(all).toHaveLength(emulator.state.vulnerabilities.size);
	});
});
