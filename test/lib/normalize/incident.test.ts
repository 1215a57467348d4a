import { normalizeIncident, parseSourceRef } from '../../../lib/normalize';
import { fixtures, NS, type Json } from './fixtures';

describe('normalizeIncident: the documented incident (graph-api.md §3.3)', () => {
	const records = normalizeIncident(fixtures.incidentDocumented());
	const [record] = records;

	it('emits one record marked as an incident, with a sourceRef that reads back', () => {
		expect(records).toHaveLength(1);
		expect(record.sourceType).toBe('incident');
		expect(record.sourceRef).toBe('incident:2972395');
		expect(parseSourceRef(record.sourceRef)).toEqual({ sourceType: 'incident', id: '2972395' });
		expect(record.extraData).toEqual({
			source: 'defender',
			sourceType: 'incident',
			defenderIncidentId: '2972395',
			tenantId: 'b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
		});
		expect(record.incidentId).toBe('2972395');
	});

	it('maps the incident fields', () => {
		expect(record.title).toBe(
			'Multi-stage incident involving Initial access & Command and control on multiple endpoints reported by multiple sources',
		);
		expect(record.description).toMatch(/^Microsoft observed Raspberry Robin worm activity/);
		expect(record.descriptionIsFallback).toBe(false);
		expect(record.severity).toBe(2);
		expect(record.severityLabel).toBe('medium');
		expect(record.status).toBe('active');
		expect(record.classification).toBe('truePositive');
		expect(record.determination).toBe('multiStagedAttack');
		expect(record.assignedTo).toBe('KaiC@contoso.example');
		expect(record.createdDateTime).toBe('2021-08-13T08:43:35.5533333Z');
		expect(record.lastUpdateDateTime).toBe('2021-09-30T09:35:45.1133333Z');
		expect(record.incidentWebUrl).toBe(
			'https://security.microsoft.com/incidents/2972395?tid=12f988bf-16f1-11af-11ab-1d7cd011db47',
		);
		expect(record.alertWebUrl).toBeNull();
		expect(record.customTags).toEqual(['Demo']);
		expect(record.systemTags).toEqual(['Defender Experts']);
		expect(record.comments).toEqual([
			{
				comment: 'Demo incident',
				createdBy: 'DavidS@contoso.example',
				createdDateTime: '2021-09-30T12:07:37.2756993Z',
			},
		]);
		expect(record.mergedInto).toBeNull();
	});

	it('tags the record as an incident', () => {
		expect(record.tags).toEqual(['defender', 'xdr', 'incident']);
	});

	it('fingerprints the incident sourceRef with lastUpdateDateTime', () => {
		const later = normalizeIncident({
			...fixtures.incidentDocumented(),
			lastUpdateDateTime: '2022-01-01T00:00:00Z',
		});
		expect(later[0].fingerprint).not.toBe(record.fingerprint);
		expect(record.fingerprint).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('an incident with its alerts ($expand=alerts)', () => {
	const [record] = normalizeIncident(fixtures.incidentWithAlerts());

	it('merges the alerts’ observables, de-duplicated across alerts', () => {
		const hashes = record.observables.filter((observable) => observable.type === 'hash');
		const sha256 = hashes.find((hash) => hash.hashType === 'sha256');
		// The same file hash appears in both alerts (upper-case in the second): one observable.
		expect(hashes.map((hash) => hash.value)).toEqual([
			'8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec',
			'5f1e8acedc065031aad553b710838eb366cfee9a',
		]);
		expect(sha256?.verdicts).toEqual(['unknown', 'malicious']);
		expect(sha256?.verdict).toBe('malicious');
		expect(sha256?.remediationStatuses).toEqual(['none', 'remediated']);
	});

	it('merges the alerts’ assets', () => {
		expect(record.assets.map((asset) => asset.hostname)).toEqual([
			'tempdns',
			'ws-finance-02.contoso.example',
		]);
	});

	it('lists the alert ids and merges categories, services and detection sources', () => {
		expect(record.alertIds).toEqual([
			'da637551227677560813_-961444813',
			'da637551227677560813_-961444814',
		]);
		expect(record.categories).toEqual(['DefenseEvasion', 'Execution']);
		expect(record.category).toBe('DefenseEvasion');
		expect(record.serviceSources).toEqual(['microsoftDefenderForEndpoint']);
		expect(record.detectionSources).toEqual(['antivirus', 'microsoftDefenderForEndpoint']);
		expect(record.tags).toEqual([
			'defender',
			'xdr',
			'incident',
			'service:microsoftDefenderForEndpoint',
			'category:DefenseEvasion',
			'category:Execution',
			'mitre:T1564.001',
			'mitre:T1059.001',
		]);
	});

	it('spans the earliest first activity to the latest last activity of its alerts', () => {
		expect(record.firstActivityDateTime).toBe('2021-04-25T01:00:00Z');
		expect(record.lastActivityDateTime).toBe('2021-05-03T09:00:00Z');
	});

	it('builds the missing description from the alert titles and descriptions', () => {
		expect(record.descriptionIsFallback).toBe(true);
		expect(record.description).toBe(
			[
				'Alerts in this incident:',
				'- Suspicious execution of hidden file: A hidden file has been launched. This activity could indicate a compromised host. Attackers often hide files associated with malicious tools to evade file system inspection and defenses.',
				'- Suspicious PowerShell command line: A suspicious PowerShell command line was run.',
			].join('\n'),
		);
	});

	it('emits only the incident record unless asked to split', () => {
		expect(normalizeIncident(fixtures.incidentWithAlerts())).toHaveLength(1);
	});
});

describe('splitIncidentAlerts', () => {
	const records = normalizeIncident(fixtures.incidentWithAlerts(), { splitIncidentAlerts: true });

	it('emits the incident record first, then one record per alert', () => {
		expect(records.map((record) => [record.sourceType, record.sourceRef])).toEqual([
			['incident', 'incident:2972395'],
			['alert', 'da637551227677560813_-961444813'],
			['alert', 'da637551227677560813_-961444814'],
		]);
	});

	it('gives each alert record only its own observables, and the incident id', () => {
		const second = records[2];
		expect(second.incidentId).toBe('2972395');
		expect(second.severity).toBe(1);
		expect(second.observables.map((observable) => observable.type)).toEqual([
			'hostname',
			'filename',
			'filepath',
			'hash',
		]);
		expect(second.extraData).toEqual({
			source: 'defender',
			sourceType: 'alert',
			defenderAlertId: 'da637551227677560813_-961444814',
			tenantId: 'b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
		});
	});

	it('sets the parent incident id on an alert that lacks one', () => {
		const incident = fixtures.incidentWithAlerts();
		delete ((incident.alerts as Json[])[0] as Json).incidentId;
		const [, first] = normalizeIncident(incident, { splitIncidentAlerts: true });
		expect(first.incidentId).toBe('2972395');
	});

	it('merges but does not split an alert without an id', () => {
		const incident = fixtures.incidentWithAlerts();
		delete ((incident.alerts as Json[])[1] as Json).id;
		const records = normalizeIncident(incident, { splitIncidentAlerts: true });
		expect(records.map((record) => record.sourceType)).toEqual(['incident', 'alert']);
		expect(records[0].assets.map((asset) => asset.hostname)).toContain(
			'ws-finance-02.contoso.example',
		);
	});
});

describe('redirected (merged) incidents', () => {
	it('say which incident they were merged into', () => {
		const [record] = normalizeIncident(fixtures.incidentRedirected());
		expect(record.status).toBe('redirected');
		expect(record.mergedInto).toBe('2972395');
		expect(record.observables).toEqual([]);
	});

	it('fall back to the incident name when nothing else describes them', () => {
		const [record] = normalizeIncident(fixtures.incidentRedirected());
		expect(record.description).toBe(record.title);
		expect(record.descriptionIsFallback).toBe(true);
	});
});

describe('incident description fallback', () => {
	function incident(fields: Json): Json {
		return { '@odata.type': `${NS}incident`, id: '1', displayName: 'Incident one', ...fields };
	}

	it('prefers the summary when there is no description', () => {
		const [record] = normalizeIncident(incident({ description: '', summary: 'What happened.' }));
		expect(record.description).toBe('What happened.');
		expect(record.descriptionIsFallback).toBe(true);
	});

	it('lists titles alone, descriptions alone, and skips alerts with neither', () => {
		const [record] = normalizeIncident(
			incident({
				alerts: [
					{ id: 'a1', title: 'Only a title' },
					{ id: 'a2', description: 'Only a description' },
					{ id: 'a3' },
				],
			}),
		);
		expect(record.description).toBe(
			'Alerts in this incident:\n- Only a title\n- Only a description',
		);
	});

	it('lists at most 50 alerts and counts the rest', () => {
		const alerts = Array.from({ length: 53 }, (_, i) => ({ id: `a${i}`, title: `Alert ${i}` }));
		const [record] = normalizeIncident(incident({ alerts }));
		const lines = record.description.split('\n');
		expect(lines).toHaveLength(52);
		expect(lines[50]).toBe('- Alert 49');
		expect(lines[51]).toBe('… and 3 more alerts.');
	});

	it('names the incident by id when it has no name', () => {
		const [record] = normalizeIncident({ '@odata.type': `${NS}incident`, id: 77 });
		expect(record.title).toBe('Defender incident 77');
		expect(record.sourceRef).toBe('incident:77');
	});

	it('takes the tenant from the alerts when the incident has none', () => {
		const [record] = normalizeIncident(
			incident({ alerts: [{ id: 'a1', tenantId: 'tenant-from-alert' }] }),
		);
		expect(record.tenantId).toBe('tenant-from-alert');
		expect(record.extraData.tenantId).toBe('tenant-from-alert');
	});

	it('skips alerts that are not objects', () => {
		const [record] = normalizeIncident(
			incident({ alerts: [null, 'x', { id: 'a1', title: 'Real' }] }),
		);
		expect(record.alertIds).toEqual(['a1']);
	});
});
