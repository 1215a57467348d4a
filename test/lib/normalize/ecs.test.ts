import {
	ECS_VERSION,
	normalizeAlert,
	normalizeInput,
	NormalizeInputError,
	TACTICS,
	toEcs,
	type EcsDocument,
} from '../../../lib/normalize';
import { alertWith, fixtures, NS, type Json } from './fixtures';

// ECS 8.11: the fields marked `required: true`, and the allowed values of the event
// categorization fields (with the event.type values each category accepts).
const REQUIRED_FIELDS = ['@timestamp', 'ecs.version'];
const EVENT_KINDS = [
	'alert',
	'asset',
	'enrichment',
	'event',
	'metric',
	'state',
	'pipeline_error',
	'signal',
];
const EVENT_TYPES_BY_CATEGORY: Record<string, string[]> = {
	api: [
		'access',
		'admin',
		'allowed',
		'change',
		'creation',
		'deletion',
		'denied',
		'end',
		'info',
		'start',
		'user',
	],
	authentication: ['start', 'end', 'info'],
	configuration: ['access', 'change', 'creation', 'deletion', 'info'],
	database: ['access', 'change', 'info', 'error'],
	driver: ['change', 'end', 'info', 'start'],
	email: ['info'],
	file: ['access', 'change', 'creation', 'deletion', 'info'],
	host: ['access', 'change', 'end', 'info', 'start'],
	iam: ['admin', 'change', 'creation', 'deletion', 'group', 'info', 'user'],
	intrusion_detection: ['allowed', 'denied', 'info'],
	library: ['start'],
	malware: ['info'],
	network: ['access', 'allowed', 'connection', 'denied', 'end', 'info', 'protocol', 'start'],
	package: ['access', 'change', 'deletion', 'info', 'installation', 'start'],
	process: ['access', 'change', 'end', 'info', 'start'],
	registry: ['access', 'change', 'creation', 'deletion'],
	session: ['start', 'end', 'info'],
	threat: ['indicator'],
	vulnerability: ['info'],
	web: ['access', 'error', 'info'],
};

function field(document: Json, path: string): unknown {
	if (path in document) return document[path];
	return path
		.split('.')
		.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], document);
}

function expectValidEcs(document: EcsDocument): void {
	for (const name of REQUIRED_FIELDS)
		expect([name, field(document, name)]).not.toEqual([name, undefined]);
	expect(Number.isNaN(Date.parse(document['@timestamp']))).toBe(false);
	expect(document.ecs.version).toBe(ECS_VERSION);
	expect(EVENT_KINDS).toContain(document.event.kind);
	expect(document.event.kind).toBe('alert');
	for (const category of document.event.category) {
		expect(Object.keys(EVENT_TYPES_BY_CATEGORY)).toContain(category);
		for (const type of document.event.type)
			expect([category, EVENT_TYPES_BY_CATEGORY[category]]).toEqual([
				category,
				expect.arrayContaining([type]),
			]);
	}
	expect(typeof document.event.severity).toBe('number');
	const tacticNames = Object.values(TACTICS).map((tactic) => tactic.name);
	for (const name of (field(document, 'threat.tactic.name') as string[] | undefined) ?? []) {
		expect(tacticNames).toContain(name);
	}
	for (const key of ['ip', 'hosts', 'user', 'hash']) {
		const related = field(document, `related.${key}`);
		if (related !== undefined) expect(Array.isArray(related)).toBe(true);
	}
}

