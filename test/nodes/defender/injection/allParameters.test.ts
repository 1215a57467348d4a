/**
 * Every Defender node parameter that reaches an OData `$filter`, a query string or a URL path,
 * given hostile values as a user could type them or an expression could compute them. At the
 * emulator's request log: a text value stays one quoted literal (quotes doubled), no extra query
 * parameter appears, an ID stays one encoded path segment; the result matches nothing. A value
 * that must come from a fixed list (enums, dates, IP, CVE) is refused before anything is sent,
 * with a message that says what is allowed.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Defender } from '../../../../nodes/Defender/Defender.node';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import type { RequestLogEntry } from '../../../emulator/requestLog';
import { emulatorCredential } from '../../emulatorCredential';
import { createContext } from '../../n8nHarness';

/** Hostile text: quote breakouts, OData operators, query-string and fragment smuggling. */
const HOSTILE_TEXT = [
	"x') or (status ne 'nothing",
	"' or 1 eq 1 or assignedTo eq '",
	"a' or true or 'b",
	"x' or contains(title,'a') or 'y' eq 'z",
	'x&$top=1000&$filter=true',
	'x#$filter=true',
	'x%27 or 1 eq 1 or %27',
	'x+or+1+eq+1',
	"'",
	"''",
];

/** Hostile IDs: path traversal, query and fragment smuggling, quotes, encoded separators. */
const HOSTILE_IDS = [
	'a/b',
	'../alerts_v2',
	'x?$top=1',
	'x#fragment',
	"x' or 1 eq 1",
	'%2e%2e',
	'..%2F..%2Fincidents',
	'x&$filter=true',
	'x\\..\\y',
];

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ alerts: 80, seed: 17, httpsPort: false, rateLimits: false });
});

afterAll(async () => {
	await emulator.stop();
});

beforeEach(() => {
	emulator.requests.clear();
});

async function run(
	parameters: Record<string, unknown>,
	continueOnFail = true,
): Promise<INodeExecutionData[]> {
	const { context } = createContext({
		parameters,
		items: [{ json: {} as IDataObject }],
		continueOnFail,
		credentials: { defenderXdrApi: emulatorCredential(emulator) },
	});
	const output = await new Defender().execute.call(context as never);
	return output[0] as INodeExecutionData[];
}

async function runError(parameters: Record<string, unknown>): Promise<Error> {
	const error = await run(parameters, false).then(
		() => undefined,
		(rejection: unknown) => rejection,
	);
	expect(error).toBeInstanceOf(Error);
	return error as Error;
}

/** API requests (token requests are not API requests). */
function apiRequests(): RequestLogEntry[] {
	return emulator.requests.list().filter((entry) => !entry.path.includes('/oauth2/'));
}

function lastRequestTo(path: string): RequestLogEntry {
	const entries = apiRequests().filter((entry) => entry.path === path);
	const last = entries[entries.length - 1];
	if (!last) throw new Error(`no request to ${path}: ${JSON.stringify(apiRequests())}`);
	return last;
}

const quoted = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The query keys a list call may send; a smuggled `&$top=` or `&$filter=` would add or repeat one. */
function expectOnlyListKeys(entry: RequestLogEntry): void {
	for (const key of Object.keys(entry.query)) {
		expect(['$filter', '$top', '$skip', '$orderby', '$count', '$expand', '$select']).toContain(key);
	}
}

