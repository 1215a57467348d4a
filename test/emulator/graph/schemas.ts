/** Filterable and orderable properties of alerts_v2 and incidents (graph-api.md §3.1, §3.2). */
import {
	ALERT_CLASSIFICATION,
	ALERT_DETERMINATION,
	ALERT_SEVERITY,
	ALERT_STATUS,
	INCIDENT_STATUS,
	SERVICE_SOURCE,
} from './enums';
import type { EntitySchema } from '../odata/schema';

const NS = 'microsoft.graph.security';

const ALERT_PROPERTIES = [
	'id',
	'providerAlertId',
	'incidentId',
	'status',
	'severity',
	'classification',
	'determination',
	'serviceSource',
	'detectionSource',
	'productName',
	'detectorId',
	'tenantId',
	'title',
	'description',
	'recommendedActions',
	'category',
	'categories',
	'assignedTo',
	'alertWebUrl',
	'incidentWebUrl',
	'actorDisplayName',
	'threatDisplayName',
	'threatFamilyName',
	'mitreTechniques',
	'createdDateTime',
	'lastUpdateDateTime',
	'resolvedDateTime',
	'firstActivityDateTime',
	'lastActivityDateTime',
	'comments',
	'evidence',
	'systemTags',
	'investigationState',
	'alertPolicyId',
	'additionalData',
	'customDetails',
];

export const ALERT_SCHEMA: EntitySchema = {
	typeName: `${NS}.alert`,
	properties: ALERT_PROPERTIES,
	filterable: {
		assignedTo: { kind: 'string' },
		classification: {
			kind: 'enum',
			enum: ALERT_CLASSIFICATION,
			typeName: `${NS}.alertClassification`,
		},
		determination: {
			kind: 'enum',
			enum: ALERT_DETERMINATION,
			typeName: `${NS}.alertDetermination`,
		},
		createdDateTime: { kind: 'datetime' },
		lastUpdateDateTime: { kind: 'datetime' },
		severity: { kind: 'enum', enum: ALERT_SEVERITY, typeName: `${NS}.alertSeverity` },
		serviceSource: { kind: 'enum', enum: SERVICE_SOURCE, typeName: `${NS}.serviceSource` },
		status: { kind: 'enum', enum: ALERT_STATUS, typeName: `${NS}.alertStatus` },
		// graph-api.md §3.1 [C]: the migration doc filters evidence with any(); accepted here.
		evidence: { kind: 'objectCollection' },
	},
	// graph-api.md §3.1: $orderby is undocumented but works on the time fields.
	orderable: ['createdDateTime', 'lastUpdateDateTime'],
};

export const INCIDENT_SCHEMA: EntitySchema = {
	typeName: `${NS}.incident`,
	properties: [
		'id',
		'displayName',
		'description',
		'summary',
		'status',
		'severity',
		'classification',
		'determination',
		'assignedTo',
		'customTags',
		'systemTags',
		'comments',
		'createdDateTime',
		'lastUpdateDateTime',
		'lastModifiedBy',
		'redirectIncidentId',
		'resolvingComment',
		'priorityScore',
		'incidentWebUrl',
		'tenantId',
		'alerts',
	],
	filterable: {
		assignedTo: { kind: 'string' },
		classification: {
			kind: 'enum',
			enum: ALERT_CLASSIFICATION,
			typeName: `${NS}.alertClassification`,
		},
		createdDateTime: { kind: 'datetime' },
		determination: {
			kind: 'enum',
			enum: ALERT_DETERMINATION,
			typeName: `${NS}.alertDetermination`,
		},
		lastUpdateDateTime: { kind: 'datetime' },
		severity: { kind: 'enum', enum: ALERT_SEVERITY, typeName: `${NS}.alertSeverity` },
		status: { kind: 'enum', enum: INCIDENT_STATUS, typeName: `${NS}.incidentStatus` },
	},
	orderable: ['createdDateTime', 'lastUpdateDateTime'],
};
