import type { Ttp } from './mitre';

/** Observable types of the default profile. `other` keeps evidence no other type describes. */
export const OBSERVABLE_TYPES = [
	'ip',
	'url',
	'domain',
	'hash',
	'filename',
	'filepath',
	'process',
	'hostname',
	'user',
	'email',
	'cloud-application',
	'registry-key',
	'registry-value',
	'other',
] as const;

export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

export type HashType = 'sha256' | 'sha1' | 'md5' | 'sha256ac';

/** How a `user` observable identifies the account. */
export type UserIdType = 'account' | 'upn' | 'sid' | 'entraObjectId';

export interface Observable {
	type: ObservableType;
	value: string;
	/** Only on `hash`. */
	hashType?: HashType;
	/** Only on `user`: `account` is `DOMAIN\name` (or the bare name when no domain was given). */
	userIdType?: UserIdType;
	/** Only on `other`: the evidence `@odata.type` (empty string when the evidence had none). */
	odataType?: string;
	/** Only on `other`: the evidence object as Defender sent it. */
	raw?: Record<string, unknown>;
	/** Every evidence role seen for this value (`compromised`, `attacker`...). */
	roles: string[];
	/** Every detailed role seen (`Main device`, `Referred in command line`...). */
	detailedRoles: string[];
	/** Worst verdict seen: malicious > suspicious > noThreatsFound > unknown; null when none. */
	verdict: string | null;
	/** Every verdict seen, in first-seen order. */
	verdicts: string[];
	/** Most pressing remediation status seen (active before remediated); null when none. */
	remediationStatus: string | null;
	/** Every remediation status seen, in first-seen order. */
	remediationStatuses: string[];
	/** Evidence types (`processEvidence`...) this value came from. */
	evidenceTypes: string[];
	/** Evidence tags seen with this value. */
	tags: string[];
}

export interface Asset {
	hostname: string | null;
	ipAddresses: string[];
	osPlatform: string | null;
	osVersion: string | null;
	osBuild: number | null;
	mdeDeviceId: string | null;
	azureAdDeviceId: string | null;
	riskScore: string | null;
	healthStatus: string | null;
	onboardingStatus: string | null;
	defenderAvStatus: string | null;
	rbacGroupName: string | null;
	firstSeenDateTime: string | null;
	/** `DOMAIN\account` of the users Defender saw logged on. */
	loggedOnUsers: string[];
	roles: string[];
	detailedRoles: string[];
	verdict: string | null;
	tags: string[];
}

export interface NormalizedComment {
	comment: string;
	createdBy: string | null;
	createdDateTime: string | null;
}

/**
 * Where a later case-close finds the Defender entity again. Disposition sync reads
 * `defenderAlertId` / `defenderIncidentId`, or `sourceRef` when `source` is `defender`.
 */
export interface ExtraData {
	source: 'defender';
	sourceType: 'alert' | 'incident';
	defenderAlertId?: string;
	defenderIncidentId?: string;
	tenantId: string | null;
}

export type SourceType = 'alert' | 'incident';

/** The default output profile: one case-ready record per alert or incident. */
export interface NormalizedRecord {
	schemaVersion: 1;
	source: 'defender';
	sourceType: SourceType;
	/** Alert id for alerts; `incident:<id>` for incidents (see `parseSourceRef`). */
	sourceRef: string;
	/** sha256 hex of `sourceRef + '|' + lastUpdateDateTime`: the same version of an entity always gets the same value. */
	fingerprint: string;
	title: string;
	description: string;
	/** True when Defender sent no description and it was built from titles and descriptions. */
	descriptionIsFallback: boolean;
	/** 1 high, 2 medium, 3 low or unknown, 4 informational. */
	severity: 1 | 2 | 3 | 4;
	/** Severity as Defender sent it. */
	severityLabel: string | null;
	status: string | null;
	/** Incident this one was merged into (`redirectIncidentId`), for redirected incidents. */
	mergedInto: string | null;
	classification: string | null;
	determination: string | null;
	category: string | null;
	categories: string[];
	serviceSource: string | null;
	serviceSources: string[];
	detectionSource: string | null;
	detectionSources: string[];
	productName: string | null;
	detectorId: string | null;
	threatDisplayName: string | null;
	threatFamilyName: string | null;
	actorDisplayName: string | null;
	recommendedActions: string | null;
	assignedTo: string | null;
	createdDateTime: string | null;
	lastUpdateDateTime: string | null;
	firstActivityDateTime: string | null;
	lastActivityDateTime: string | null;
	resolvedDateTime: string | null;
	alertWebUrl: string | null;
	incidentWebUrl: string | null;
	incidentId: string | null;
	alertIds: string[];
	providerAlertId: string | null;
	tenantId: string | null;
	systemTags: string[];
	customTags: string[];
	comments: NormalizedComment[];
	/** Traffic Light Protocol 0–4 (2 = AMBER). */
	tlp: number;
	/** Permissible Actions Protocol 0–3 (2 = AMBER). */
	pap: number;
	tags: string[];
	observables: Observable[];
	assets: Asset[];
	ttps: Ttp[];
	extraData: ExtraData;
	/** The Defender object as received, only with `includeRaw`. */
	raw?: unknown;
}
