import {
	normalizeAlert,
	normalizeInput,
	NormalizeInputError,
	OCSF_VERSION,
	toOcsfDetectionFinding,
	type OcsfDetectionFinding,
} from '../../../lib/normalize';
import { alertWith, fixtures, type Json } from './fixtures';

// OCSF 1.3.0, Detection Finding (class_uid 2004, category Findings). Requirement levels as
// published at schema.ocsf.io/1.3.0 for the class, its base event and the objects it uses.
const REQUIRED = {
	event: [
		'activity_id',
		'category_uid',
		'class_uid',
		'finding_info',
		'metadata',
		'severity_id',
		'time',
		'type_uid',
	],
	metadata: ['product', 'version'],
	product: ['vendor_name'],
	finding_info: ['uid'],
	observable: ['name', 'type_id'],
};
const RECOMMENDED = {
	event: [
		'activity_name',
		'category_name',
		'class_name',
		'message',
		'severity',
		'status',
		'status_id',
		'type_name',
		'evidences',
		'resources',
		'is_alert',
	],
	product: ['name'],
	finding_info: ['title'],
};
const ACTIVITY_IDS = [0, 1, 2, 3, 99];
const SEVERITY_IDS = [0, 1, 2, 3, 4, 5, 6, 99];
const STATUS_IDS = [0, 1, 2, 3, 4, 5, 99];
// Observable type ids this package emits, with their OCSF captions (99 Other carries its own type).
const OBSERVABLE_TYPE_CAPTIONS: Record<number, string> = {
	1: 'Hostname',
	2: 'IP Address',
	4: 'User Name',
	5: 'Email Address',
	6: 'URL String',
	7: 'File Name',
	8: 'Hash',
	13: 'Command Line',
};
// An evidence artifact must carry at least one of these (evidences object, OCSF 1.3.0).
const EVIDENCE_ARTIFACTS = [
	'actor',
	'api',
	'connection_info',
	'data',
	'device',
	'dst_endpoint',
	'file',
	'process',
	'query',
	'src_endpoint',
	'url',
	'user',
];

function expectHas(object: unknown, fields: string[]): void {
	const record = object as Json;
	for (const field of fields) {
		expect([field, record[field]]).not.toEqual([field, undefined]);
		expect([field, record[field]]).not.toEqual([field, null]);
	}
}

function expectValidFinding(finding: OcsfDetectionFinding): void {
	expectHas(finding, REQUIRED.event);
	expectHas(finding, RECOMMENDED.event);
	expectHas(finding.metadata, REQUIRED.metadata);
	expectHas(finding.metadata.product, [...REQUIRED.product, ...RECOMMENDED.product]);
	expectHas(finding.finding_info, [...REQUIRED.finding_info, ...RECOMMENDED.finding_info]);
	expect(finding.class_uid).toBe(2004);
	expect(finding.category_uid).toBe(2);
	expect(ACTIVITY_IDS).toContain(finding.activity_id);
	expect(finding.type_uid).toBe(finding.class_uid * 100 + finding.activity_id);
	expect(SEVERITY_IDS).toContain(finding.severity_id);
	expect(STATUS_IDS).toContain(finding.status_id);
	expect(Number.isInteger(finding.time)).toBe(true);
	expect(finding.metadata.version).toBe(OCSF_VERSION);
	for (const observable of finding.observables) {
		expectHas(observable, REQUIRED.observable);
		if (observable.type_id !== 99)
			expect(OBSERVABLE_TYPE_CAPTIONS[observable.type_id]).toBe(observable.type);
	}
	for (const evidence of finding.evidences) {
		expect(Object.keys(evidence).some((key) => EVIDENCE_ARTIFACTS.includes(key))).toBe(true);
	}
	for (const attack of finding.finding_info.attacks) {
		expect(attack.technique.uid).toMatch(/\S/);
		if (attack.tactic) expect(attack.tactic.uid).toMatch(/^TA\d{4}$/);
	}
	for (const resource of finding.resources) expect(resource.uid ?? resource.name).toBeTruthy();
}

