import type { Clock } from '../ports';
import { NormalizeInputError } from './errors';
import { detectKind, isNormalizedRecord, recordsOf } from './input';
import { TACTICS, type TacticShortName } from './mitre';
import { resolveOptions, type NormalizeOptions } from './options';
import { ocsfSeverityId } from './severity';
import type { NormalizedRecord, Observable, ObservableType } from './types';

/** Elastic Common Schema version the ECS output follows. */
export const ECS_VERSION = '8.11.0';

/** An ECS document: nested objects keyed by ECS field set, plus `defender.*` custom fields. */
export type EcsDocument = Record<string, unknown> & {
	'@timestamp': string;
	ecs: { version: string };
	message: string;
	event: Record<string, unknown> & { kind: 'alert'; category: string[]; type: string[] };
	tags: string[];
};

const ATTACK_URL = 'https://attack.mitre.org';

function first(observables: readonly Observable[], type: ObservableType): Observable | undefined {
	for (const observable of observables) if (observable.type === type) return observable;
	return undefined;
}

function valuesOf(observables: readonly Observable[], type: ObservableType): string[] {
	const values: string[] = [];
	for (const observable of observables) if (observable.type === type) values.push(observable.value);
	return values;
}

function unique(values: string[]): string[] {
	return Array.from(new Set(values));
}

function threatOf(record: NormalizedRecord): Record<string, unknown> | undefined {
	if (record.ttps.length === 0) return undefined;
	const techniqueIds: string[] = [];
	const techniqueNames: string[] = [];
	const subtechniqueIds: string[] = [];
	const tactics: TacticShortName[] = [];
	for (const ttp of record.ttps) {
		const techniqueId = ttp.parentTechniqueId ?? ttp.techniqueId;
		if (!techniqueIds.includes(techniqueId)) {
			techniqueIds.push(techniqueId);
			if (ttp.techniqueName !== undefined) techniqueNames.push(ttp.techniqueName);
		}
		if (ttp.parentTechniqueId !== undefined) subtechniqueIds.push(ttp.techniqueId);
		for (const tactic of ttp.tactics) if (!tactics.includes(tactic)) tactics.push(tactic);
	}
	const technique: Record<string, unknown> = {
		id: techniqueIds,
		name: techniqueNames,
		reference: techniqueIds.map((id) => `${ATTACK_URL}/techniques/${id}/`),
	};
	if (subtechniqueIds.length > 0) {
		technique.subtechnique = {
			id: subtechniqueIds,
			reference: subtechniqueIds.map((id) => `${ATTACK_URL}/techniques/${id.replace('.', '/')}/`),
		};
	}
	const threat: Record<string, unknown> = { framework: 'MITRE ATT&CK', technique };
	if (tactics.length > 0) {
		threat.tactic = {
			id: tactics.map((tactic) => TACTICS[tactic].id),
			name: tactics.map((tactic) => TACTICS[tactic].name),
			reference: tactics.map((tactic) => `${ATTACK_URL}/tactics/${TACTICS[tactic].id}/`),
		};
	}
	return threat;
}

function hostOf(record: NormalizedRecord): Record<string, unknown> | undefined {
	const asset = record.assets[0];
	if (asset === undefined) {
		const hostname = first(record.observables, 'hostname');
		return hostname === undefined ? undefined : { hostname: hostname.value, name: hostname.value };
	}
	const host: Record<string, unknown> = {};
	if (asset.hostname !== null) {
		host.hostname = asset.hostname;
		host.name = asset.hostname;
	}
	const id = asset.mdeDeviceId ?? asset.azureAdDeviceId;
	if (id !== null) host.id = id;
	if (asset.ipAddresses.length > 0) host.ip = asset.ipAddresses;
	if (asset.osPlatform !== null || asset.osVersion !== null) {
		const os: Record<string, unknown> = {};
		if (asset.osPlatform !== null) os.name = asset.osPlatform;
		if (asset.osVersion !== null) os.version = asset.osVersion;
		os.full = [asset.osPlatform, asset.osVersion, asset.osBuild]
			.filter((part) => part !== null)
			.join(' ');
		host.os = os;
	}
	if (asset.riskScore !== null) host.risk = { calculated_level: asset.riskScore };
	return host;
}

/** ECS `user`: from the first user observable only, so fields never mix two accounts. */
function userOf(observables: readonly Observable[]): Record<string, unknown> | undefined {
	const user = first(observables, 'user');
	if (user === undefined) return undefined;
	switch (user.userIdType) {
		case 'account': {
			const slash = user.value.indexOf('\\');
			return slash > 0
				? { name: user.value.slice(slash + 1), domain: user.value.slice(0, slash) }
				: { name: user.value };
		}
		case 'upn':
			return { name: user.value, email: user.value };
		default:
			return { id: user.value };
	}
}

function fileOf(observables: readonly Observable[]): Record<string, unknown> | undefined {
	const file: Record<string, unknown> = {};
	const name = first(observables, 'filename');
	if (name !== undefined) file.name = name.value;
	const path = first(observables, 'filepath');
	if (path !== undefined) file.path = path.value;
	const hash: Record<string, string> = {};
	for (const observable of observables) {
		if (observable.type !== 'hash' || observable.hashType === undefined) continue;
		if (observable.hashType === 'sha256ac') continue;
		hash[observable.hashType] ??= observable.value;
	}
	if (Object.keys(hash).length > 0) file.hash = hash;
	return Object.keys(file).length > 0 ? file : undefined;
}

