import { caseSeverity, normalizeAlert, normalizeIncident } from '../../../lib/normalize';
import { fixtures } from './fixtures';

describe('severity mapping', () => {
	it.each([
		['high', 1],
		['medium', 2],
		['low', 3],
		['informational', 4],
		['unknown', 3],
		['unknownFutureValue', 3],
		['critical', 3],
		['High', 1],
		['INFORMATIONAL', 4],
	] as const)('Defender %s → %i', (label, expected) => {
		expect(caseSeverity(label)).toBe(expected);
		const record = normalizeAlert({ ...fixtures.alertDocumented(), severity: label });
		expect(record.severity).toBe(expected);
		expect(record.severityLabel).toBe(label);
	});

	it.each([[undefined], [null], [''], [256]])(
		'a missing or non-string severity (%p) → 3, label null',
		(severity) => {
			const record = normalizeAlert({ ...fixtures.alertDocumented(), severity });
			expect(record.severity).toBe(3);
			expect(record.severityLabel).toBeNull();
		},
	);

	it('applies to incidents too', () => {
		const [record] = normalizeIncident({ ...fixtures.incidentDocumented(), severity: 'high' });
		expect(record.severity).toBe(1);
		expect(record.severityLabel).toBe('high');
	});
});