describe('text filters stay one quoted literal and match nothing', () => {
	const cases: Array<{
		name: string;
		parameters: (value: string) => Record<string, unknown>;
		path: string;
		term: (value: string) => string;
	}> = [
		{
			name: 'Alert Get Many › Assigned To',
			parameters: (value) => ({
				resource: 'alert',
				operation: 'getMany',
				returnAll: true,
				filters: { assignedTo: value },
			}),
			path: '/v1.0/security/alerts_v2',
			term: (value) => `assignedTo eq ${quoted(value.trim())}`,
		},
		{
			name: 'Incident Get Many › Assigned To',
			parameters: (value) => ({
				resource: 'incident',
				operation: 'getMany',
				returnAll: true,
				filters: { assignedTo: value },
			}),
			path: '/v1.0/security/incidents',
			term: (value) => `assignedTo eq ${quoted(value.trim())}`,
		},
		{
			name: 'Device Get Many › Name',
			parameters: (value) => ({
				resource: 'device',
				operation: 'getMany',
				returnAll: true,
				filters: { name: value },
			}),
			path: '/api/machines',
			term: (value) => `computerDnsName eq ${quoted(value.trim())}`,
		},
		{
			name: 'Device Get Many › OS Platform',
			parameters: (value) => ({
				resource: 'device',
				operation: 'getMany',
				returnAll: true,
				filters: { os: [value] },
			}),
			path: '/api/machines',
			term: (value) => `osPlatform eq ${quoted(value.trim())}`,
		},
		{
			name: 'Device Get Many › Tag',
			parameters: (value) => ({
				resource: 'device',
				operation: 'getMany',
				returnAll: true,
				filters: { tag: [value] },
			}),
			path: '/api/machines',
			term: (value) => `machineTags/any(x: x eq ${quoted(value.trim())})`,
		},
		{
			name: 'Indicator Get Many › Value',
			parameters: (value) => ({
				resource: 'indicator',
				operation: 'getMany',
				returnAll: true,
				filters: { value },
			}),
			path: '/api/indicators',
			term: (value) => `indicatorValue eq ${quoted(value.trim())}`,
		},
		{
			name: 'Indicator Get Many › Title',
			parameters: (value) => ({
				resource: 'indicator',
				operation: 'getMany',
				returnAll: true,
				filters: { title: value },
			}),
			path: '/api/indicators',
			term: (value) => `title eq ${quoted(value.trim())}`,
		},
		{
			name: 'Indicator Get Many › Application',
			parameters: (value) => ({
				resource: 'indicator',
				operation: 'getMany',
				returnAll: true,
				filters: { application: value },
			}),
			path: '/api/indicators',
			term: (value) => `application eq ${quoted(value.trim())}`,
		},
		{
			name: 'Indicator Get Many › Created By',
			parameters: (value) => ({
				resource: 'indicator',
				operation: 'getMany',
				returnAll: true,
				filters: { createdBy: value },
			}),
			path: '/api/indicators',
			term: (value) => `createdBy eq ${quoted(value.trim())}`,
		},
	];

	describe.each(cases)('$name', ({ parameters, path, term }) => {
		it.each(HOSTILE_TEXT)('%j', async (value) => {
			const output = await run(parameters(value), false);
			expect(output).toEqual([]);
			const entry = lastRequestTo(path);
			expect(entry.status).toBe(200);
			expectOnlyListKeys(entry);
			const filter = String(entry.query.$filter);
			expect(filter).toContain(term(value));
			// The literal is the whole value: removing it leaves no trace of the hostile text.
			expect(filter.split(term(value)).join('')).not.toContain(value.trim());
		});
	});

	it('the same filters without hostile text still match, so the checks above are not vacuous', async () => {
		const [alert] = [...emulator.state.alerts.values()];
		emulator.admin.updateAlert(alert?.id as string, { assignedTo: "o'brien@contoso.com" });
		const alerts = await run({
			resource: 'alert',
			operation: 'getMany',
			returnAll: true,
			filters: { assignedTo: "o'brien@contoso.com" },
		});
		expect(alerts.map((item) => item.json.id)).toEqual([alert?.id]);
		const [machine] = [...emulator.state.machines.values()];
		const devices = await run({
			resource: 'device',
			operation: 'getMany',
			returnAll: true,
			filters: { name: machine?.computerDnsName },
		});
		expect(devices.map((item) => item.json.id)).toEqual([machine?.id]);
	});
});

describe('category (checked in the node, never sent) matches nothing', () => {
	it.each(HOSTILE_TEXT)('Alert Get Many › Category %j', async (value) => {
		const output = await run(
			{ resource: 'alert', operation: 'getMany', returnAll: true, filters: { category: value } },
			false,
		);
		expect(output).toEqual([]);
		const entry = lastRequestTo('/v1.0/security/alerts_v2');
		expect(JSON.stringify(entry.query)).not.toContain(value);
	});
});