function ipByRole(
	observables: readonly Observable[],
	roles: readonly string[],
): string | undefined {
	for (const observable of observables) {
		if (observable.type !== 'ip') continue;
		if (observable.roles.some((role) => roles.includes(role))) return observable.value;
	}
	return undefined;
}

/** A default-profile record → one ECS document (`event.kind: alert`). */
export function ecsFromRecord(record: NormalizedRecord, clock: Clock): EcsDocument {
	const { observables } = record;
	const isIncident = record.sourceType === 'incident';
	const entityId = isIncident
		? (record.extraData.defenderIncidentId ?? record.sourceRef)
		: (record.extraData.defenderAlertId ?? record.sourceRef);
	const timestamp =
		record.lastUpdateDateTime ?? record.createdDateTime ?? new Date(clock.now()).toISOString();

	const categories = ['intrusion_detection'];
	if (
		observables.some((observable) => observable.evidenceTypes.includes('malwareEvidence')) ||
		record.detectionSources.includes('antivirus')
	) {
		categories.push('malware');
	}

	const event: EcsDocument['event'] = {
		kind: 'alert',
		category: categories,
		type: ['info'],
		id: entityId,
		severity:
			ocsfSeverityId(record.severityLabel) === 99 ? 0 : ocsfSeverityId(record.severityLabel),
		module: 'defender',
		dataset: isIncident ? 'defender.incident' : 'defender.alert',
	};
	if (record.detectorId !== null) event.code = record.detectorId;
	if (record.serviceSource !== null) event.provider = record.serviceSource;
	if (record.createdDateTime !== null) event.created = record.createdDateTime;
	if (record.firstActivityDateTime !== null) event.start = record.firstActivityDateTime;
	if (record.lastActivityDateTime !== null) event.end = record.lastActivityDateTime;
	const link = record.alertWebUrl ?? record.incidentWebUrl;
	if (link !== null) event.url = link;
	if (record.raw !== undefined) event.original = JSON.stringify(record.raw);

	const rule: Record<string, unknown> = { name: record.title };
	if (record.detectorId !== null) rule.id = record.detectorId;
	if (record.category !== null) rule.category = record.category;

	const document: EcsDocument = {
		'@timestamp': timestamp,
		ecs: { version: ECS_VERSION },
		message: record.description,
		event,
		rule,
		observer: { vendor: 'Microsoft', product: record.productName ?? 'Defender XDR', type: 'xdr' },
		tags: record.tags.slice(),
	};

	const threat = threatOf(record);
	if (threat !== undefined) document.threat = threat;
	const host = hostOf(record);
	if (host !== undefined) document.host = host;
	const user = userOf(observables);
	if (user !== undefined) document.user = user;
	const file = fileOf(observables);
	if (file !== undefined) document.file = file;
	const commandLine = first(observables, 'process');
	if (commandLine !== undefined) document.process = { command_line: commandLine.value };
	const sourceIp = ipByRole(observables, ['source', 'attacker']);
	if (sourceIp !== undefined) document.source = { ip: sourceIp };
	const destinationIp = ipByRole(observables, ['destination']);
	if (destinationIp !== undefined) document.destination = { ip: destinationIp };
	const url = first(observables, 'url');
	if (url !== undefined) {
		const domain = first(observables, 'domain');
		document.url =
			domain === undefined
				? { full: url.value, original: url.value }
				: {
						full: url.value,
						original: url.value,
						domain: domain.value,
					};
	}
	const registryKey = first(observables, 'registry-key');
	if (registryKey !== undefined) document.registry = { path: registryKey.value };

	const related: Record<string, string[]> = {};
	const ips = unique([
		...valuesOf(observables, 'ip'),
		...record.assets.flatMap((asset) => asset.ipAddresses),
	]);
	if (ips.length > 0) related.ip = ips;
	const hosts = unique([
		...valuesOf(observables, 'hostname'),
		...valuesOf(observables, 'domain'),
		...record.assets.flatMap((asset) => (asset.hostname === null ? [] : [asset.hostname])),
	]);
	if (hosts.length > 0) related.hosts = hosts;
	const users = valuesOf(observables, 'user');
	if (users.length > 0) related.user = users;
	const hashes = valuesOf(observables, 'hash');
	if (hashes.length > 0) related.hash = hashes;
	if (Object.keys(related).length > 0) document.related = related;

	document.defender = {
		source_type: record.sourceType,
		source_ref: record.sourceRef,
		fingerprint: record.fingerprint,
		severity: record.severity,
		severity_label: record.severityLabel,
		status: record.status,
		merged_into: record.mergedInto,
		classification: record.classification,
		determination: record.determination,
		detection_source: record.detectionSource,
		incident_id: record.incidentId,
		alert_ids: record.alertIds,
		tenant_id: record.tenantId,
		assigned_to: record.assignedTo,
		tlp: record.tlp,
		pap: record.pap,
		extra_data: record.extraData,
	};
	return document;
}

/** A record, or one Defender alert or incident, → ECS document. */
export function toEcs(input: unknown, options?: NormalizeOptions): EcsDocument {
	const resolved = resolveOptions(options);
	if (isNormalizedRecord(input)) return ecsFromRecord(input, resolved.clock);
	if (detectKind(input) === 'batch') {
		throw new NormalizeInputError(
			"toEcs takes one alert or incident; got a batch. Use normalizeInput with profile 'ecs'.",
		);
	}
	return ecsFromRecord(recordsOf(input, resolved)[0], resolved.clock);
}