describe('OCSF Detection Finding profile', () => {
	it.each([
		['the documented alert', fixtures.alertDocumented()],
		['the alert with every evidence type', fixtures.alertEveryEvidence()],
		['the documented incident', fixtures.incidentDocumented()],
		['an incident with alerts', fixtures.incidentWithAlerts()],
		['a redirected incident', fixtures.incidentRedirected()],
		['a bare alert', { id: 'da1', title: 'x', severity: 'weird' }],
	])('%s has every required and recommended field', (_label, item) => {
		const findings = normalizeInput(item, { profile: 'ocsf', splitIncidentAlerts: true });
		expect(findings.length).toBeGreaterThan(0);
		for (const finding of findings) expectValidFinding(finding);
	});

	it('maps the documented alert', () => {
		const [finding] = normalizeInput(fixtures.alertDocumented(), { profile: 'ocsf' });
		expect(finding).toMatchObject({
			class_name: 'Detection Finding',
			category_name: 'Findings',
			activity_id: 2,
			activity_name: 'Update',
			type_uid: 200402,
			type_name: 'Detection Finding: Update',
			severity_id: 2,
			severity: 'Low',
			status_id: 1,
			status: 'New',
			time: Date.parse('2021-05-02T14:19:01.3266667Z'),
			start_time: Date.parse('2021-04-26T07:45:50.116Z'),
			end_time: Date.parse('2021-05-02T07:56:58.222Z'),
			message: 'Suspicious execution of hidden file',
			is_alert: true,
			metadata: {
				version: '1.3.0',
				product: {
					name: 'Microsoft Defender XDR',
					vendor_name: 'Microsoft',
					feature: { name: 'microsoftDefenderForEndpoint' },
				},
			},
			finding_info: {
				uid: 'da637551227677560813_-961444813',
				title: 'Suspicious execution of hidden file',
				types: ['DefenseEvasion'],
				created_time: Date.parse('2021-04-27T12:19:27.7211305Z'),
				modified_time: Date.parse('2021-05-02T14:19:01.3266667Z'),
				src_url:
					'https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
				analytic: { uid: 'e0da400f-affd-43ef-b1d5-afc2eb6f2756', type_id: 0 },
				attacks: [
					{
						technique: { uid: 'T1564', name: 'Hide Artifacts' },
						sub_technique: { uid: 'T1564.001' },
						tactic: { uid: 'TA0005', name: 'Defense Evasion' },
					},
				],
			},
		});
		expect(finding.finding_info.desc).toMatch(/^A hidden file has been launched/);
		expect(finding.metadata.uid).toBe(normalizeAlert(fixtures.alertDocumented()).fingerprint);
	});

	it('types observables with OCSF ids and names the attribute they describe', () => {
		const [finding] = normalizeInput(fixtures.alertDocumented(), { profile: 'ocsf' });
		expect(finding.observables.map((o) => [o.type_id, o.name, o.value])).toEqual([
			[1, 'evidences.device.hostname', 'tempdns'],
			[7, 'evidences.file.name', 'MsSense.exe'],
			[99, 'evidences.file.path', 'C:\\Program Files\\temp\\MsSense.exe'],
			[
				8,
				'evidences.data.value',
				'8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec',
			],
			[8, 'evidences.data.value', '5f1e8acedc065031aad553b710838eb366cfee9a'],
			[13, 'evidences.process.cmd_line', '"MsSense.exe"'],
			[7, 'evidences.file.name', 'services.exe'],
			[99, 'evidences.file.path', 'C:\\Windows\\System32\\services.exe'],
			[4, 'evidences.user.name', 'NT AUTHORITY\\SYSTEM'],
			[99, 'evidences.user.uid', 'S-1-5-18'],
			[
				99,
				'evidences.data.value',
				'HKEY_LOCAL_MACHINE\\SYSTEM\\CONTROLSET001\\CONTROL\\WMI\\AUTOLOGGER\\SENSEAUDITLOGGER',
			],
		]);
	});

	it('puts each observable in an evidence artifact, with verdict and roles in data', () => {
		const [finding] = normalizeInput(fixtures.alertEveryEvidence(), { profile: 'ocsf' });
		const ip = finding.evidences.find(
			(evidence) => (evidence.src_endpoint as Json | undefined)?.ip === '127.0.0.11',
		);
		expect(ip?.data).toMatchObject({ type: 'ip', verdict: 'malicious', roles: ['attacker'] });
		const destination = finding.evidences.find(
			(evidence) => (evidence.dst_endpoint as Json | undefined)?.ip === '127.0.0.14',
		);
		expect(destination).toBeDefined();
		const domain = finding.evidences.find(
			(evidence) => (evidence.query as Json | undefined)?.hostname === 'phish.contoso.example',
		);
		expect(domain).toBeDefined();
		const file = finding.evidences.find(
			(evidence) =>
				(evidence.file as Json | undefined)?.path === 'C:\\Users\\alice\\Downloads\\payload.ps1',
		);
		expect(file?.file).toEqual({
			name: 'payload.ps1',
			path: 'C:\\Users\\alice\\Downloads\\payload.ps1',
			type_id: 1,
			type: 'Regular File',
		});
		const hash = finding.evidences.find((evidence) => (evidence.data as Json).hash_type === 'md5');
		expect((hash?.data as Json).value).toBe('cccccccccccccccccccccccccccccccc');
	});

	it('lists devices as resources', () => {
		const [finding] = normalizeInput(fixtures.alertDocumented(), { profile: 'ocsf' });
		expect(finding.resources).toEqual([
			{
				uid: '73e7e2de709dff64ef64b1d0c30e67fab63279db',
				type: 'Device',
				name: 'tempdns',
				labels: ['Test Machine'],
				data: expect.objectContaining({
					ip_addresses: ['127.0.0.1'],
					os_platform: 'Windows10',
					risk_score: 'medium',
				}),
			},
		]);
	});

	it('emits one attack per tactic, and a technique-only attack for unknown techniques', () => {
		const [finding] = normalizeInput(alertWith([], { mitreTechniques: ['T1078', 'T9999'] }), {
			profile: 'ocsf',
		});
		expect(
			finding.finding_info.attacks.map((attack) => attack.tactic?.uid ?? attack.technique.uid),
		).toEqual(['TA0005', 'TA0003', 'TA0004', 'TA0001', 'T9999']);
	});

	it.each([
		['informational', 1, 'Informational'],
		['low', 2, 'Low'],
		['medium', 3, 'Medium'],
		['high', 4, 'High'],
		['unknown', 0, 'Unknown'],
		['unknownFutureValue', 99, 'unknownFutureValue'],
	])('severity %s → severity_id %i', (severity, id, caption) => {
		const finding = toOcsfDetectionFinding(alertWith([], { severity }));
		expect(finding.severity_id).toBe(id);
		expect(finding.severity).toBe(caption);
	});

	it.each([
		['new', 1, 'New'],
		['active', 1, 'New'],
		['inProgress', 2, 'In Progress'],
		['resolved', 4, 'Resolved'],
		['unknown', 0, 'Unknown'],
		['redirected', 99, 'redirected'],
		['awaitingAction', 99, 'awaitingAction'],
	])('status %s → status_id %i', (status, id, caption) => {
		const finding = toOcsfDetectionFinding(alertWith([], { status }));
		expect(finding.status_id).toBe(id);
		expect(finding.status).toBe(caption);
	});

	it('reports Create for a new finding, Update after a change, Close once resolved', () => {
		const created = {
			createdDateTime: '2024-01-01T00:00:00Z',
			lastUpdateDateTime: '2024-01-01T00:00:00Z',
		};
		expect(toOcsfDetectionFinding(alertWith([], created))).toMatchObject({
			activity_id: 1,
			type_uid: 200401,
			time: Date.parse('2024-01-01T00:00:00Z'),
		});
		expect(
			toOcsfDetectionFinding(
				alertWith([], { ...created, lastUpdateDateTime: '2024-01-02T00:00:00Z' }),
			),
		).toMatchObject({
			activity_id: 2,
			type_uid: 200402,
			time: Date.parse('2024-01-02T00:00:00Z'),
		});
		expect(toOcsfDetectionFinding(alertWith([], { ...created, status: 'resolved' }))).toMatchObject(
			{
				activity_id: 3,
				type_uid: 200403,
			},
		);
	});

	it('uses the injected clock only when the entity has no timestamp at all', () => {
		const finding = toOcsfDetectionFinding(
			{ id: 'da1', title: 'x', severity: 'low' },
			{ clock: { now: () => 1234 } },
		);
		expect(finding.time).toBe(1234);
	});

	it('uses the incident id as finding uid and keeps the sync fields in unmapped', () => {
		const [finding] = normalizeInput(fixtures.incidentDocumented(), { profile: 'ocsf' });
		expect(finding.finding_info.uid).toBe('2972395');
		expect(finding.unmapped).toMatchObject({
			source_ref: 'incident:2972395',
			source_type: 'incident',
			extra_data: { source: 'defender', defenderIncidentId: '2972395' },
			classification: 'truePositive',
			tlp: 2,
			pap: 2,
		});
	});

	it('carries the raw object as raw_data only with includeRaw', () => {
		const [without] = normalizeInput(fixtures.alertDocumented(), { profile: 'ocsf' });
		expect(without.raw_data).toBeUndefined();
		const [withRaw] = normalizeInput(fixtures.alertDocumented(), {
			profile: 'ocsf',
			includeRaw: true,
		});
		expect(JSON.parse(withRaw.raw_data as string)).toEqual(fixtures.alertDocumented());
	});

	it('converts a record or a source object alike, and refuses batches', () => {
		const record = normalizeAlert(fixtures.alertDocumented());
		expect(toOcsfDetectionFinding(record)).toEqual(
			toOcsfDetectionFinding(fixtures.alertDocumented()),
		);
		expect(() => toOcsfDetectionFinding(fixtures.alertsPage())).toThrow(NormalizeInputError);
	});
});
