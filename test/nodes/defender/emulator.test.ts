/**
 * The Defender node against the emulator (no nock): normalized Defender records closed as cases
 * are synced back, then synced again without a single write; bulk resolve reports a missing
 * alert on its own item.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { emulatorCredential } from '../emulatorCredential';
import { normalizeInput } from '../../../lib/normalize';
import { Defender } from '../../../nodes/Defender/Defender.node';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createContext } from '../n8nHarness';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ alerts: 60, seed: 5, httpsPort: false });
});

afterAll(async () => {
	await emulator.stop();
});

beforeEach(() => {
	emulator.admin.reset();
});

async function run(
	parameters: Record<string, unknown>,
	items: IDataObject[],
	options: { itemParameters?: Array<Record<string, unknown>>; continueOnFail?: boolean } = {},
): Promise<INodeExecutionData[]> {
	const { context } = createContext({
		parameters,
		items: items.map((json) => ({ json })),
		itemParameters: options.itemParameters,
		continueOnFail: options.continueOnFail,
		credentials: {
			defenderXdrApi: emulatorCredential(emulator),
		},
	});
	const output = await new Defender().execute.call(context as never);
	return output[0] as INodeExecutionData[];
}

function writesIn(log: Array<{ method: string; path: string }>): string[] {
	return log
		.filter(
			(entry) =>
				entry.method === 'PATCH' || (entry.method === 'POST' && entry.path.endsWith('/comments')),
		)
		.map((entry) => `${entry.method} ${entry.path}`);
}

describe('Defender node against the emulator', () => {
	it('syncs closed cases built from normalized records, and a second sync writes nothing', async () => {
		const open = [...emulator.state.alerts.values()].filter((a) => a.status !== 'resolved');
		const alerts = open.slice(0, 3);
		const incidentRecord = [...emulator.state.incidents.values()].find(
			(i) => i.status === 'active',
		) as unknown as IDataObject;
		const cases = [
			...alerts.map((alert, i) => ({
				...normalizeInput(alert)[0],
				id: `case-${i}`,
				resolution: i === 0 ? 'FalsePositive' : 'TruePositive',
			})),
			{ ...normalizeInput(incidentRecord)[0], id: 'case-inc', resolution: 'NoImpact' },
		] as IDataObject[];
		const parameters = { resource: 'case', operation: 'syncDisposition', caseSystem: 'TheHive' };

		emulator.requests.clear();
		const first = await run(parameters, cases);
		expect(first.map((item) => (item.json.defenderSync as IDataObject).status)).toEqual([
			'synced',
			'synced',
			'synced',
			'synced',
		]);
		for (const item of first) {
			expect((item.json.defenderSync as IDataObject).entities).toEqual([
				expect.objectContaining({ actions: ['resolved', 'commented'] }),
			]);
		}
		const stored = emulator.state.alerts.get(alerts[0]?.id as string);
		expect(stored).toMatchObject({ status: 'resolved', classification: 'falsePositive' });
		expect(stored?.comments?.map((c) => c.comment)).toContain(
			'Case case-0 closed in TheHive with resolution: FalsePositive',
		);
		const storedIncident = emulator.state.incidents.get(String(incidentRecord.id));
		expect(storedIncident).toMatchObject({
			status: 'resolved',
			classification: 'informationalExpectedActivity',
		});
		expect(writesIn(emulator.requests.list())).toHaveLength(8);

		emulator.requests.clear();
		const second = await run(parameters, cases);
		expect(writesIn(emulator.requests.list())).toEqual([]);
		for (const item of second) {
			expect((item.json.defenderSync as IDataObject).entities).toEqual([
				expect.objectContaining({ actions: ['alreadyResolved', 'commentExisted'] }),
			]);
		}
		expect(second.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
	});

	it('resolves alerts in bulk and reports a missing one on its own item', async () => {
		const ids = [...emulator.state.alerts.keys()].slice(0, 4);
		ids.splice(2, 0, 'da000000000000000000_-1');
		const items = await run(
			{ resource: 'alert', operation: 'resolve', classification: 'falsePositive', comment: 'bulk' },
			ids.map((alertId) => ({ alertId })),
			{ itemParameters: ids.map((alertId) => ({ alertId })), continueOnFail: true },
		);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(items[2]?.json).toMatchObject({ kind: 'notFound', status: 404 });
		for (const index of [0, 1, 3, 4]) {
			expect(items[index]?.json).toMatchObject({ id: ids[index], status: 'resolved' });
			expect(emulator.state.alerts.get(ids[index] as string)?.comments?.at(-1)?.comment).toBe(
				'bulk',
			);
		}
		const batches = emulator.requests
			.list()
			.filter((entry) => entry.batchParent === undefined && entry.path.endsWith('/$batch'));
		expect(batches).toHaveLength(2);
	});
});
