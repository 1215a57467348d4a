/**
 * Graph security enums as the CSDL defines them (graph-api.md §2.2, §2.3, §3.3). Members listed
 * after `unknownFutureValue` are "evolvable": Graph only returns them when the request carries
 * `Prefer: include-unknown-enum-members` (graph-api.md §5.2).
 */

export interface EvolvableEnum {
	/** Members up to and including `unknownFutureValue`, in numeric order. */
	readonly base: readonly string[];
	/** Members added after the sentinel. */
	readonly evolved: readonly string[];
}

const enumOf = (base: string[], evolved: string[] = []): EvolvableEnum => ({ base, evolved });

export const ALERT_STATUS = enumOf([
	'unknown',
	'new',
	'inProgress',
	'resolved',
	'unknownFutureValue',
]);
export const ALERT_SEVERITY = enumOf([
	'unknown',
	'informational',
	'low',
	'medium',
	'high',
	'unknownFutureValue',
]);
export const ALERT_CLASSIFICATION = enumOf([
	'unknown',
	'falsePositive',
	'truePositive',
	'informationalExpectedActivity',
	'unknownFutureValue',
]);
export const ALERT_DETERMINATION = enumOf([
	'unknown',
	'apt',
	'malware',
	'securityPersonnel',
	'securityTesting',
	'unwantedSoftware',
	'other',
	'multiStagedAttack',
	'compromisedAccount',
	'phishing',
	'maliciousUserActivity',
	'notMalicious',
	'notEnoughDataToValidate',
	'confirmedActivity',
	'lineOfBusinessApplication',
	'unknownFutureValue',
]);
export const SERVICE_SOURCE = enumOf(
	[
		'unknown',
		'microsoftDefenderForEndpoint',
		'microsoftDefenderForIdentity',
		'microsoftDefenderForCloudApps',
		'microsoftDefenderForOffice365',
		'microsoft365Defender',
		'azureAdIdentityProtection',
		'microsoftAppGovernance',
		'dataLossPrevention',
		'unknownFutureValue',
	],
	[
		'microsoftDefenderForCloud',
		'microsoftSentinel',
		'microsoftInsiderRiskManagement',
		'microsoftThreatIntelligence',
		'microsoftSecurityForAI',
	],
);
export const DETECTION_SOURCE = enumOf(
	[
		'unknown',
		'microsoftDefenderForEndpoint',
		'antivirus',
		'smartScreen',
		'customTi',
		'microsoftDefenderForOffice365',
		'automatedInvestigation',
		'microsoftThreatExperts',
		'customDetection',
		'microsoftDefenderForIdentity',
		'cloudAppSecurity',
		'microsoft365Defender',
		'azureAdIdentityProtection',
		'manual',
		'microsoftDataLossPrevention',
		'appGovernancePolicy',
		'appGovernanceDetection',
		'unknownFutureValue',
	],
	[
		'microsoftDefenderForCloud',
		'microsoftDefenderForIoT',
		'microsoftDefenderForServers',
		'microsoftDefenderForStorage',
		'microsoftDefenderForDNS',
		'microsoftDefenderForDatabases',
		'microsoftDefenderForContainers',
		'microsoftDefenderForNetwork',
		'microsoftDefenderForAppService',
		'microsoftDefenderForKeyVault',
		'microsoftDefenderForResourceManager',
		'microsoftDefenderForApiManagement',
		'nrtAlerts',
		'scheduledAlerts',
		'microsoftDefenderThreatIntelligenceAnalytics',
		'builtInMl',
		'microsoftInsiderRiskManagement',
		'microsoftThreatIntelligence',
		'microsoftDefenderForAIServices',
		'securityCopilot',
		'microsoftSentinel',
	],
);
export const INVESTIGATION_STATE = enumOf([
	'unknown',
	'terminated',
	'successfullyRemediated',
	'benign',
	'failed',
	'partiallyRemediated',
	'running',
	'pendingApproval',
	'pendingResource',
	'queued',
	'innerFailure',
	'preexistingAlert',
	'unsupportedOs',
	'unsupportedAlertType',
	'suppressedAlert',
	'partiallyInvestigated',
	'terminatedByUser',
	'terminatedBySystem',
	'unknownFutureValue',
]);
export const INCIDENT_STATUS = enumOf(
	['active', 'resolved', 'inProgress', 'redirected', 'unknownFutureValue'],
	['awaitingAction'],
);
export const EVIDENCE_REMEDIATION_STATUS = enumOf(
	['none', 'remediated', 'prevented', 'blocked', 'notFound', 'unknownFutureValue'],
	['active', 'pendingApproval', 'declined', 'unremediated', 'running', 'partiallyRemediated'],
);
export const EVIDENCE_VERDICT = enumOf([
	'unknown',
	'suspicious',
	'malicious',
	'noThreatsFound',
	'unknownFutureValue',
]);

export function allMembers(e: EvolvableEnum): string[] {
	return [...e.base, ...e.evolved];
}

/** Numeric rank used by `$filter` comparisons and ordering (CSDL order = numeric order). */
export function enumRank(e: EvolvableEnum, member: string): number {
	return allMembers(e).indexOf(member);
}

export function isMember(e: EvolvableEnum, value: string): boolean {
	return e.base.includes(value) || e.evolved.includes(value);
}

export function isEvolved(e: EvolvableEnum, value: string): boolean {
	return e.evolved.includes(value);
}

/** The response value for `value` when the caller did not opt in to evolved members. */
export function mask(e: EvolvableEnum, value: unknown, includeEvolved: boolean): unknown {
	if (includeEvolved || typeof value !== 'string') return value;
	return e.evolved.includes(value) ? 'unknownFutureValue' : value;
}

/**
 * Valid determinations per classification (graph-api.md §5.1). `apt` and `securityPersonnel`
 * are deprecated and no longer settable through the API (§5.1), so they are absent here.
 */
export const DETERMINATIONS_BY_CLASSIFICATION: Record<string, readonly string[]> = {
	truePositive: [
		'multiStagedAttack',
		'maliciousUserActivity',
		'compromisedAccount',
		'malware',
		'phishing',
		'unwantedSoftware',
		'other',
	],
	informationalExpectedActivity: [
		'securityTesting',
		'lineOfBusinessApplication',
		'confirmedActivity',
		'other',
	],
	falsePositive: ['notMalicious', 'notEnoughDataToValidate', 'other'],
	unknown: ['unknown'],
};
