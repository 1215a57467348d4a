/** Stored shapes of the emulated tenant: Graph security entities (camelCase) and MDE ones. */

export interface AlertComment {
	comment: string;
	createdByDisplayName: string;
	createdDateTime: string;
}

/** Evidence is polymorphic (`@odata.type`, graph-api.md §2.3); fields vary by subtype. */
export type Evidence = Record<string, unknown> & { '@odata.type': string };

export interface GraphAlert {
	'@odata.type': '#microsoft.graph.security.alert';
	id: string;
	providerAlertId: string;
	incidentId: string;
	status: string;
	severity: string;
	classification: string | null;
	determination: string | null;
	serviceSource: string;
	detectionSource: string;
	productName: string | null;
	detectorId: string;
	tenantId: string;
	title: string;
	description: string;
	recommendedActions: string;
	category: string;
	assignedTo: string | null;
	alertWebUrl: string;
	incidentWebUrl: string;
	actorDisplayName: string | null;
	threatDisplayName: string | null;
	threatFamilyName: string | null;
	mitreTechniques: string[];
	createdDateTime: string;
	lastUpdateDateTime: string;
	resolvedDateTime: string | null;
	firstActivityDateTime: string;
	lastActivityDateTime: string;
	comments: AlertComment[];
	evidence: Evidence[];
	systemTags: string[];
	investigationState: string;
	alertPolicyId: string | null;
	additionalData: Record<string, unknown>;
	customDetails: Record<string, unknown>;
	[key: string]: unknown;
}

export interface GraphIncident {
	'@odata.type': '#microsoft.graph.security.incident';
	id: string;
	tenantId: string;
	displayName: string;
	description: string | null;
	summary: string | null;
	status: string;
	severity: string;
	classification: string | null;
	determination: string | null;
	assignedTo: string | null;
	customTags: string[];
	systemTags: string[];
	comments: AlertComment[];
	createdDateTime: string;
	lastUpdateDateTime: string;
	lastModifiedBy: string | null;
	redirectIncidentId: string | null;
	resolvingComment: string | null;
	priorityScore: number | null;
	incidentWebUrl: string;
	/** Not part of the Graph entity: ids of the alerts in this incident (served via $expand). */
	alertIds: string[];
	[key: string]: unknown;
}

export interface MdeMachine {
	id: string;
	computerDnsName: string;
	firstSeen: string;
	lastSeen: string;
	osPlatform: string;
	osVersion: string | null;
	osProcessor: string;
	osArchitecture: string;
	version: string;
	osBuild: number;
	lastIpAddress: string;
	lastExternalIpAddress: string;
	healthStatus: string;
	onboardingStatus: string;
	defenderAvStatus: string;
	rbacGroupId: number;
	rbacGroupName: string;
	riskScore: string;
	exposureLevel: string;
	deviceValue: string;
	isAadJoined: boolean;
	aadDeviceId: string | null;
	machineTags: string[];
	ipAddresses: { ipAddress: string; macAddress: string; operationalStatus: string; type: string }[];
	[key: string]: unknown;
}

export interface MdeIndicator {
	id: string;
	indicatorValue: string;
	indicatorType: string;
	action: string;
	application: string | null;
	source: string;
	sourceType: string;
	title: string;
	description: string;
	recommendedActions: string | null;
	severity: string;
	expirationTime: string | null;
	generateAlert: boolean;
	createdBy: string;
	createdBySource: string;
	createdByDisplayName: string;
	creationTimeDateTimeUtc: string;
	lastUpdateTime: string;
	lastUpdatedBy: string;
	rbacGroupNames: string[];
	rbacGroupIds: number[];
	educateUrl: string | null;
	externalID: string | null;
	[key: string]: unknown;
}

/** `GET /api/vulnerabilities` entity (graph-api.md §8.4). */
export interface MdeVulnerability {
	id: string;
	name: string;
	description: string;
	severity: string;
	cvssV3: number;
	cvssVector: string;
	exposedMachines: number;
	publishedOn: string;
	updatedOn: string;
	publicExploit: boolean;
	exploitVerified: boolean;
	exploitInKit: boolean;
	exploitTypes: string[];
	exploitUris: string[];
	[key: string]: unknown;
}

/** `GET /api/Software` entity (graph-api.md §8.4). */
export interface MdeSoftware {
	id: string;
	name: string;
	vendor: string;
	weaknesses: number;
	publicExploit: boolean;
	activeAlert: boolean;
	exposedMachines: number;
	impactScore: number;
	[key: string]: unknown;
}

export interface MachineInventory {
	/** Installed software ids with the installed version. */
	software: { id: string; version: string }[];
	/** CVE ids the device is exposed to. */
	vulnerabilities: string[];
}

export interface TenantInventory {
	/** Sorted by id. */
	vulnerabilities: MdeVulnerability[];
	software: MdeSoftware[];
	/** Keyed by machine id. */
	byMachine: Record<string, MachineInventory>;
	/** Machine ids exposed to each CVE. */
	machinesByVulnerability: Record<string, string[]>;
}

export interface Tenant {
	tenantId: string;
	alerts: GraphAlert[];
	incidents: GraphIncident[];
	machines: MdeMachine[];
	indicators: MdeIndicator[];
	inventory: TenantInventory;
}