describe('values from a fixed list are refused before anything is sent', () => {
	const hostile = "high' or 1 eq 1 or severity eq 'low";
	const cases: Array<[string, Record<string, unknown>, RegExp]> = [
		[
			'Alert Get Many › Status',
			{ resource: 'alert', operation: 'getMany', filters: { status: [hostile] } },
			/Allowed values: .*new/,
		],
		[
			'Alert Get Many › Severity',
			{ resource: 'alert', operation: 'getMany', filters: { severity: [hostile] } },
			/Allowed values: .*high/,
		],
		[
			'Alert Get Many › Service Source',
			{ resource: 'alert', operation: 'getMany', filters: { serviceSource: [hostile] } },
			/Allowed values: .*microsoftDefenderForEndpoint/,
		],
		[
			'Alert Get Many › Classification',
			{ resource: 'alert', operation: 'getMany', filters: { classification: [hostile] } },
			/Allowed values: .*falsePositive/,
		],
		[
			'Alert Get Many › Determination',
			{ resource: 'alert', operation: 'getMany', filters: { determination: [hostile] } },
			/Allowed values: .*malware/,
		],
		[
			'Alert Get Many › Created After',
			{
				resource: 'alert',
				operation: 'getMany',
				filters: { createdAfter: `2025-01-01T00:00:00Z or 1 eq 1` },
			},
			/ISO 8601/,
		],
		[
			'Alert Get Many › Updated After',
			{
				resource: 'alert',
				operation: 'getMany',
				filters: { updatedAfter: `2025-01-01T00:00:00Z) or (true` },
			},
			/ISO 8601/,
		],
		[
			'Incident Get Many › Status',
			{ resource: 'incident', operation: 'getMany', filters: { status: [hostile] } },
			/Allowed values: .*active/,
		],
		[
			'Incident Get Many › Severity',
			{ resource: 'incident', operation: 'getMany', filters: { severity: [hostile] } },
			/Allowed values: .*high/,
		],
		[
			'Incident Get Many › Classification',
			{ resource: 'incident', operation: 'getMany', filters: { classification: [hostile] } },
			/Allowed values: .*truePositive/,
		],
		[
			'Incident Get Many › Determination',
			{ resource: 'incident', operation: 'getMany', filters: { determination: [hostile] } },
			/Allowed values: .*phishing/,
		],
		[
			'Incident Get Many › Created After',
			{
				resource: 'incident',
				operation: 'getMany',
				filters: { createdAfter: "2025-01-01' or 1 eq 1" },
			},
			/ISO 8601/,
		],
		[
			'Device Get Many › Health',
			{ resource: 'device', operation: 'getMany', filters: { health: [hostile] } },
			/Allowed values: .*Active/,
		],
		[
			'Device Get Many › Risk',
			{ resource: 'device', operation: 'getMany', filters: { risk: [hostile] } },
			/Allowed values: .*High/,
		],
		[
			'Device Get Many › Exposure',
			{ resource: 'device', operation: 'getMany', filters: { exposure: [hostile] } },
			/Allowed values: .*Medium/,
		],
		[
			'Device Get Many › IP',
			{
				resource: 'device',
				operation: 'getMany',
				filters: { ip: "10.0.0.1' or 1 eq 1 or lastIpAddress eq '" },
			},
			/is not an IP address/,
		],
		[
			'Device Get Many › Last Seen After',
			{
				resource: 'device',
				operation: 'getMany',
				filters: { lastSeenAfter: '2025-01-01T00:00:00Z or true' },
			},
			/ISO 8601/,
		],
		[
			'Indicator Get Many › Type',
			{ resource: 'indicator', operation: 'getMany', filters: { types: [hostile] } },
			/FileSha256|[Ii]ndicator type/,
		],
		[
			'Indicator Get Many › Action',
			{ resource: 'indicator', operation: 'getMany', filters: { actions: [hostile] } },
			/Allowed values: .*Block/,
		],
		[
			'Vulnerability Get Many › Severity',
			{
				resource: 'vulnerability',
				operation: 'getMany',
				scope: 'all',
				filters: { severity: [hostile] },
			},
			/Allowed values: Low, Medium, High, Critical/,
		],
		[
			'Vulnerability Get Many › CVE ID filter',
			{
				resource: 'vulnerability',
				operation: 'getMany',
				scope: 'all',
				filters: { cveId: "CVE-2024-1234' or 1 eq 1 or id eq '" },
			},
			/is not a CVE ID/,
		],
		[
			'Vulnerability Get Many › CVE (devices exposed)',
			{
				resource: 'vulnerability',
				operation: 'getMany',
				scope: 'cve',
				cveId: 'CVE-2024-21413/../../machines',
			},
			/is not a CVE ID/,
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		const error = await runError({ returnAll: true, ...parameters });
		expect(error.message).toMatch(message);
		expect(apiRequests()).toEqual([]);
	});
});

