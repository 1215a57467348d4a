/**
 * Which fields each list endpoint can filter on, and their types. Alerts: graph-api.md §3.1;
 * incidents: §3.2; MDE machines, machine actions and indicators: §8.1–§8.3.
 */

import {
	ALERT_CLASSIFICATIONS,
	ALERT_DETERMINATIONS,
	ALERT_SEVERITIES,
	ALERT_STATUSES,
	DETERMINATION_ALIASES,
	INCIDENT_STATUSES,
	INDICATOR_ACTIONS,
	INDICATOR_SEVERITIES,
	INDICATOR_TYPES,
	MACHINE_ACTION_STATUSES,
	MACHINE_ACTION_TYPES,
	MACHINE_DEVICE_VALUES,
	MACHINE_EXPOSURE_LEVELS,
	MACHINE_HEALTH_STATUSES,
	MACHINE_ONBOARDING_STATUSES,
	MACHINE_RISK_SCORES,
	SERVICE_SOURCES,
} from '../graph/enums';

export type FilterEntity = 'alerts' | 'incidents' | 'machines' | 'machineActions' | 'indicators';

export type FieldSpec =
	| { type: 'string' }
	| { type: 'enum'; values: readonly string[]; aliases?: Readonly<Record<string, string>> }
	| { type: 'datetime' }
	| { type: 'number' }
	| { type: 'boolean' }
	/** A collection of strings: filtered with `field/any(x: x eq '...')`. */
	| { type: 'collection' };

const text: FieldSpec = { type: 'string' };
const datetime: FieldSpec = { type: 'datetime' };
const enumOf = (
	values: readonly string[],
	aliases?: Readonly<Record<string, string>>,
): FieldSpec => ({
	type: 'enum',
	values,
	aliases,
});

export const FILTER_FIELDS: Readonly<Record<FilterEntity, Readonly<Record<string, FieldSpec>>>> = {
	alerts: {
		assignedTo: text,
		classification: enumOf(ALERT_CLASSIFICATIONS),
		determination: enumOf(ALERT_DETERMINATIONS, DETERMINATION_ALIASES),
		createdDateTime: datetime,
		lastUpdateDateTime: datetime,
		severity: enumOf(ALERT_SEVERITIES),
		serviceSource: enumOf(SERVICE_SOURCES),
		status: enumOf(ALERT_STATUSES),
	},
	incidents: {
		assignedTo: text,
		classification: enumOf(ALERT_CLASSIFICATIONS),
		createdDateTime: datetime,
		determination: enumOf(ALERT_DETERMINATIONS, DETERMINATION_ALIASES),
		lastUpdateDateTime: datetime,
		severity: enumOf(ALERT_SEVERITIES),
		status: enumOf(INCIDENT_STATUSES),
	},
	machines: {
		computerDnsName: text,
		id: text,
		version: text,
		deviceValue: enumOf(MACHINE_DEVICE_VALUES),
		aadDeviceId: text,
		machineTags: { type: 'collection' },
		lastSeen: datetime,
		exposureLevel: enumOf(MACHINE_EXPOSURE_LEVELS),
		onboardingStatus: enumOf(MACHINE_ONBOARDING_STATUSES),
		lastIpAddress: text,
		healthStatus: enumOf(MACHINE_HEALTH_STATUSES),
		osPlatform: text,
		riskScore: enumOf(MACHINE_RISK_SCORES),
		rbacGroupId: { type: 'number' },
	},
	machineActions: {
		id: text,
		status: enumOf(MACHINE_ACTION_STATUSES),
		machineId: text,
		type: enumOf(MACHINE_ACTION_TYPES),
		requestor: text,
		creationDateTimeUtc: datetime,
	},
	indicators: {
		application: text,
		createdByDisplayName: text,
		expirationTime: datetime,
		generateAlert: { type: 'boolean' },
		title: text,
		rbacGroupNames: { type: 'collection' },
		rbacGroupIds: { type: 'collection' },
		indicatorValue: text,
		indicatorType: enumOf(INDICATOR_TYPES),
		creationTimeDateTimeUtc: datetime,
		createdBy: text,
		action: enumOf(INDICATOR_ACTIONS),
		severity: enumOf(INDICATOR_SEVERITIES),
	},
};

export const ENTITY_LABELS: Readonly<Record<FilterEntity, string>> = {
	alerts: 'alerts',
	incidents: 'incidents',
	machines: 'machines',
	machineActions: 'machine actions',
	indicators: 'indicators',
};
