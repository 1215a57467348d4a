import type { Clock } from '../ports';
import { NormalizeInputError } from './errors';
import { detectKind, isNormalizedRecord, recordsOf } from './input';
import { tacticInfo } from './mitre';
import { resolveOptions, type NormalizeOptions } from './options';
import { ocsfSeverityId } from './severity';
import type { Asset, NormalizedRecord, Observable } from './types';

/** OCSF schema version the Detection Finding (class 2004) output follows. */
export const OCSF_VERSION = '1.3.0';

export interface OcsfObservable {
	name: string;
	type_id: number;
	type: string;
	value: string;
}

export interface OcsfAttack {
	technique: { uid: string; name?: string };
	sub_technique?: { uid: string };
	tactic?: { uid: string; name: string };
}

/** The fields this package emits; README ("OCSF profile") documents the mapping. */
export interface OcsfDetectionFinding {
	activity_id: number;
	activity_name: string;
	category_uid: 2;
	category_name: 'Findings';
	class_uid: 2004;
	class_name: 'Detection Finding';
	type_uid: number;
	type_name: string;
	severity_id: number;
	severity: string;
	status_id: number;
	status: string;
	time: number;
	start_time?: number;
	end_time?: number;
	message: string;
	is_alert: true;
	metadata: {
		version: string;
		uid: string;
		product: { name: string; vendor_name: 'Microsoft'; feature?: { name: string } };
	};
	finding_info: {
		uid: string;
		title: string;
		desc: string;
		created_time?: number;
		modified_time?: number;
		first_seen_time?: number;
		last_seen_time?: number;
		types: string[];
		src_url?: string;
		analytic?: { uid: string; name: string; type_id: 0; type: 'Unknown' };
		attacks: OcsfAttack[];
	};
	observables: OcsfObservable[];
	evidences: Array<Record<string, unknown>>;
	resources: Array<Record<string, unknown>>;
	unmapped: Record<string, unknown>;
	raw_data?: string;
}

const SEVERITY_CAPTIONS: Readonly<Record<number, string>> = {
	0: 'Unknown',
	1: 'Informational',
	2: 'Low',
	3: 'Medium',
	4: 'High',
};

// Finding status_id: 1 New, 2 In Progress, 4 Resolved; 0 Unknown, 99 Other keeps Defender's word.
const STATUS: Readonly<Record<string, [number, string]>> = {
	new: [1, 'New'],
	active: [1, 'New'],
	inprogress: [2, 'In Progress'],
	resolved: [4, 'Resolved'],
	unknown: [0, 'Unknown'],
};

// Observable type_id (OCSF 1.3.0 dictionary types): 1 Hostname, 2 IP Address, 4 User Name,
// 5 Email Address, 6 URL String, 7 File Name, 8 Hash, 13 Command Line, 99 Other.
interface ObservableMapping {
	typeId: number;
	typeName: string;
	name: string;
}

// Shared and never changed: a mapping is only read.
const MAPPINGS = {
	IP_DESTINATION: { typeId: 2, typeName: 'IP Address', name: 'evidences.dst_endpoint.ip' },
	IP_SOURCE: { typeId: 2, typeName: 'IP Address', name: 'evidences.src_endpoint.ip' },
	URL: { typeId: 6, typeName: 'URL String', name: 'evidences.url.url_string' },
	DOMAIN: { typeId: 1, typeName: 'Hostname', name: 'evidences.query.hostname' },
	HOSTNAME: { typeId: 1, typeName: 'Hostname', name: 'evidences.device.hostname' },
	HASH: { typeId: 8, typeName: 'Hash', name: 'evidences.data.value' },
	FILE_NAME: { typeId: 7, typeName: 'File Name', name: 'evidences.file.name' },
	COMMAND_LINE: {
		typeId: 13,
		typeName: 'Command Line',
		name: 'evidences.process.cmd_line',
	},
	EMAIL: { typeId: 5, typeName: 'Email Address', name: 'evidences.user.email_addr' },
	USER_UID: { typeId: 99, typeName: 'User UID', name: 'evidences.user.uid' },
	USER_NAME: { typeId: 4, typeName: 'User Name', name: 'evidences.user.name' },
	FILE_PATH: { typeId: 99, typeName: 'File Path', name: 'evidences.file.path' },
	REGISTRY_KEY: { typeId: 99, typeName: 'Registry Key', name: 'evidences.data.value' },
	REGISTRY_VALUE: { typeId: 99, typeName: 'Registry Value', name: 'evidences.data.value' },
	CLOUD_APPLICATION: {
		typeId: 99,
		typeName: 'Cloud Application',
		name: 'evidences.data.value',
	},
	OTHER: { typeId: 99, typeName: 'Other', name: 'evidences.data.value' },
} as const satisfies Record<string, ObservableMapping>;

