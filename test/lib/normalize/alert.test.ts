import { createHash } from 'crypto';

import { DefenderError } from '../../../lib/errors';
import { normalizeAlert, parseSourceRef } from '../../../lib/normalize';
import { alertWith, fixtures } from './fixtures';

describe('normalizeAlert: the documented alert (graph-api.md §2.4)', () => {
	const record = normalizeAlert(fixtures.alertDocumented());

	it('marks the record as a Defender alert the disposition sync can find again', () => {
		expect(record.schemaVersion).toBe(1);
		expect(record.source).toBe('defender');
		expect(record.sourceType).toBe('alert');
		expect(record.sourceRef).toBe('da637551227677560813_-961444813');
		expect(record.extraData).toEqual({
			source: 'defender',
			sourceType: 'alert',
			defenderAlertId: 'da637551227677560813_-961444813',
			tenantId: 'b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
		});
		expect(parseSourceRef(record.sourceRef)).toEqual({
			sourceType: 'alert',
			id: 'da637551227677560813_-961444813',
		});
	});

	it('copies the descriptive fields as Defender sent them', () => {
		expect(record.title).toBe('Suspicious execution of hidden file');
		expect(record.description).toMatch(/^A hidden file has been launched\./);
		expect(record.descriptionIsFallback).toBe(false);
		expect(record.status).toBe('new');
		expect(record.classification).toBe('unknown');
		expect(record.determination).toBe('unknown');
		expect(record.category).toBe('DefenseEvasion');
		expect(record.categories).toEqual(['DefenseEvasion']);
		expect(record.serviceSource).toBe('microsoftDefenderForEndpoint');
		expect(record.detectionSource).toBe('antivirus');
		expect(record.detectorId).toBe('e0da400f-affd-43ef-b1d5-afc2eb6f2756');
		expect(record.productName).toBeNull();
		expect(record.assignedTo).toBeNull();
		expect(record.recommendedActions).toMatch(/^Collect artifacts/);
		expect(record.systemTags).toEqual(['Defender Experts']);
	});

	it('keeps every timestamp, deep link and id', () => {
		expect(record.createdDateTime).toBe('2021-04-27T12:19:27.7211305Z');
		expect(record.lastUpdateDateTime).toBe('2021-05-02T14:19:01.3266667Z');
		expect(record.firstActivityDateTime).toBe('2021-04-26T07:45:50.116Z');
		expect(record.lastActivityDateTime).toBe('2021-05-02T07:56:58.222Z');
		expect(record.resolvedDateTime).toBeNull();
		expect(record.alertWebUrl).toBe(
			'https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
		);
		expect(record.incidentWebUrl).toBe(
			'https://security.microsoft.com/incidents/28282?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
		);
		expect(record.incidentId).toBe('28282');
		expect(record.alertIds).toEqual(['da637551227677560813_-961444813']);
		expect(record.providerAlertId).toBe('da637551227677560813_-961444813');
		expect(record.tenantId).toBe('b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c');
	});

	it('maps severity and keeps the Defender label beside it', () => {
		expect(record.severity).toBe(3);
		expect(record.severityLabel).toBe('low');
	});

	it('tags defender, xdr, service, category and each MITRE technique', () => {
		expect(record.tags).toEqual([
			'defender',
			'xdr',
			'service:microsoftDefenderForEndpoint',
			'category:DefenseEvasion',
			'mitre:T1564.001',
		]);
	});

	it('defaults TLP and PAP to 2 (AMBER)', () => {
		expect(record.tlp).toBe(2);
		expect(record.pap).toBe(2);
	});

	it('leaves the raw object out unless asked for', () => {
		expect('raw' in record).toBe(false);
		const alert = fixtures.alertDocumented();
		expect(normalizeAlert(alert, { includeRaw: true }).raw).toBe(alert);
	});
});