describe('IDs stay one encoded path segment', () => {
	const cases: Array<{
		name: string;
		parameters: (id: string) => Record<string, unknown>;
		path: (id: string) => string;
		method: string;
	}> = [
		{
			name: 'Alert Get › Alert ID',
			parameters: (alertId) => ({ resource: 'alert', operation: 'get', alertId }),
			path: (id) => `/v1.0/security/alerts_v2/${encodeURIComponent(id)}`,
			method: 'GET',
		},
		{
			name: 'Alert Update › Alert ID',
			parameters: (alertId) => ({
				resource: 'alert',
				operation: 'update',
				alertId,
				updateFields: { status: 'inProgress' },
			}),
			path: (id) => `/v1.0/security/alerts_v2/${encodeURIComponent(id)}`,
			method: 'PATCH',
		},
		{
			name: 'Alert Add Comment › Alert ID',
			parameters: (alertId) => ({
				resource: 'alert',
				operation: 'addComment',
				alertId,
				comment: 'note',
			}),
			path: (id) => `/v1.0/security/alerts_v2/${encodeURIComponent(id)}/comments`,
			method: 'POST',
		},
		{
			name: 'Device Get › Device ID',
			parameters: (deviceId) => ({ resource: 'device', operation: 'get', deviceId }),
			path: (id) => `/api/machines/${encodeURIComponent(id)}`,
			method: 'GET',
		},
		{
			name: 'Device Add Tag › Device ID',
			parameters: (deviceId) => ({ resource: 'device', operation: 'addTag', deviceId, tag: 'x' }),
			path: (id) => `/api/machines/${encodeURIComponent(id)}/tags`,
			method: 'POST',
		},
		{
			name: 'Software Get Many › Device ID',
			parameters: (deviceId) => ({
				resource: 'software',
				operation: 'getMany',
				deviceId,
				returnAll: true,
			}),
			path: (id) => `/api/machines/${encodeURIComponent(id)}/software`,
			method: 'GET',
		},
		{
			name: 'Vulnerability Get Many (device) › Device ID',
			parameters: (deviceId) => ({
				resource: 'vulnerability',
				operation: 'getMany',
				scope: 'device',
				deviceId,
				returnAll: true,
			}),
			path: (id) => `/api/machines/${encodeURIComponent(id)}/vulnerabilities`,
			method: 'GET',
		},
		{
			name: 'Indicator Delete › Indicator ID',
			parameters: (indicatorId) => ({ resource: 'indicator', operation: 'delete', indicatorId }),
			path: (id) => `/api/indicators/${encodeURIComponent(id)}`,
			method: 'DELETE',
		},
	];

	describe.each(cases)('$name', ({ parameters, path, method }) => {
		it.each(HOSTILE_IDS)('%j', async (id) => {
			const output = await run(parameters(id));
			const sent = apiRequests().filter((entry) => entry.method === method);
			expect(sent.map((entry) => entry.path)).toEqual([path(id)]);
			expect(sent[0]?.query).toEqual({});
			// Nothing matches such an ID: a not-found answer, reported on the item.
			const json = output[0]?.json ?? {};
			expect(
				json.id === undefined || json.deleted === false || typeof json.error === 'string',
			).toBe(true);
			if (typeof json.error === 'string') expect(json.error).not.toMatch(/^Emulator error/);
		});

		it.each(['..', '.', ' .. ', ''])('%j is refused before anything is sent', async (id) => {
			const output = await run(parameters(id));
			expect(String(output[0]?.json.error)).toMatch(/empty or invalid|is empty/);
			expect(apiRequests().filter((entry) => entry.method === method)).toEqual([]);
		});
	});

	it.each([...HOSTILE_IDS, '12 or 1 eq 1', '42/..'])(
		'Incident IDs must be numbers: %j is refused before anything is sent',
		async (incidentId) => {
			for (const operation of ['get', 'addComment', 'update', 'assign', 'resolve']) {
				const output = await run({
					resource: 'incident',
					operation,
					incidentId,
					comment: 'note',
					assignTo: 'analyst@contoso.com',
					updateFields: { status: 'active' },
					classification: 'falsePositive',
				});
				expect(String(output[0]?.json.error)).toMatch(/is not a Defender incident ID/);
			}
			expect(apiRequests()).toEqual([]);
		},
	);

	it.each(HOSTILE_IDS)(
		'Device actions (isolate) › Device IDs %j: one encoded segment, no action on any device',
		async (id) => {
			const before = emulator.state.machineActions.size;
			const output = await run({
				resource: 'device',
				operation: 'isolate',
				deviceIds: id,
				comment: 'containment',
				isolationType: 'Full',
			});
			expect(output).toHaveLength(1);
			for (const entry of apiRequests()) {
				if (entry.path.startsWith('/api/machines/')) {
					expect(entry.path.slice('/api/machines/'.length).split('/')[0]).toBe(
						encodeURIComponent(id),
					);
				}
			}
			expect(emulator.state.machineActions.size).toBe(before);
		},
	);
});

