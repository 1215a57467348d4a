/**
 * Enum members of Microsoft Graph Security (alerts_v2, incidents) and the Defender for Endpoint
 * API, shared by the client, the nodes and the emulator. Graph lists are in CSDL order and include
 * `unknownFutureValue`; members after it are only sent with `Prefer: include-unknown-enum-members`
 * (graph-api.md §5.2). Graph values are camelCase (graph-api.md §2.2); MDE values are PascalCase
 * (graph-api.md §8).
 */

export const UNKNOWN_FUTURE_VALUE = 'unknownFutureValue';

// graph-api.md §2.2
export const ALERT_STATUSES = [
	'unknown',
	'new',
	'inProgress',
	'resolved',
	UNKNOWN_FUTURE_VALUE,
] as const;

export const ALERT_SEVERITIES = [
	'unknown',
	'informational',
	'low',
	'medium',
	'high',
	UNKNOWN_FUTURE_VALUE,
] as const;

export const ALERT_CLASSIFICATIONS = [
	'unknown',
	'falsePositive',
	'truePositive',
	'informationalExpectedActivity',
	UNKNOWN_FUTURE_VALUE,
] as const;

export const ALERT_DETERMINATIONS = [
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
	UNKNOWN_FUTURE_VALUE,
] as const;

export const SERVICE_SOURCES = [
	'unknown',
	'microsoftDefenderForEndpoint',
	'microsoftDefenderForIdentity',
	'microsoftDefenderForCloudApps',
	'microsoftDefenderForOffice365',
	'microsoft365Defender',
	'azureAdIdentityProtection',
	'microsoftAppGovernance',
	'dataLossPrevention',
	UNKNOWN_FUTURE_VALUE,
	'microsoftDefenderForCloud',
	'microsoftSentinel',
	'microsoftInsiderRiskManagement',
	'microsoftThreatIntelligence',
	'microsoftSecurityForAI',
] as const;

export const DETECTION_SOURCES = [
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
	UNKNOWN_FUTURE_VALUE,
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
] as const;

// graph-api.md §3.3
export const INCIDENT_STATUSES = [
	'active',
	'resolved',
	'inProgress',
	'redirected',
	UNKNOWN_FUTURE_VALUE,
	'awaitingAction',
] as const;

export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type AlertClassification = (typeof ALERT_CLASSIFICATIONS)[number];
export type AlertDetermination = (typeof ALERT_DETERMINATIONS)[number];
export type ServiceSource = (typeof SERVICE_SOURCES)[number];
export type DetectionSource = (typeof DETECTION_SOURCES)[number];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * Determination names some Graph doc pages use, mapped to the CSDL names the API emits
 * (graph-api.md §2.2 [C]).
 */
export const DETERMINATION_ALIASES: Readonly<Record<string, AlertDetermination>> = {
	compromisedUser: 'compromisedAccount',
	clean: 'notMalicious',
	insufficientData: 'notEnoughDataToValidate',
	noEnoughDataToValidate: 'notEnoughDataToValidate',
	confirmedUserActivity: 'confirmedActivity',
};

/**
 * Which determinations go with each classification (graph-api.md §5.1). `apt` and
 * `securityPersonnel` are read-only legacy values and are deliberately absent.
 */
export const DETERMINATIONS_BY_CLASSIFICATION: Readonly<
	Record<Exclude<AlertClassification, 'unknownFutureValue'>, readonly AlertDetermination[]>
> = {
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

/** The determinations allowed with `classification`, or undefined for an unknown classification. */
export function determinationsFor(
	classification: string,
): readonly AlertDetermination[] | undefined {
	return (DETERMINATIONS_BY_CLASSIFICATION as Record<string, readonly AlertDetermination[]>)[
		classification
	];
}

export function isValidClassificationPair(classification: string, determination: string): boolean {
	return determinationsFor(classification)?.includes(determination as AlertDetermination) ?? false;
}

/** Values a user may pick or send: everything except `unknownFutureValue` ("Don't use"). */
export function selectableValues<T extends string>(
	members: readonly T[],
): Exclude<T, 'unknownFutureValue'>[] {
	return members.filter((m): m is Exclude<T, 'unknownFutureValue'> => m !== UNKNOWN_FUTURE_VALUE);
}

/** Members listed after `unknownFutureValue`: Graph masks them unless the Prefer header is sent. */
export function membersAfterSentinel<T extends string>(members: readonly T[]): T[] {
	const index = members.indexOf(UNKNOWN_FUTURE_VALUE as T);
	return index < 0 ? [] : members.slice(index + 1);
}

// graph-api.md §8.1 (machines), §8.2 (machine actions), §8.3 (indicators): PascalCase.
export const MACHINE_HEALTH_STATUSES = [
	'Active',
	'Inactive',
	'ImpairedCommunication',
	'NoSensorData',
	'NoSensorDataImpairedCommunication',
	'Unknown',
] as const;
export const MACHINE_RISK_SCORES = ['None', 'Informational', 'Low', 'Medium', 'High'] as const;
export const MACHINE_EXPOSURE_LEVELS = ['None', 'Low', 'Medium', 'High'] as const;
export const MACHINE_DEVICE_VALUES = ['Normal', 'Low', 'High'] as const;
export const MACHINE_ONBOARDING_STATUSES = [
	'onboarded',
	'CanBeOnboarded',
	'Unsupported',
	'InsufficientInfo',
] as const;
export const MACHINE_ACTION_TYPES = [
	'RunAntiVirusScan',
	'Offboard',
	'LiveResponse',
	'CollectInvestigationPackage',
	'Isolate',
	'Unisolate',
	'StopAndQuarantineFile',
	'RestrictCodeExecution',
	'UnrestrictCodeExecution',
] as const;
export const MACHINE_ACTION_STATUSES = [
	'Pending',
	'InProgress',
	'Succeeded',
	'Failed',
	'TimeOut',
	'Cancelled',
] as const;
export const INDICATOR_TYPES = [
	'FileSha1',
	'FileSha256',
	'FileMd5',
	'CertificateThumbprint',
	'IpAddress',
	'DomainName',
	'Url',
] as const;
export const INDICATOR_ACTIONS = [
	'Alert',
	'Warn',
	'Block',
	'Audit',
	'BlockAndRemediate',
	'AlertAndBlock',
	'Allowed',
] as const;
export const INDICATOR_SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;