function observableMapping(observable: Observable): ObservableMapping {
	switch (observable.type) {
		case 'ip':
			return observable.roles.includes('destination')
				? MAPPINGS.IP_DESTINATION
				: MAPPINGS.IP_SOURCE;
		case 'url':
			return MAPPINGS.URL;
		case 'domain':
			return MAPPINGS.DOMAIN;
		case 'hostname':
			return MAPPINGS.HOSTNAME;
		case 'hash':
			return MAPPINGS.HASH;
		case 'filename':
			return MAPPINGS.FILE_NAME;
		case 'process':
			return MAPPINGS.COMMAND_LINE;
		case 'email':
			return MAPPINGS.EMAIL;
		case 'user':
			return observable.userIdType === 'sid' || observable.userIdType === 'entraObjectId'
				? MAPPINGS.USER_UID
				: MAPPINGS.USER_NAME;
		case 'filepath':
			return MAPPINGS.FILE_PATH;
		case 'registry-key':
			return MAPPINGS.REGISTRY_KEY;
		case 'registry-value':
			return MAPPINGS.REGISTRY_VALUE;
		case 'cloud-application':
			return MAPPINGS.CLOUD_APPLICATION;
		default:
			return MAPPINGS.OTHER;
	}
}

function baseName(path: string): string {
	const cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
	return cut >= 0 ? path.slice(cut + 1) : path;
}

/** One evidence artifact per observable; triage fields that OCSF has no slot for go in `data`. */
function evidenceOf(observable: Observable): Record<string, unknown> {
	const data: Record<string, unknown> = {
		type: observable.type,
		value: observable.value,
		verdict: observable.verdict,
		roles: observable.roles,
		remediation_status: observable.remediationStatus,
		evidence_types: observable.evidenceTypes,
	};
	const value = observable.value;
	switch (observable.type) {
		case 'ip':
			return observable.roles.includes('destination')
				? { dst_endpoint: { ip: value }, data }
				: { src_endpoint: { ip: value }, data };
		case 'url':
			return { url: { url_string: value }, data };
		case 'domain':
			return { query: { hostname: value }, data };
		case 'hostname':
			return { device: { hostname: value, type_id: 0, type: 'Unknown' }, data };
		case 'filename':
			return { file: { name: value, type_id: 1, type: 'Regular File' }, data };
		case 'filepath':
			return {
				file: { name: baseName(value), path: value, type_id: 1, type: 'Regular File' },
				data,
			};
		case 'process':
			return { process: { cmd_line: value }, data };
		case 'email':
			return { user: { email_addr: value }, data };
		case 'user':
			return observable.userIdType === 'sid' || observable.userIdType === 'entraObjectId'
				? { user: { uid: value }, data }
				: { user: { name: value }, data };
		case 'hash':
			data.hash_type = observable.hashType ?? null;
			return { data };
		case 'other':
			data.odata_type = observable.odataType ?? '';
			return { data };
		default:
			return { data };
	}
}

function resourceOf(asset: Asset): Record<string, unknown> {
	const resource: Record<string, unknown> = {
		uid: asset.mdeDeviceId ?? asset.azureAdDeviceId ?? asset.hostname ?? '',
		type: 'Device',
	};
	if (asset.hostname !== null) resource.name = asset.hostname;
	if (asset.tags.length > 0) resource.labels = asset.tags;
	resource.data = {
		ip_addresses: asset.ipAddresses,
		os_platform: asset.osPlatform,
		os_version: asset.osVersion,
		os_build: asset.osBuild,
		azure_ad_device_id: asset.azureAdDeviceId,
		risk_score: asset.riskScore,
		health_status: asset.healthStatus,
		onboarding_status: asset.onboardingStatus,
		roles: asset.roles,
	};
	return resource;
}

function attacksOf(record: NormalizedRecord): OcsfAttack[] {
	const attacks: OcsfAttack[] = [];
	for (const ttp of record.ttps) {
		const technique: OcsfAttack['technique'] = { uid: ttp.parentTechniqueId ?? ttp.techniqueId };
		if (ttp.techniqueName !== undefined) technique.name = ttp.techniqueName;
		const base: OcsfAttack = { technique };
		if (ttp.parentTechniqueId !== undefined) base.sub_technique = { uid: ttp.techniqueId };
		if (ttp.tactics.length === 0) {
			attacks.push(base);
			continue;
		}
		for (const tactic of ttp.tactics) {
			const info = tacticInfo(tactic);
			attacks.push(info ? { ...base, tactic: { uid: info.id, name: info.name } } : base);
		}
	}
	return attacks;
}

function millis(value: string | null): number | undefined {
	if (value === null) return undefined;
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? undefined : parsed;
}

function activityOf(record: NormalizedRecord): [number, string] {
	if (record.status !== null && record.status.toLowerCase() === 'resolved') return [3, 'Close'];
	if (
		record.createdDateTime !== null &&
		record.lastUpdateDateTime !== null &&
		millis(record.lastUpdateDateTime) !== millis(record.createdDateTime)
	) {
		return [2, 'Update'];
	}
	return [1, 'Create'];
}

