import { checkVerdict } from '../../../lib/disposition';
import { DETERMINATIONS_BY_CLASSIFICATION } from '../../../lib/graph/enums';

describe('checkVerdict', () => {
	it('accepts every pair of the table (graph-api.md §5.1)', () => {
		for (const [classification, determinations] of Object.entries(
			DETERMINATIONS_BY_CLASSIFICATION,
		)) {
			for (const determination of determinations) {
				expect(checkVerdict({ classification, determination })).toEqual({
					classification,
					determination,
				});
			}
		}
	});

	it.each([
		['compromisedUser', 'truePositive', 'compromisedAccount'],
		['clean', 'falsePositive', 'notMalicious'],
		['insufficientData', 'falsePositive', 'notEnoughDataToValidate'],
		['confirmedUserActivity', 'informationalExpectedActivity', 'confirmedActivity'],
	])('accepts the doc alias %s', (alias, classification, determination) => {
		expect(checkVerdict({ classification, determination: alias })).toEqual({
			classification,
			determination,
		});
	});

	it('fails an invalid pair listing the valid determinations', () => {
		expect(() =>
			checkVerdict({ classification: 'truePositive', determination: 'notMalicious' }),
		).toThrow(
			"Determination 'notMalicious' does not go with classification 'truePositive'. Valid determinations for truePositive: multiStagedAttack, maliciousUserActivity, compromisedAccount, malware, phishing, unwantedSoftware, other.",
		);
	});

	it('refuses the read-only legacy determinations', () => {
		expect(() => checkVerdict({ classification: 'truePositive', determination: 'apt' })).toThrow(
			"Determination 'apt' does not go with classification 'truePositive'.",
		);
	});

	it('refuses a determination without a classification', () => {
		expect(() => checkVerdict({ determination: 'malware' })).toThrow(
			'A determination needs a classification.',
		);
	});

	it('passes a classification alone, and nothing at all', () => {
		expect(checkVerdict({ classification: 'falsePositive' })).toEqual({
			classification: 'falsePositive',
		});
		expect(checkVerdict({ classification: '', determination: '' })).toEqual({});
	});
});
