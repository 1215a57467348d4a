import {
	normalizeAlert,
	normalizeIncident,
	resolveTechnique,
	TACTICS,
	TECHNIQUES,
} from '../../../lib/normalize';
import { alertWith, fixtures } from './fixtures';

describe('bundled ATT&CK technique → tactic table', () => {
	const entries = Object.entries(TECHNIQUES);

	it('holds the Enterprise parent techniques from T1001 to T1666', () => {
		expect(entries.length).toBeGreaterThan(190);
		for (const [id] of entries) expect(id).toMatch(/^T1\d{3}$/);
		const numbers = entries.map(([id]) => Number(id.slice(1)));
		expect(Math.min(...numbers)).toBe(1001);
		expect(Math.max(...numbers)).toBeGreaterThanOrEqual(1659);
	});

	it('gives every technique a name and at least one known tactic', () => {
		for (const [, [name, tactics]] of entries) {
			expect(name.length).toBeGreaterThan(2);
			expect(tactics.length).toBeGreaterThan(0);
			for (const tactic of tactics) expect(Object.keys(TACTICS)).toContain(tactic);
		}
	});

	it('uses every Enterprise tactic somewhere', () => {
		const used = new Set(entries.flatMap(([, [, tactics]]) => tactics));
		expect(used).toEqual(new Set(Object.keys(TACTICS)));
	});

	it.each([
		['T1059', ['execution']],
		['T1078', ['defense-evasion', 'persistence', 'privilege-escalation', 'initial-access']],
		['T1566', ['initial-access']],
		['T1486', ['impact']],
		['T1003', ['credential-access']],
		['T1021', ['lateral-movement']],
		['T1071', ['command-and-control']],
		['T1041', ['exfiltration']],
		['T1595', ['reconnaissance']],
		['T1583', ['resource-development']],
		['T1055', ['defense-evasion', 'privilege-escalation']],
		['T1053', ['execution', 'persistence', 'privilege-escalation']],
	])('%s → %p', (id, tactics) => {
		expect(resolveTechnique(id).tactics).toEqual(tactics);
	});

	it('names tactics by their ATT&CK ids', () => {
		expect(TACTICS['defense-evasion']).toEqual({ id: 'TA0005', name: 'Defense Evasion' });
		expect(TACTICS['command-and-control']).toEqual({ id: 'TA0011', name: 'Command and Control' });
		expect(TACTICS.exfiltration).toEqual({ id: 'TA0010', name: 'Exfiltration' });
	});
});

describe('resolveTechnique', () => {
	it('maps a sub-technique through its parent', () => {
		expect(resolveTechnique('T1564.001')).toEqual({
			techniqueId: 'T1564.001',
			parentTechniqueId: 'T1564',
			techniqueName: 'Hide Artifacts',
			tactics: ['defense-evasion'],
		});
	});

	it('keeps an unknown technique with no tactics', () => {
		expect(resolveTechnique('T9999')).toEqual({ techniqueId: 'T9999', tactics: [] });
		expect(resolveTechnique('T9999.001')).toEqual({
			techniqueId: 'T9999.001',
			parentTechniqueId: 'T9999',
			tactics: [],
		});
	});

	it('returns fresh arrays so one record cannot change another', () => {
		const first = resolveTechnique('T1059');
		first.tactics.push('impact');
		expect(resolveTechnique('T1059').tactics).toEqual(['execution']);
	});
});

describe('TTPs and MITRE tags on records', () => {
	it('builds one TTP and one tag per technique, canonical and de-duplicated', () => {
		const record = normalizeAlert(
			alertWith([], {
				mitreTechniques: [' t1059.001 ', 'T1059.001', 'T1078', 'custom-rule', '', 7, null],
			}),
		);
		expect(record.ttps.map((ttp) => ttp.techniqueId)).toEqual([
			'T1059.001',
			'T1078',
			'custom-rule',
		]);
		expect(record.tags.filter((tag) => tag.startsWith('mitre:'))).toEqual([
			'mitre:T1059.001',
			'mitre:T1078',
			'mitre:custom-rule',
		]);
		expect(record.ttps[2]).toEqual({ techniqueId: 'custom-rule', tactics: [] });
	});

	it('takes tactics from the table, never from category', () => {
		const record = normalizeAlert(
			alertWith([], { category: 'Impact', mitreTechniques: ['T1059.001'] }),
		);
		expect(record.ttps[0].tactics).toEqual(['execution']);
	});

	it('handles alerts without techniques', () => {
		const record = normalizeAlert(alertWith([], { mitreTechniques: null }));
		expect(record.ttps).toEqual([]);
		expect(record.tags.some((tag) => tag.startsWith('mitre:'))).toBe(false);
	});

	it("merges the techniques of an incident's alerts", () => {
		const [record] = normalizeIncident(fixtures.incidentWithAlerts());
		expect(record.ttps.map((ttp) => ttp.techniqueId)).toEqual(['T1564.001', 'T1059.001']);
		expect(record.tags).toEqual(expect.arrayContaining(['mitre:T1564.001', 'mitre:T1059.001']));
	});
});
