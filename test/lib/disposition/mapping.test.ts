import {
	DEFAULT_FALLBACK,
	DEFAULT_RESOLUTION_RULES,
	dispositionFor,
	validateResolutionRules,
} from '../../../lib/disposition';

describe('dispositionFor: default mapping rows', () => {
	it.each([
		['TruePositive', 'truePositive', 'TruePositive'],
		['FalsePositive', 'falsePositive', 'FalsePositive'],
		['Duplicate', 'informationalExpectedActivity', 'Duplicate'],
		['NoImpact', 'informationalExpectedActivity', 'NoImpact'],
	])('%s → %s', (resolution, classification, matched) => {
		expect(dispositionFor(resolution)).toEqual({
			classification,
			determination: undefined,
			matchedResolution: matched,
		});
	});

	it.each([['Indeterminate'], ['Other'], [''], ['   '], [undefined]])(
		'anything else (%p) → truePositive, the fallback',
		(resolution) => {
			expect(dispositionFor(resolution)).toEqual({
				classification: 'truePositive',
				determination: undefined,
				matchedResolution: undefined,
			});
		},
	);

	it.each([['true positive'], ['TRUE_POSITIVE'], ['true-positive'], [' TruePositive ']])(
		'matches %p regardless of case, spaces, underscores and hyphens',
		(resolution) => {
			expect(dispositionFor(resolution).matchedResolution).toBe('TruePositive');
		},
	);

	it('uses an edited table with determinations, aliases normalized', () => {
		const rules = [
			{ resolution: 'Malware', classification: 'truePositive', determination: 'malware' },
			{
				resolution: 'Pentest',
				classification: 'informationalExpectedActivity',
				determination: 'securityTesting',
			},
			{ resolution: 'Clean', classification: 'falsePositive', determination: 'clean' },
		];
		const fallback = { classification: 'falsePositive', determination: 'notEnoughDataToValidate' };
		expect(dispositionFor('Malware', rules, fallback)).toEqual({
			classification: 'truePositive',
			determination: 'malware',
			matchedResolution: 'Malware',
		});
		expect(dispositionFor('Clean', rules, fallback).determination).toBe('notMalicious');
		// Default rows are gone once the table is edited.
		expect(dispositionFor('TruePositive', rules, fallback)).toEqual({
			classification: 'falsePositive',
			determination: 'notEnoughDataToValidate',
			matchedResolution: undefined,
		});
	});

	it('fails a row whose determination does not go with its classification, listing valid ones', () => {
		const rules = [
			{ resolution: 'Oops', classification: 'falsePositive', determination: 'malware' },
		];
		expect(() => dispositionFor('Oops', rules)).toThrow(
			"Determination 'malware' does not go with classification 'falsePositive'. Valid determinations for falsePositive: notMalicious, notEnoughDataToValidate, other.",
		);
	});
});

describe('validateResolutionRules', () => {
	it('accepts the defaults', () => {
		expect(() => validateResolutionRules(DEFAULT_RESOLUTION_RULES, DEFAULT_FALLBACK)).not.toThrow();
	});

	it('fails a bad row even when it is not the one used', () => {
		const rules = [
			...DEFAULT_RESOLUTION_RULES,
			{ resolution: 'Benign', classification: 'benignPositive' },
		];
		expect(() => validateResolutionRules(rules, DEFAULT_FALLBACK)).toThrow(
			"Classification cannot be 'benignPositive'.",
		);
	});

	it('fails a row without a resolution, and duplicates', () => {
		expect(() =>
			validateResolutionRules(
				[{ resolution: ' ', classification: 'truePositive' }],
				DEFAULT_FALLBACK,
			),
		).toThrow('A row of the resolution mapping has no resolution.');
		expect(() =>
			validateResolutionRules(
				[
					{ resolution: 'FalsePositive', classification: 'falsePositive' },
					{ resolution: 'false positive', classification: 'truePositive' },
				],
				DEFAULT_FALLBACK,
			),
		).toThrow("The resolution mapping lists 'false positive' twice (also as 'FalsePositive').");
	});

	it('fails a fallback without a classification', () => {
		expect(() => validateResolutionRules([], { classification: '' })).toThrow(
			'A resolution mapping row has no classification.',
		);
	});

	it('refuses unknownFutureValue as a classification', () => {
		expect(() => validateResolutionRules([], { classification: 'unknownFutureValue' })).toThrow(
			"Classification cannot be 'unknownFutureValue'.",
		);
	});
});
