import {
	ALERT_DETERMINATIONS,
	DETERMINATION_ALIASES,
	DETERMINATIONS_BY_CLASSIFICATION,
	INCIDENT_STATUSES,
	SERVICE_SOURCES,
	determinationsFor,
	isValidClassificationPair,
	membersAfterSentinel,
	selectableValues,
} from '../../../lib/graph/enums';

describe('graph enums', () => {
	it('pairs classifications with determinations as in the portal', () => {
		expect(isValidClassificationPair('truePositive', 'malware')).toBe(true);
		expect(isValidClassificationPair('falsePositive', 'notMalicious')).toBe(true);
		expect(isValidClassificationPair('informationalExpectedActivity', 'securityTesting')).toBe(
			true,
		);
		expect(isValidClassificationPair('falsePositive', 'malware')).toBe(false);
		expect(isValidClassificationPair('truePositive', 'apt')).toBe(false);
		expect(isValidClassificationPair('benignPositive', 'other')).toBe(false);
		expect(determinationsFor('unknown')).toEqual(['unknown']);
	});

	it('only pairs and aliases CSDL determinations', () => {
		const all = new Set<string>(ALERT_DETERMINATIONS);
		for (const list of Object.values(DETERMINATIONS_BY_CLASSIFICATION)) {
			for (const d of list) expect(all.has(d)).toBe(true);
		}
		for (const target of Object.values(DETERMINATION_ALIASES)) expect(all.has(target)).toBe(true);
	});

	it('separates selectable members from the ones behind the Prefer header', () => {
		expect(selectableValues(INCIDENT_STATUSES)).toEqual([
			'active',
			'resolved',
			'inProgress',
			'redirected',
			'awaitingAction',
		]);
		expect(membersAfterSentinel(INCIDENT_STATUSES)).toEqual(['awaitingAction']);
		expect(membersAfterSentinel(SERVICE_SOURCES)).toEqual([
			'microsoftDefenderForCloud',
			'microsoftSentinel',
			'microsoftInsiderRiskManagement',
			'microsoftThreatIntelligence',
			'microsoftSecurityForAI',
		]);
	});
});
