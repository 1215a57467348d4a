import { AssetCollector, deviceHostname, downLevelName } from './assets';
import {
	makeContext,
	resetContext,
	type EvidenceContext,
	type ObservableCollector,
} from './observables';
import { asArray, asObject, asString, sharedStrings, type JsonObject } from './read';
import type { HashType } from './types';

/**
 * One pass over `alert.evidence` (graph-api.md §2.3): each evidence `@odata.type` has a handler
 * that turns its fields, and the evidence nested in it, into observables and assets. Evidence
 * with no handler (unknown or untyped) becomes an `other` observable that keeps the object.
 */

export interface EvidenceSink {
	observables: ObservableCollector;
	assets: AssetCollector;
}

type Handler = (evidence: JsonObject, ctx: EvidenceContext, sink: EvidenceSink) => void;

const NAMESPACE = '#microsoft.graph.security.';

export function collectEvidence(evidence: unknown, sink: EvidenceSink): void {
	if (!Array.isArray(evidence)) return;
	let ctx: EvidenceContext | undefined;
	for (const entry of evidence) {
		const item = asObject(entry);
		if (item === undefined) continue;
		const shortType = shortTypeOf(odataTypeOf(item));
		const evidenceType = shortType || 'unknown';
		ctx =
			ctx === undefined
				? contextOf(item, evidenceType, sink.observables.singletons)
				: resetContext(
						ctx,
						evidenceType,
						sharedStrings(item.roles),
						sharedStrings(item.detailedRoles),
						asString(item.verdict),
						asString(item.remediationStatus),
						sharedStrings(item.tags),
					);
		const handler = HANDLERS.get(shortType);
		if (handler !== undefined) handler(item, ctx, sink);
		else addOther(item, ctx, sink);
	}
}

function odataTypeOf(evidence: JsonObject): string {
	return asString(evidence['@odata.type']) ?? '';
}

// `@odata.type` → short name, remembered for the few dozen types Defender uses (bounded, since
// the input is untrusted).
const shortTypes = new Map<string, string>();
const SHORT_TYPE_CACHE_LIMIT = 512;

function shortTypeOf(odataType: string): string {
	const cached = shortTypes.get(odataType);
	if (cached !== undefined) return cached;
	const shortType = computeShortType(odataType);
	if (shortTypes.size < SHORT_TYPE_CACHE_LIMIT) shortTypes.set(odataType, shortType);
	return shortType;
}

