import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Defender } from '../../../../nodes/Defender/Defender.node';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { emulatorCredential } from '../../emulatorCredential';
import { createContext } from '../../n8nHarness';

/**
 * Hostile values typed into (or computed by an expression for) a node parameter that ends up in
 * `$filter` must stay a value: the query the emulator receives has them quoted, and they match
 * nothing instead of widening the result.
 */
describe('OData injection through node parameters', () => {
	let emulator: RunningEmulator;

	beforeAll(async () => {
		emulator = await startEmulator({ alerts: 60, seed: 4, httpsPort: false, rateLimits: false });
	});

	afterAll(async () => {
		await emulator.stop();
	});

	async function run(parameters: Record<string, unknown>): Promise<INodeExecutionData[]> {
		const { context } = createContext({
			parameters,
			items: [{ json: {} as IDataObject }],
			credentials: { defenderXdrApi: emulatorCredential(emulator) },
		});
		const [output] = await new Defender().execute.call(context as never);
		return output;
	}

	const lastFilter = (path: string) => {
		const entries = emulator.requests.list().filter((entry) => entry.path === path);
		return entries[entries.length - 1]?.query.$filter;
	};

	const HOSTILE = [
		"x') or (status ne 'nothing",
		"' or 1 eq 1 or assignedTo eq '",
		'analyst@contoso.com) or (true',
	];

	it.each(HOSTILE)('Alert Get Many with Assigned To %j finds nothing and sends the value quoted', async (value) => {
		const output = await run({ resource: 'alert', operation: 'getMany', returnAll: true, filters: { assignedTo: value } });
		expect(output).toEqual([]);
		const filter = lastFilter('/v1.0/security/alerts_v2');
		expect(filter).toContain(`assignedTo eq '${value.replace(/'/g, "''")}'`);
	});

	it.each(HOSTILE)('Incident Get Many with Assigned To %j finds nothing', async (value) => {
		const output = await run({ resource: 'incident', operation: 'getMany', returnAll: true, filters: { assignedTo: value } });
		expect(output).toEqual([]);
		expect(lastFilter('/v1.0/security/incidents')).toContain(`assignedTo eq '${value.replace(/'/g, "''")}'`);
	});

	it.each(HOSTILE)('Device Get Many with Name %j finds nothing', async (value) => {
		const output = await run({ resource: 'device', operation: 'getMany', returnAll: true, filters: { name: value } });
		expect(output).toEqual([]);
		expect(lastFilter('/api/machines')).toContain(`'${value.replace(/'/g, "''")}'`);
	});

	it('the same parameter without quotes in it still matches, so the test is not vacuous', async () => {
		const [alert] = [...emulator.state.alerts.values()];
		emulator.admin.updateAlert(alert.id, { assignedTo: 'analyst@contoso.com' });
		const output = await run({
			resource: 'alert',
			operation: 'getMany',
			returnAll: true,
			filters: { assignedTo: 'analyst@contoso.com' },
		});
		expect(output.map((item) => item.json.id)).toContain(alert.id);
	});
});