describe('expression values of the wrong type are refused, not ignored (ignoring would widen the result)', () => {
	const filters: Array<[string, string, string, RegExp]> = [
		['alert', 'getMany', 'status', /The Status filter must be a list of values/],
		['alert', 'getMany', 'severity', /The Severity filter must be a list of values/],
		['alert', 'getMany', 'category', /The Category filter must be a list of values/],
		['alert', 'getMany', 'assignedTo', /The Assigned To filter must be text/],
		['alert', 'getMany', 'createdAfter', /The Created After filter must be text/],
		['incident', 'getMany', 'classification', /The Classification filter must be a list of values/],
		['incident', 'getMany', 'assignedTo', /The Assigned To filter must be text/],
		['device', 'getMany', 'name', /The Name filter must be text/],
		['device', 'getMany', 'tag', /The Tag filter must be a list of values/],
		['device', 'getMany', 'health', /The Health Status filter must be a list of values/],
		['indicator', 'getMany', 'value', /The Value filter must be text/],
		['indicator', 'getMany', 'types', /The Type filter must be a list of values/],
		['vulnerability', 'getMany', 'severity', /The Severity filter must be a list of values/],
	];

	it.each(filters)('%s %s › %s', async (resource, operation, name, message) => {
		for (const value of [{ $ne: null }, true, [{ nested: 'x' }]]) {
			const error = await runError({
				resource,
				operation,
				scope: 'all',
				returnAll: true,
				filters: { [name]: value },
			});
			expect(error.message).toMatch(message);
		}
		expect(apiRequests()).toEqual([]);
	});

	it('comma-separated text from an expression is checked value by value', async () => {
		const error = await runError({
			resource: 'alert',
			operation: 'getMany',
			returnAll: true,
			filters: { severity: "high, low' or 1 eq 1 or severity eq 'x" },
		});
		expect(error.message).toMatch(/Allowed values/);
		expect(apiRequests()).toEqual([]);
		await run(
			{
				resource: 'alert',
				operation: 'getMany',
				returnAll: true,
				filters: { severity: 'high, low' },
			},
			false,
		);
		expect(lastRequestTo('/v1.0/security/alerts_v2').query.$filter).toBe(
			"severity eq 'high' or severity eq 'low'",
		);
	});
});
