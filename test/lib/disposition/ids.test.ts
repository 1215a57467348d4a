import { isDefenderError } from '../../../lib/errors';
import { DEFAULT_ID_FIELD_PATHS, resolveDefenderIds } from '../../../lib/disposition';

const ALERT = 'da637865765418431569_-773071023';

describe('resolveDefenderIds: rule order', () => {
	it.each([
		{
			rule: '1: extraData.defenderAlertId',
			item: { extraData: { defenderAlertId: ALERT } },
			expected: { found: true, rule: 'idFields', alertIds: [ALERT], incidentIds: [] },
		},
		{
			rule: '1: extraData.defenderIncidentId (number)',
			item: { extraData: { defenderIncidentId: 2972395 } },
			expected: { found: true, rule: 'idFields', alertIds: [], incidentIds: ['2972395'] },
		},
		{
			rule: '1: both ids, lists de-duplicated',
			item: {
				extraData: { defenderAlertId: [ALERT, ALERT, 'abc-1'], defenderIncidentId: ['12', '12'] },
			},
			expected: { found: true, rule: 'idFields', alertIds: [ALERT, 'abc-1'], incidentIds: ['12'] },
		},
		{
			rule: '1 wins over 2 and 3',
			item: {
				extraData: { defenderAlertId: 'from-extra', source: 'defender' },
				sourceRef: 'da111',
			},
			expected: { found: true, rule: 'idFields', alertIds: ['from-extra'], incidentIds: [] },
		},
		{
			rule: '2: sourceRef of a defender alert record',
			item: { extraData: { source: 'defender' }, sourceRef: '0b7a1c2e-guid-like' },
			expected: {
				found: true,
				rule: 'defenderSourceRef',
				alertIds: ['0b7a1c2e-guid-like'],
				incidentIds: [],
			},
		},
		{
			rule: '2: sourceRef incident:<id> of a defender incident record',
			item: { extraData: { source: 'Defender' }, sourceRef: 'incident:28282' },
			expected: { found: true, rule: 'defenderSourceRef', alertIds: [], incidentIds: ['28282'] },
		},
		{
			rule: '2 wins over 3',
			item: { extraData: { source: 'defender' }, sourceRef: 'incident:5' },
			expected: { found: true, rule: 'defenderSourceRef', alertIds: [], incidentIds: ['5'] },
		},
		{
			rule: '3: sourceRef with the da prefix, any source',
			item: { extraData: { source: 'splunk' }, sourceRef: ALERT },
			expected: { found: true, rule: 'alertIdSourceRef', alertIds: [ALERT], incidentIds: [] },
		},
		{
			rule: '3: sourceRef with the da prefix, no source at all',
			item: { sourceRef: 'da0001' },
			expected: { found: true, rule: 'alertIdSourceRef', alertIds: ['da0001'], incidentIds: [] },
		},
	])('rule $rule', ({ item, expected }) => {
		expect(resolveDefenderIds(item)).toEqual(expected);
	});

	it.each([
		{ why: 'empty item', item: {} },
		{
			why: 'sourceRef of another source',
			item: { extraData: { source: 'splunk' }, sourceRef: 'SPL-1' },
		},
		{ why: '"da" not followed by digits', item: { sourceRef: 'dashboard-7' } },
		{
			why: 'empty id fields',
			item: { extraData: { defenderAlertId: '', defenderIncidentId: null } },
		},
		{ why: 'blank strings in a list', item: { extraData: { defenderAlertId: ['  '] } } },
	])('finds nothing for $why, with a reason', ({ item }) => {
		const result = resolveDefenderIds(item);
		expect(result.found).toBe(false);
		if (!result.found) {
			expect(result.reason).toContain('extraData.defenderAlertId');
			expect(result.reason).toContain('sourceRef');
		}
	});

	it('reads configured field paths instead of the defaults', () => {
		const paths = {
			alertId: 'links.defender.alert',
			incidentId: 'links.defender.incident',
			sourceRef: 'ref',
			source: 'origin',
		};
		expect(resolveDefenderIds({ links: { defender: { incident: '77' } } }, paths)).toEqual({
			found: true,
			rule: 'idFields',
			alertIds: [],
			incidentIds: ['77'],
		});
		expect(resolveDefenderIds({ origin: 'defender', ref: 'incident:9' }, paths)).toEqual({
			found: true,
			rule: 'defenderSourceRef',
			alertIds: [],
			incidentIds: ['9'],
		});
		// The default paths are not read once others are configured.
		expect(resolveDefenderIds({ extraData: { defenderAlertId: ALERT } }, paths).found).toBe(false);
	});

	it('turns a rule off with an empty path', () => {
		const paths = { ...DEFAULT_ID_FIELD_PATHS, sourceRef: '' };
		expect(resolveDefenderIds({ sourceRef: ALERT }, paths).found).toBe(false);
	});

	it.each([
		{ why: 'an object', item: { extraData: { defenderAlertId: { id: 'x' } } }, text: 'an object' },
		{ why: 'a boolean', item: { extraData: { defenderIncidentId: true } }, text: 'a boolean' },
		{
			why: 'a nested list',
			item: { extraData: { defenderAlertId: [['x']] } },
			text: 'nested list',
		},
	])('refuses an id field holding $why', ({ item, text }) => {
		expect(() => resolveDefenderIds(item)).toThrow(text);
	});

	it('refuses incident ids that are not numbers, naming the field', () => {
		let caught: unknown;
		try {
			resolveDefenderIds({ extraData: { defenderIncidentId: 'INC-12' } });
		} catch (error) {
			caught = error;
		}
		expect(isDefenderError(caught)).toBe(true);
		expect((caught as Error).message).toBe(
			"Incident id 'INC-12' from extraData.defenderIncidentId is not a Defender incident id.",
		);
		expect(() =>
			resolveDefenderIds({ extraData: { source: 'defender' }, sourceRef: 'incident:abc' }),
		).toThrow('from sourceRef');
	});

	it('refuses a malformed field path', () => {
		expect(() =>
			resolveDefenderIds({}, { ...DEFAULT_ID_FIELD_PATHS, alertId: 'extra data..id' }),
		).toThrow("Alert ID Field 'extra data..id' is not a field path.");
	});

	it('finds the ids lib/normalize writes on its records', () => {
		// Shapes as lib/normalize emits them: alert and incident records.
		const alertRecord = {
			source: 'defender',
			sourceRef: ALERT,
			extraData: { source: 'defender', sourceType: 'alert', defenderAlertId: ALERT },
		};
		const incidentRecord = {
			source: 'defender',
			sourceRef: 'incident:2972395',
			extraData: { source: 'defender', sourceType: 'incident', defenderIncidentId: '2972395' },
		};
		expect(resolveDefenderIds(alertRecord)).toMatchObject({ alertIds: [ALERT], incidentIds: [] });
		expect(resolveDefenderIds(incidentRecord)).toMatchObject({
			alertIds: [],
			incidentIds: ['2972395'],
		});
	});
});
