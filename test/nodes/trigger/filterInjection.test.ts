/**
 * The Defender Trigger's poll filters with hostile values (as an expression could compute them):
 * status, severity and service source must be members of their lists and are refused before any
 * request otherwise; category is checked on the records and never sent. At the emulator's request
 * log the `$filter` keeps its shape, and nothing is emitted.
 */
import type { IDataObject } from 'n8n-workflow';

import { DefenderTrigger } from '../../../nodes/DefenderTrigger/DefenderTrigger.node';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { emulatorCredential } from '../emulatorCredential';
import { createContext } from '../n8nHarness';

const HOSTILE = [
	"high' or 1 eq 1 or severity eq 'low",
	"x') or (status ne 'nothing",
	'high&$filter=true',
	"'",
];

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ alerts: 0, seed: 13, httpsPort: false, rateLimits: false });
});

afterAll(async () => {
	await emulator.stop();
});

beforeEach(() => {
	emulator.admin.reset();
});

function apiRequests() {
	return emulator.requests.list().filter((entry) => !entry.path.includes('/oauth2/'));
}

async function poll(resource: 'alerts' | 'incidents', filters: IDataObject, lookBack = '1h') {
	const { context } = createContext({
		parameters: { mode: 'poll', resource, event: 'created', filters, options: { lookBack } },
		credentials: { defenderXdrApi: emulatorCredential(emulator) },
		staticData: {},
		mode: 'trigger',
	});
	return await new DefenderTrigger().poll.call(context as never);
}

async function pollError(resource: 'alerts' | 'incidents', filters: IDataObject): Promise<Error> {
	const error = await poll(resource, filters).then(
		() => undefined,
		(rejection: unknown) => rejection,
	);
	expect(error).toBeInstanceOf(Error);
	return error as Error;
}

describe('Defender Trigger poll filters with hostile values', () => {
	const refused: Array<[string, 'alerts' | 'incidents', string, RegExp]> = [
		['alert severity', 'alerts', 'severity', /Allowed values: .*high/],
		['alert status', 'alerts', 'alertStatus', /Allowed values: .*new/],
		[
			'alert service source',
			'alerts',
			'serviceSource',
			/Allowed values: .*microsoftDefenderForEndpoint/,
		],
		['incident severity', 'incidents', 'severity', /Allowed values: .*high/],
		['incident status', 'incidents', 'incidentStatus', /Allowed values: .*active/],
	];

	describe.each(refused)('%s', (_name, resource, field, message) => {
		it.each(HOSTILE)('%j is refused before any request, saying what is allowed', async (value) => {
			emulator.admin.createAlert({ severity: 'high' });
			const error = await pollError(resource, { [field]: [value] });
			expect(error.message).toMatch(message);
			expect(apiRequests()).toEqual([]);
		});
	});

	describe.each(refused)('%s given as text by an expression', (_name, resource, field, message) => {
		it.each(HOSTILE)('%j is refused before any request, not ignored', async (value) => {
			emulator.admin.createAlert({ severity: 'high' });
			const error = await pollError(resource, { [field]: value });
			expect(error.message).toMatch(message);
			expect(apiRequests()).toEqual([]);
		});
	});

	it.each([42, { severity: 'high' }, true])(
		'a filter value that is not a list (%j) is refused, not ignored',
		async (value) => {
			emulator.admin.createAlert({ severity: 'high' });
			const error = await pollError('alerts', { severity: value });
			expect(error.message).toMatch(/The Severity filter must be a list of values/);
			expect(apiRequests()).toEqual([]);
		},
	);

	it('comma-separated text from an expression filters like the list', async () => {
		const high = emulator.admin.createAlert({ severity: 'high' });
		const medium = emulator.admin.createAlert({ severity: 'medium' });
		emulator.admin.createAlert({ severity: 'low' });
		const output = (await poll('alerts', { severity: 'high, medium' })) as Array<
			Array<{ json: IDataObject }>
		>;
		expect(output[0]?.map((item) => item.json.id).sort()).toEqual([high.id, medium.id].sort());
	});

	it.each(HOSTILE)('alert category %j is never sent and matches nothing', async (value) => {
		emulator.admin.createAlert({ severity: 'high', category: 'Execution' });
		const output = await poll('alerts', { category: [value] });
		expect(output).toBeNull();
		const lists = apiRequests().filter((entry) => entry.path === '/v1.0/security/alerts_v2');
		expect(lists.length).toBeGreaterThan(0);
		for (const entry of lists) {
			expect(JSON.stringify(entry.query)).not.toContain(value);
			expect(Object.keys(entry.query).every((key) => key.startsWith('$'))).toBe(true);
		}
	});

	it('valid values still filter, so the checks above are not vacuous', async () => {
		const high = emulator.admin.createAlert({ severity: 'high', category: 'Execution' });
		emulator.admin.createAlert({ severity: 'low', category: 'Execution' });
		const output = (await poll('alerts', { severity: ['high'], category: ['execution'] })) as Array<
			Array<{ json: IDataObject }>
		>;
		expect(output[0]?.map((item) => item.json.id)).toEqual([high.id]);
		const filter = String(
			apiRequests().find((entry) => entry.path === '/v1.0/security/alerts_v2')?.query.$filter,
		);
		expect(filter).toContain("severity eq 'high'");
	});
});