describe('fingerprint', () => {
	it('is the sha256 hex of id|lastUpdateDateTime', () => {
		const record = normalizeAlert(fixtures.alertDocumented());
		const expected = createHash('sha256')
			.update('da637551227677560813_-961444813|2021-05-02T14:19:01.3266667Z')
			.digest('hex');
		expect(record.fingerprint).toBe(expected);
		// Pinned so a change of algorithm or input format cannot pass unnoticed.
		expect(record.fingerprint).toBe(
			'3326381ec04e639ac2601a32c502421457977f6653153c1745b3083c0906de61',
		);
	});

	it('is the same for the same version and changes with lastUpdateDateTime', () => {
		const first = normalizeAlert(fixtures.alertDocumented()).fingerprint;
		const again = normalizeAlert(fixtures.alertDocumented()).fingerprint;
		const updated = normalizeAlert({
			...fixtures.alertDocumented(),
			lastUpdateDateTime: '2021-05-03T00:00:00Z',
		}).fingerprint;
		expect(again).toBe(first);
		expect(updated).not.toBe(first);
	});

	it('ignores fields other than id and lastUpdateDateTime', () => {
		const first = normalizeAlert(fixtures.alertDocumented()).fingerprint;
		const retitled = normalizeAlert({
			...fixtures.alertDocumented(),
			title: 'Renamed',
		}).fingerprint;
		expect(retitled).toBe(first);
	});

	it('still works without lastUpdateDateTime', () => {
		const alert = fixtures.alertDocumented();
		delete alert.lastUpdateDateTime;
		expect(normalizeAlert(alert).fingerprint).toBe(
			createHash('sha256').update('da637551227677560813_-961444813|').digest('hex'),
		);
	});
});

describe('description and title fallbacks', () => {
	it.each([[''], ['   '], [null], [undefined], [42]])(
		'uses the title when the description is %p',
		(description) => {
			const record = normalizeAlert({ ...fixtures.alertDocumented(), description });
			expect(record.description).toBe('Suspicious execution of hidden file');
			expect(record.descriptionIsFallback).toBe(true);
		},
	);

	it('names the alert by id when it has no title', () => {
		const record = normalizeAlert({ id: 'da1', evidence: [] });
		expect(record.title).toBe('Defender alert da1');
		expect(record.description).toBe('Defender alert da1');
	});
});

describe('options', () => {
	it('sets TLP and PAP', () => {
		const record = normalizeAlert(fixtures.alertDocumented(), { tlp: 3, pap: 0 });
		expect(record.tlp).toBe(3);
		expect(record.pap).toBe(0);
	});

	it.each([
		[{ tlp: 5 }, /'tlp' must be a whole number from 0 to 4; got 5/],
		[{ tlp: -1 }, /'tlp'.*got -1/],
		[{ tlp: 1.5 }, /'tlp'.*got 1.5/],
		[{ pap: 4 }, /'pap' must be a whole number from 0 to 3; got 4/],
		[{ pap: '2' as unknown as number }, /'pap'.*got a string/],
		[{ profile: 'stix' as 'ocsf' }, /'profile' must be one of default, ocsf, ecs; got 'stix'/],
		[{ observableTypes: ['ip', 'ipaddr'] }, /unknown type 'ipaddr'/],
	])('rejects %p with a validation error saying what is wrong', (options, message) => {
		let thrown: unknown;
		try {
			normalizeAlert(fixtures.alertDocumented(), options);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(DefenderError);
		expect((thrown as DefenderError).kind).toBe('validation');
		expect((thrown as DefenderError).message).toMatch(message);
		expect((thrown as DefenderError).hint).toEqual(expect.any(String));
	});

	it('keeps only the observable types asked for', () => {
		const record = normalizeAlert(fixtures.alertEveryEvidence(), {
			observableTypes: ['hash', 'ip'],
		});
		expect(new Set(record.observables.map((observable) => observable.type))).toEqual(
			new Set(['hash', 'ip']),
		);
		// Assets do not depend on the observable filter.
		expect(record.assets.length).toBeGreaterThan(0);
	});

	it('keeps every type when the list is empty', () => {
		const all = normalizeAlert(fixtures.alertEveryEvidence());
		const empty = normalizeAlert(fixtures.alertEveryEvidence(), { observableTypes: [] });
		expect(empty.observables).toEqual(all.observables);
	});
});

describe('comments', () => {
	it('keeps comment text, author and time, dropping empty ones', () => {
		const record = normalizeAlert(
			alertWith([], {
				comments: [
					{
						comment: 'First',
						createdByDisplayName: 'a@contoso.example',
						createdDateTime: '2024-01-01T00:00:00Z',
					},
					{ comment: '', createdByDisplayName: 'b@contoso.example' },
					'not a comment',
					{
						comment: 'Legacy',
						createdBy: 'c@contoso.example',
						createdTime: '2024-01-02T00:00:00Z',
					},
				],
			}),
		);
		expect(record.comments).toEqual([
			{ comment: 'First', createdBy: 'a@contoso.example', createdDateTime: '2024-01-01T00:00:00Z' },
			{
				comment: 'Legacy',
				createdBy: 'c@contoso.example',
				createdDateTime: '2024-01-02T00:00:00Z',
			},
		]);
	});
});