/** A default-profile record → OCSF 1.3.0 Detection Finding. */
export function ocsfFromRecord(record: NormalizedRecord, clock: Clock): OcsfDetectionFinding {
	const [activityId, activityName] = activityOf(record);
	const severityId = ocsfSeverityId(record.severityLabel);
	const statusKey = record.status?.toLowerCase() ?? 'unknown';
	const [statusId, status] = Object.prototype.hasOwnProperty.call(STATUS, statusKey)
		? STATUS[statusKey]
		: [99, record.status ?? 'Unknown'];
	const created = millis(record.createdDateTime);
	const modified = millis(record.lastUpdateDateTime);
	const entityId =
		record.sourceType === 'incident'
			? (record.extraData.defenderIncidentId ?? record.sourceRef)
			: (record.extraData.defenderAlertId ?? record.sourceRef);

	const findingInfo: OcsfDetectionFinding['finding_info'] = {
		uid: entityId,
		title: record.title,
		desc: record.description,
		types: record.categories.length > 0 ? record.categories.slice() : [record.sourceType],
		attacks: attacksOf(record),
	};
	if (created !== undefined) findingInfo.created_time = created;
	if (modified !== undefined) findingInfo.modified_time = modified;
	const firstSeen = millis(record.firstActivityDateTime);
	const lastSeen = millis(record.lastActivityDateTime);
	if (firstSeen !== undefined) findingInfo.first_seen_time = firstSeen;
	if (lastSeen !== undefined) findingInfo.last_seen_time = lastSeen;
	const link = record.alertWebUrl ?? record.incidentWebUrl;
	if (link !== null) findingInfo.src_url = link;
	if (record.detectorId !== null) {
		findingInfo.analytic = {
			uid: record.detectorId,
			name: record.title,
			type_id: 0,
			type: 'Unknown',
		};
	}

	const product: OcsfDetectionFinding['metadata']['product'] = {
		name: record.productName ?? 'Microsoft Defender XDR',
		vendor_name: 'Microsoft',
	};
	if (record.serviceSource !== null) product.feature = { name: record.serviceSource };

	const finding: OcsfDetectionFinding = {
		activity_id: activityId,
		activity_name: activityName,
		category_uid: 2,
		category_name: 'Findings',
		class_uid: 2004,
		class_name: 'Detection Finding',
		type_uid: 2004 * 100 + activityId,
		type_name: `Detection Finding: ${activityName}`,
		severity_id: severityId,
		severity: SEVERITY_CAPTIONS[severityId] ?? record.severityLabel ?? 'Other',
		status_id: statusId,
		status,
		time: (activityId === 1 ? created : modified) ?? created ?? clock.now(),
		message: record.title,
		is_alert: true,
		metadata: { version: OCSF_VERSION, uid: record.fingerprint, product },
		finding_info: findingInfo,
		observables: record.observables.map((observable) => {
			const mapping = observableMapping(observable);
			return {
				name: mapping.name,
				type_id: mapping.typeId,
				type: mapping.typeName,
				value: observable.value,
			};
		}),
		evidences: record.observables.map(evidenceOf),
		resources: record.assets.map(resourceOf),
		unmapped: {
			source: record.source,
			source_type: record.sourceType,
			source_ref: record.sourceRef,
			fingerprint: record.fingerprint,
			severity: record.severity,
			severity_label: record.severityLabel,
			status: record.status,
			merged_into: record.mergedInto,
			classification: record.classification,
			determination: record.determination,
			service_sources: record.serviceSources,
			detection_sources: record.detectionSources,
			assigned_to: record.assignedTo,
			incident_id: record.incidentId,
			alert_ids: record.alertIds,
			provider_alert_id: record.providerAlertId,
			tenant_id: record.tenantId,
			incident_web_url: record.incidentWebUrl,
			tlp: record.tlp,
			pap: record.pap,
			tags: record.tags,
			extra_data: record.extraData,
		},
	};
	if (firstSeen !== undefined) finding.start_time = firstSeen;
	if (lastSeen !== undefined) finding.end_time = lastSeen;
	if (record.raw !== undefined) finding.raw_data = JSON.stringify(record.raw);
	return finding;
}

/** A record, or one Defender alert or incident, → OCSF Detection Finding. */
export function toOcsfDetectionFinding(
	input: unknown,
	options?: NormalizeOptions,
): OcsfDetectionFinding {
	const resolved = resolveOptions(options);
	if (isNormalizedRecord(input)) return ocsfFromRecord(input, resolved.clock);
	if (detectKind(input) === 'batch') {
		throw new NormalizeInputError(
			"toOcsfDetectionFinding takes one alert or incident; got a batch. Use normalizeInput with profile 'ocsf'.",
		);
	}
	return ocsfFromRecord(recordsOf(input, resolved)[0], resolved.clock);
}