function computeShortType(odataType: string): string {
	if (odataType.startsWith(NAMESPACE)) return odataType.slice(NAMESPACE.length);
	const dot = odataType.lastIndexOf('.');
	return dot >= 0 ? odataType.slice(dot + 1) : odataType.replace(/^#/, '');
}

function contextOf(
	evidence: JsonObject,
	evidenceType: string,
	singletons: string[][],
): EvidenceContext {
	return makeContext(
		singletons,
		evidenceType,
		sharedStrings(evidence.roles),
		sharedStrings(evidence.detailedRoles),
		asString(evidence.verdict),
		asString(evidence.remediationStatus),
		sharedStrings(evidence.tags),
	);
}

/**
 * Context for evidence nested in another (a process's user, a connection's addresses): its own
 * base fields win, missing ones come from the enclosing evidence. `extraRole` marks the position
 * (`source`/`destination` of a connection).
 */
function nestedContext(
	parent: EvidenceContext,
	child: JsonObject | undefined,
	extraRole?: string,
): EvidenceContext {
	const own =
		child !== undefined &&
		(child.roles !== undefined ||
			child.detailedRoles !== undefined ||
			child.verdict !== undefined ||
			child.remediationStatus !== undefined ||
			child.tags !== undefined);
	if (!own && extraRole === undefined) return parent;
	const childRoles = own ? sharedStrings(child.roles) : [];
	let roles = childRoles.length > 0 ? childRoles : parent.roles;
	if (extraRole !== undefined && !roles.includes(extraRole)) roles = [...roles, extraRole];
	if (!own) return { ...parent, roles };
	const detailedRoles = sharedStrings(child.detailedRoles);
	const tags = sharedStrings(child.tags);
	return makeContext(
		parent.singletons,
		parent.evidenceType,
		roles,
		detailedRoles.length > 0 ? detailedRoles : parent.detailedRoles,
		asString(child.verdict) ?? parent.verdict,
		asString(child.remediationStatus) ?? parent.remediationStatus,
		tags.length > 0 ? tags : parent.tags,
	);
}

// ---- building blocks shared by several evidence types -------------------------------------

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function looksLikeIp(host: string): boolean {
	return IPV4.test(host) || host.includes(':');
}

/** Host of a URL (with or without scheme), lower-cased; undefined when there is none. */
export function urlHost(url: string): string | undefined {
	const scheme = url.indexOf('://');
	const start = scheme >= 0 ? scheme + 3 : 0;
	let end = url.length;
	for (let i = start; i < url.length; i++) {
		const code = url.charCodeAt(i);
		if (code === 47 || code === 63 || code === 35) {
			end = i;
			break;
		}
	}
	let host = url.slice(start, end);
	const at = host.lastIndexOf('@');
	if (at >= 0) host = host.slice(at + 1);
	if (host.startsWith('[')) {
		const close = host.indexOf(']');
		return close > 1 ? host.slice(1, close).toLowerCase() : undefined;
	}
	const colon = host.indexOf(':');
	if (colon >= 0) host = host.slice(0, colon);
	host = host.trim();
	if (host === '' || /\s/.test(host)) return undefined;
	// Without a scheme, only something dotted before the first '/' is taken as a host.
	if (scheme < 0 && !host.includes('.')) return undefined;
	return host.toLowerCase();
}

function addUrl(value: unknown, ctx: EvidenceContext, sink: EvidenceSink): void {
	const url = asString(value);
	if (url === undefined) return;
	sink.observables.add('url', url, ctx);
	if (!sink.observables.wants('domain') && !sink.observables.wants('ip')) return;
	const host = urlHost(url.trim());
	if (host === undefined) return;
	if (looksLikeIp(host)) sink.observables.add('ip', host, ctx);
	else addDomain(host, ctx, sink);
}

function addDomain(value: unknown, ctx: EvidenceContext, sink: EvidenceSink): void {
	const domain = asString(value);
	if (domain === undefined) return;
	sink.observables.add('domain', domain.endsWith('.') ? domain.slice(0, -1) : domain, ctx);
}

function addIp(value: unknown, ctx: EvidenceContext, sink: EvidenceSink): void {
	const ip = asString(value);
	if (ip !== undefined) sink.observables.add('ip', ip, ctx);
}

function addEmail(value: unknown, ctx: EvidenceContext, sink: EvidenceSink): void {
	const email = asString(value);
	if (email !== undefined) sink.observables.add('email', email, ctx);
}

/** Nested `ipEvidence` (or a bare address string). */
function addIpEvidence(
	value: unknown,
	parent: EvidenceContext,
	sink: EvidenceSink,
	extraRole?: string,
): void {
	if (typeof value === 'string') {
		addIp(
			value,
			extraRole === undefined ? parent : nestedContext(parent, undefined, extraRole),
			sink,
		);
		return;
	}
	const ipEvidence = asObject(value);
	if (ipEvidence === undefined) return;
	addIp(ipEvidence.ipAddress, nestedContext(parent, ipEvidence, extraRole), sink);
}

/** `fileDetails`: name, full path, and every hash, each labelled. */
function addFileDetails(value: unknown, ctx: EvidenceContext, sink: EvidenceSink): void {
	const file = asObject(value);
	if (file === undefined) return;
	const { observables } = sink;
	const name = asString(file.fileName);
	if (name !== undefined) observables.add('filename', name, ctx);
	const path = asString(file.filePath);
	if (path !== undefined && observables.wants('filepath')) {
		observables.add('filepath', joinPath(path, name), ctx);
	}
	addHash(file.sha256, 'sha256', ctx, sink);
	addHash(file.sha1, 'sha1', ctx, sink);
	addHash(file.md5, 'md5', ctx, sink);
	addHash(file.sha256Ac, 'sha256ac', ctx, sink);
}

/** Defender gives the folder in `filePath` and the name apart; the observable is the full path. */
function joinPath(folder: string, name: string | undefined): string {
	const trimmed = folder.trim();
	if (name === undefined) return trimmed;
	const lowerFolder = trimmed.toLowerCase();
	const lowerName = name.toLowerCase();
	if (lowerFolder.endsWith(`\\${lowerName}`) || lowerFolder.endsWith(`/${lowerName}`))
		return trimmed;
	const separator = trimmed.includes('\\') || !trimmed.includes('/') ? '\\' : '/';
	return trimmed.endsWith(separator) ? `${trimmed}${name}` : `${trimmed}${separator}${name}`;
}

function addHash(
	value: unknown,
	hashType: HashType,
	ctx: EvidenceContext,
	sink: EvidenceSink,
): void {
	const hash = asString(value);
	if (hash !== undefined) sink.observables.add('hash', hash, ctx, hashType);
}

const HASH_ALGORITHMS: Readonly<Record<string, HashType>> = {
	sha256: 'sha256',
	sha1: 'sha1',
	md5: 'md5',
	sha256ac: 'sha256ac',
};

/** `fileHash` / `fileHashEvidence`: `{ algorithm, value }`. A hash we cannot label is kept as `other`. */
function addAlgorithmHash(
	entry: JsonObject,
	ctx: EvidenceContext,
	sink: EvidenceSink,
	odataType: string,
): void {
	const value = asString(entry.value);
	if (value === undefined) return;
	const algorithm = asString(entry.algorithm)?.toLowerCase() ?? '';
	const hashType = Object.prototype.hasOwnProperty.call(HASH_ALGORITHMS, algorithm)
		? HASH_ALGORITHMS[algorithm]
		: undefined;
	if (hashType !== undefined) sink.observables.add('hash', value, ctx, hashType);
	else
		sink.observables.addOther(
			odataType,
			value.trim(),
			`hash:${value.trim().toLowerCase()}`,
			entry,
			ctx,
		);
}

/** `userAccount`: `DOMAIN\account`, UPN, SID and Entra object id, each its own observable. */
function addUserAccount(value: unknown, ctx: EvidenceContext, sink: EvidenceSink): void {
	const account = asObject(value);
	if (account === undefined) return;
	const { observables } = sink;
	if (!observables.wants('user')) return;
	const name = downLevelName(account.accountName, account.domainName);
	if (name !== undefined) observables.add('user', name, ctx, undefined, 'account');
	const upn = asString(account.userPrincipalName);
	if (upn !== undefined) observables.add('user', upn, ctx, undefined, 'upn');
	const sid = asString(account.userSid);
	if (sid !== undefined) observables.add('user', sid, ctx, undefined, 'sid');
	const objectId = asString(account.azureAdUserId);
	if (objectId !== undefined) observables.add('user', objectId, ctx, undefined, 'entraObjectId');
}

/** Nested `userEvidence` (logon sessions' `account`). */
function addUserEvidence(value: unknown, parent: EvidenceContext, sink: EvidenceSink): void {
	const user = asObject(value);
	if (user !== undefined) addUserAccount(user.userAccount, nestedContext(parent, user), sink);
}

function addFileEvidence(file: JsonObject, ctx: EvidenceContext, sink: EvidenceSink): void {
	addFileDetails(file.fileDetails, ctx, sink);
}

function addProcessEvidence(process: JsonObject, ctx: EvidenceContext, sink: EvidenceSink): void {
	const commandLine = asString(process.processCommandLine);
	if (commandLine !== undefined) sink.observables.add('process', commandLine, ctx);
	addFileDetails(process.imageFile, ctx, sink);
	addFileDetails(process.parentProcessImageFile, ctx, sink);
	addUserAccount(process.userAccount, ctx, sink);
}

function addDeviceEvidence(device: JsonObject, ctx: EvidenceContext, sink: EvidenceSink): void {
	const hostname = deviceHostname(device);
	if (hostname !== undefined) sink.observables.add('hostname', hostname, ctx);
	sink.assets.add(device, ctx);
	if (!sink.observables.wants('user')) return;
	for (const entry of asArray(device.loggedOnUsers)) {
		const user = asObject(entry);
		const name = user && downLevelName(user.accountName, user.domainName);
		if (name) sink.observables.add('user', name, ctx, undefined, 'account');
	}
}

/** Nested evidence objects (malware files, Teams URLs...) with their own base fields. */
function eachNested(
	list: unknown,
	parent: EvidenceContext,
	sink: EvidenceSink,
	handler: Handler,
): void {
	for (const entry of asArray(list)) {
		const nested = asObject(entry);
		if (nested !== undefined) handler(nested, nestedContext(parent, nested), sink);
	}
}

function urlsOf(list: unknown, ctx: EvidenceContext, sink: EvidenceSink): void {
	for (const entry of asArray(list)) {
		if (typeof entry === 'string') addUrl(entry, ctx, sink);
		else {
			const urlEvidence = asObject(entry);
			if (urlEvidence !== undefined) addUrl(urlEvidence.url, nestedContext(ctx, urlEvidence), sink);
		}
	}
}

function emailsOf(list: unknown, ctx: EvidenceContext, sink: EvidenceSink): void {
	for (const entry of asArray(list)) {
		if (typeof entry === 'string') addEmail(entry, ctx, sink);
		else {
			const recipient = asObject(entry);
			if (recipient !== undefined) addEmail(recipient.emailAddress ?? recipient.address, ctx, sink);
		}
	}
}

function addSender(value: unknown, ctx: EvidenceContext, sink: EvidenceSink): void {
	const sender = asObject(value);
	if (sender === undefined) return;
	addEmail(sender.emailAddress, ctx, sink);
	addDomain(sender.domainName, ctx, sink);
}

// Fields that best name an evidence kept as `other`, most specific first.
const OTHER_LABEL_FIELDS = [
	'resourceId',
	'name',
	'displayName',
	'resourceName',
	'deviceName',
	'activeDirectoryDomainName',
	'securityGroupId',
	'sid',
	'clusterByValue',
	'requestId',
	'sessionId',
	'containerId',
	'imageId',
	'registry',
	'macAddress',
	'login',
	'url',
	'value',
	'agentId',
	'deviceId',
	'id',
] as const;

function addOther(evidence: JsonObject, ctx: EvidenceContext, sink: EvidenceSink): void {
	if (!sink.observables.wants('other')) return;
	const odataType = odataTypeOf(evidence);
	const shortType = shortTypeOf(odataType);
	let label: string | undefined;
	for (const field of OTHER_LABEL_FIELDS) {
		const candidate = evidence[field];
		if (typeof candidate === 'string' && candidate.trim() !== '') {
			label = candidate.trim();
			break;
		}
		if (typeof candidate === 'number' && Number.isFinite(candidate)) {
			label = String(candidate);
			break;
		}
	}
	const value = label ?? (shortType || 'evidence');
	sink.observables.addOther(odataType, value, label ?? identityOf(evidence), evidence, ctx);
}

let unserialisableCount = 0;

/** De-duplication key for unlabelled evidence: two identical objects are one observable. */
function identityOf(evidence: JsonObject): string {
	try {
		return JSON.stringify(evidence);
	} catch {
		// Not serialisable (a cycle): keep it apart from everything else.
		unserialisableCount += 1;
		return `unserialisable:${unserialisableCount}`;
	}
}

// ---- the handlers, by evidence type ------------------------------------------------------

const HANDLERS = new Map<string, Handler>([
	['ipEvidence', (e, ctx, sink) => addIp(e.ipAddress, ctx, sink)],
	['urlEvidence', (e, ctx, sink) => addUrl(e.url, ctx, sink)],
	['fileEvidence', addFileEvidence],
	['processEvidence', addProcessEvidence],
	['deviceEvidence', addDeviceEvidence],
	['userEvidence', (e, ctx, sink) => addUserAccount(e.userAccount, ctx, sink)],
	[
		'mailboxEvidence',
		(e, ctx, sink) => {
			addEmail(e.primaryAddress, ctx, sink);
			const upn = asString(e.upn);
			if (upn !== undefined) sink.observables.add('user', upn, ctx, undefined, 'upn');
			addUserAccount(e.userAccount, ctx, sink);
		},
	],
	[
		'analyzedMessageEvidence',
		(e, ctx, sink) => {
			addIp(e.senderIp, ctx, sink);
			addEmail(e.recipientEmailAddress, ctx, sink);
			addSender(e.p1Sender, ctx, sink);
			addSender(e.p2Sender, ctx, sink);
			urlsOf(e.urls, ctx, sink);
		},
	],
	[
		'cloudApplicationEvidence',
		(e, ctx, sink) => {
			const name = asString(e.displayName) ?? asString(e.instanceName) ?? idString(e.appId);
			if (name !== undefined) sink.observables.add('cloud-application', name, ctx);
		},
	],
	[
		'oauthApplicationEvidence',
		(e, ctx, sink) => {
			const name = asString(e.displayName) ?? asString(e.appId) ?? asString(e.objectId);
			if (name !== undefined) sink.observables.add('cloud-application', name, ctx);
		},
	],
	[
		'servicePrincipalEvidence',
		(e, ctx, sink) => {
			const name = asString(e.servicePrincipalName) ?? asString(e.appId);
			if (name !== undefined) sink.observables.add('cloud-application', name, ctx);
		},
	],
	[
		'nicEvidence',
		(e, ctx, sink) => {
			addOther(e, ctx, sink);
			addIpEvidence(e.ipAddress, ctx, sink);
		},
	],
	[
		'kubernetesPodEvidence',
		(e, ctx, sink) => {
			addOther(e, ctx, sink);
			addIpEvidence(e.podIp, ctx, sink);
		},
	],
	[
		'ioTDeviceEvidence',
		(e, ctx, sink) => {
			addOther(e, ctx, sink);
			addIpEvidence(e.ipAddress, ctx, sink);
		},
	],
	[
		'sasTokenEvidence',
		(e, ctx, sink) => {
			// The query string of a SAS URL is the token's signature: label without it.
			const url = asString(e.url);
			const label = (url === undefined ? '' : url.split('?')[0].trim()) || 'sasTokenEvidence';
			sink.observables.addOther(odataTypeOf(e), label, label, e, ctx);
		},
	],
	['registryKeyEvidence', (e, ctx, sink) => addRegistry(e, ctx, sink, false)],
	['registryValueEvidence', (e, ctx, sink) => addRegistry(e, ctx, sink, true)],
	[
		'dnsEvidence',
		(e, ctx, sink) => {
			addDomain(e.domainName, ctx, sink);
			addIpEvidence(e.dnsServerIp, ctx, sink);
			addIpEvidence(e.hostIpAddress, ctx, sink);
			for (const ip of asArray(e.ipAddresses)) addIpEvidence(ip, ctx, sink);
		},
	],
	[
		'networkConnectionEvidence',
		(e, ctx, sink) => {
			addIpEvidence(e.sourceAddress, ctx, sink, 'source');
			addIpEvidence(e.destinationAddress, ctx, sink, 'destination');
		},
	],
	['fileHashEvidence', (e, ctx, sink) => addAlgorithmHash(e, ctx, sink, odataTypeOf(e))],
	[
		'malwareEvidence',
		(e, ctx, sink) => {
			eachNested(e.files, ctx, sink, addFileEvidence);
			eachNested(e.processes, ctx, sink, addProcessEvidence);
			// The malware name has no observable type of its own: kept as `other`.
			const name = asString(e.name);
			if (name !== undefined && sink.observables.wants('other')) {
				sink.observables.addOther(odataTypeOf(e), name.trim(), name.trim(), e, ctx);
			}
		},
	],
	[
		'mailboxConfigurationEvidence',
		(e, ctx, sink) => {
			addEmail(e.mailboxPrimaryAddress, ctx, sink);
			const upn = asString(e.upn);
			if (upn !== undefined) sink.observables.add('user', upn, ctx, undefined, 'upn');
			const objectId = asString(e.externalDirectoryObjectId);
			if (objectId !== undefined) {
				sink.observables.add('user', objectId, ctx, undefined, 'entraObjectId');
			}
		},
	],
	[
		'submissionMailEvidence',
		(e, ctx, sink) => {
			addEmail(e.sender, ctx, sink);
			addEmail(e.recipient, ctx, sink);
			addEmail(e.submitter, ctx, sink);
			addIp(e.senderIp, ctx, sink);
		},
	],
	[
		'teamsMessageEvidence',
		(e, ctx, sink) => {
			addEmail(e.senderFromAddress, ctx, sink);
			addIp(e.senderIP, ctx, sink);
			emailsOf(e.recipients, ctx, sink);
			urlsOf(e.urls, ctx, sink);
			eachNested(e.files, ctx, sink, addFileEvidence);
		},
	],
	[
		'hostLogonSessionEvidence',
		(e, ctx, sink) => {
			addUserEvidence(e.account, ctx, sink);
			const host = asObject(e.host);
			if (host !== undefined) addDeviceEvidence(host, nestedContext(ctx, host), sink);
		},
	],
	[
		'cloudLogonSessionEvidence',
		(e, ctx, sink) => {
			addUserEvidence(e.account, ctx, sink);
			const deviceName = asString(e.deviceName);
			if (deviceName !== undefined) sink.observables.add('hostname', deviceName, ctx);
		},
	],
	[
		'blobEvidence',
		(e, ctx, sink) => {
			addUrl(e.url, ctx, sink);
			for (const entry of asArray(e.fileHashes)) {
				const hash = asObject(entry);
				if (hash !== undefined) addAlgorithmHash(hash, ctx, sink, odataTypeOf(e));
			}
		},
	],
]);

function idString(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return asString(value);
}

/** `registryHive\registryKey` (the hive is not repeated when the key already starts with it). */
function addRegistry(
	evidence: JsonObject,
	ctx: EvidenceContext,
	sink: EvidenceSink,
	withValue: boolean,
): void {
	const key = asString(evidence.registryKey);
	const hive = asString(evidence.registryHive);
	let path: string | undefined;
	if (key !== undefined) {
		path =
			hive !== undefined && !key.toUpperCase().startsWith(hive.toUpperCase())
				? `${hive}\\${key.replace(/^\\+/, '')}`
				: key;
	} else {
		path = hive;
	}
	if (path === undefined) return;
	sink.observables.add('registry-key', path, ctx);
	if (!withValue) return;
	// A value without a name is the key's default value, which regedit shows as "(Default)".
	const valueName = asString(evidence.registryValueName) ?? '(Default)';
	sink.observables.add('registry-value', `${path}\\${valueName}`, ctx);
}