describe('ECS profile', () => {
	it.each([
		['the documented alert', fixtures.alertDocumented()],
		['the alert with every evidence type', fixtures.alertEveryEvidence()],
		['the documented incident', fixtures.incidentDocumented()],
		['an incident with alerts', fixtures.incidentWithAlerts()],
		['a bare alert', { id: 'da1', title: 'x', severity: 'low' }],
	])('%s has the required fields and allowed categorization values', (_label, item) => {
		const documents = normalizeInput(item, { profile: 'ecs', splitIncidentAlerts: true });
		expect(documents.length).toBeGreaterThan(0);
		for (const document of documents) expectValidEcs(document);
	});

	it('maps the documented alert', () => {
		const [document] = normalizeInput(fixtures.alertDocumented(), { profile: 'ecs' });
		expect(document).toMatchObject({
			'@timestamp': '2021-05-02T14:19:01.3266667Z',
			ecs: { version: '8.11.0' },
			message: expect.stringMatching(/^A hidden file has been launched/),
			event: {
				kind: 'alert',
				category: ['intrusion_detection', 'malware'],
				type: ['info'],
				id: 'da637551227677560813_-961444813',
				severity: 2,
				code: 'e0da400f-affd-43ef-b1d5-afc2eb6f2756',
				provider: 'microsoftDefenderForEndpoint',
				created: '2021-04-27T12:19:27.7211305Z',
				start: '2021-04-26T07:45:50.116Z',
				end: '2021-05-02T07:56:58.222Z',
				url: 'https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
				dataset: 'defender.alert',
			},
			rule: { name: 'Suspicious execution of hidden file', category: 'DefenseEvasion' },
			host: {
				hostname: 'tempdns',
				id: '73e7e2de709dff64ef64b1d0c30e67fab63279db',
				ip: ['127.0.0.1'],
				os: { name: 'Windows10', version: 'Other' },
			},
			user: { name: 'SYSTEM', domain: 'NT AUTHORITY' },
			file: {
				name: 'MsSense.exe',
				path: 'C:\\Program Files\\temp\\MsSense.exe',
				hash: {
					sha256: '8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec',
					sha1: '5f1e8acedc065031aad553b710838eb366cfee9a',
				},
			},
			process: { command_line: '"MsSense.exe"' },
			registry: {
				path: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CONTROLSET001\\CONTROL\\WMI\\AUTOLOGGER\\SENSEAUDITLOGGER',
			},
			tags: [
				'defender',
				'xdr',
				'service:microsoftDefenderForEndpoint',
				'category:DefenseEvasion',
				'mitre:T1564.001',
			],
			defender: {
				source_ref: 'da637551227677560813_-961444813',
				extra_data: { defenderAlertId: 'da637551227677560813_-961444813' },
			},
		});
	});

	it('takes threat.tactic from the ATT&CK table, not from category', () => {
		const document = toEcs(
			alertWith([], { category: 'Impact', mitreTechniques: ['T1059.001', 'T1078'] }),
		);
		expect(field(document, 'threat.framework')).toBe('MITRE ATT&CK');
		expect(field(document, 'threat.technique.id')).toEqual(['T1059', 'T1078']);
		expect(field(document, 'threat.technique.name')).toEqual([
			'Command and Scripting Interpreter',
			'Valid Accounts',
		]);
		expect(field(document, 'threat.technique.subtechnique.id')).toEqual(['T1059.001']);
		expect(field(document, 'threat.tactic.name')).toEqual([
			'Execution',
			'Defense Evasion',
			'Persistence',
			'Privilege Escalation',
			'Initial Access',
		]);
		expect(field(document, 'threat.tactic.id')).toEqual([
			'TA0002',
			'TA0005',
			'TA0003',
			'TA0004',
			'TA0001',
		]);
		expect(field(document, 'threat.tactic.name')).not.toContain('Impact');
	});

	it('leaves threat out when there are no techniques', () => {
		expect(toEcs(alertWith([])).threat).toBeUndefined();
	});

	it('maps source and destination addresses by evidence role', () => {
		const document = toEcs(
			alertWith([
				{
					'@odata.type': `${NS}networkConnectionEvidence`,
					sourceAddress: { ipAddress: '127.0.1.5' },
					destinationAddress: { ipAddress: '127.0.0.14' },
				},
			]),
		);
		expect(document.source).toEqual({ ip: '127.0.1.5' });
		expect(document.destination).toEqual({ ip: '127.0.0.14' });
		expect(field(document, 'related.ip')).toEqual(['127.0.1.5', '127.0.0.14']);
	});

	it('maps url, user ids and related values', () => {
		const document = toEcs(fixtures.alertEveryEvidence());
		expect(document.url).toEqual({
			full: 'https://phish.contoso.example/login?session=1',
			original: 'https://phish.contoso.example/login?session=1',
			domain: 'phish.contoso.example',
		});
		expect(field(document, 'related.hosts')).toEqual(
			expect.arrayContaining(['ws-alice.contoso.example', 'phish.contoso.example']),
		);
		expect(field(document, 'related.user')).toEqual(
			expect.arrayContaining(['CONTOSO\\alice', 'S-1-5-21-1004336348-1177238915-682003330-1001']),
		);
		expect(field(document, 'related.hash')).toContain(
			'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
		);
		expect(field(document, 'related.ip')).toEqual(
			expect.arrayContaining(['127.0.0.11', '127.0.1.5', '127.0.1.6']),
		);
		expect(document.source).toEqual({ ip: '127.0.0.11' });
	});

	it('fills user from one account only: a UPN gives name and email, a SID gives id', () => {
		expect(
			toEcs(
				alertWith([
					{
						'@odata.type': `${NS}userEvidence`,
						userAccount: { userPrincipalName: 'kim@contoso.example' },
					},
				]),
			).user,
		).toEqual({
			name: 'kim@contoso.example',
			email: 'kim@contoso.example',
		});
		expect(
			toEcs(
				alertWith([{ '@odata.type': `${NS}userEvidence`, userAccount: { userSid: 'S-1-5-18' } }]),
			).user,
		).toEqual({ id: 'S-1-5-18' });
	});

	it.each([
		['informational', 1],
		['low', 2],
		['medium', 3],
		['high', 4],
		['unknown', 0],
		['somethingNew', 0],
	])('event.severity for %s is %i (higher is worse)', (severity, expected) => {
		expect(toEcs(alertWith([], { severity })).event.severity).toBe(expected);
	});

	it('keeps incident specifics', () => {
		const [document] = normalizeInput(fixtures.incidentRedirected(), { profile: 'ecs' });
		expect(document.event).toMatchObject({ id: '2972396', dataset: 'defender.incident' });
		expect(document.defender).toMatchObject({
			merged_into: '2972395',
			source_ref: 'incident:2972396',
			status: 'redirected',
		});
	});

	it('carries the raw object in event.original only with includeRaw', () => {
		expect(toEcs(fixtures.alertDocumented()).event.original).toBeUndefined();
		const document = toEcs(fixtures.alertDocumented(), { includeRaw: true });
		expect(JSON.parse(document.event.original as string)).toEqual(fixtures.alertDocumented());
	});

	it('uses the clock only when the entity has no timestamp', () => {
		expect(
			toEcs({ id: 'da1', title: 'x', status: 'new' }, { clock: { now: () => 0 } })['@timestamp'],
		).toBe('1970-01-01T00:00:00.000Z');
	});

	it('converts a record or a source object alike, and refuses batches', () => {
		expect(toEcs(normalizeAlert(fixtures.alertDocumented()))).toEqual(
			toEcs(fixtures.alertDocumented()),
		);
		expect(() => toEcs(fixtures.alertsPage())).toThrow(NormalizeInputError);
	});
});
