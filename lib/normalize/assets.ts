import { union, worseVerdict, type EvidenceContext } from './observables';
import {
	asArray,
	asNumber,
	asObject,
	asString,
	exactLength,
	pushUnique,
	type JsonObject,
} from './read';
import type { Asset } from './types';

/** `deviceDnsName`, else `hostName` (+ `.dnsDomain`), lower-cased; undefined when neither is set. */
export function deviceHostname(device: JsonObject): string | undefined {
	const dnsName = asString(device.deviceDnsName);
	if (dnsName !== undefined) return dnsName.trim().toLowerCase() || undefined;
	const hostName = asString(device.hostName);
	if (hostName === undefined) return undefined;
	const domain = asString(device.dnsDomain);
	const full = domain !== undefined ? `${hostName}.${domain}` : hostName;
	return full.trim().toLowerCase() || undefined;
}

/** `DOMAIN\account`, or the bare account name when there is no domain. */
export function downLevelName(accountName: unknown, domainName: unknown): string | undefined {
	const account = asString(accountName);
	if (account === undefined) return undefined;
	const domain = asString(domainName);
	return domain !== undefined ? `${domain}\\${account}` : account;
}

/**
 * Devices of one record (deviceEvidence, also when nested in logon sessions), de-duplicated by
 * Defender device id, then by hostname. A repeated device fills the fields it was missing.
 */
export class AssetCollector {
	private readonly assets: Asset[] = [];
	// Lower-cased identities of each asset, by position; a record has few devices, so a scan
	// beats two Maps.
	private readonly deviceIds: Array<string | undefined> = [];
	private readonly hostnames: Array<string | undefined> = [];

	add(device: JsonObject, ctx: EvidenceContext): void {
		const deviceId = asString(device.mdeDeviceId)?.toLowerCase();
		const hostname = deviceHostname(device);
		let index = deviceId === undefined ? -1 : this.deviceIds.indexOf(deviceId);
		if (index < 0 && hostname !== undefined) index = this.hostnames.indexOf(hostname);
		if (index < 0) {
			index = this.assets.length;
			this.assets.push(emptyAsset());
			this.deviceIds.push(undefined);
			this.hostnames.push(undefined);
		}
		fill(this.assets[index], device, hostname, ctx);
		this.deviceIds[index] ??= deviceId;
		this.hostnames[index] ??= hostname;
	}

	values(): Asset[] {
		for (const asset of this.assets) {
			asset.ipAddresses = exactLength(asset.ipAddresses, asset.ipAddresses.length > 0);
			asset.loggedOnUsers = exactLength(asset.loggedOnUsers, asset.loggedOnUsers.length > 0);
		}
		return exactLength(this.assets, this.assets.length > 0);
	}
}

function emptyAsset(): Asset {
	return {
		hostname: null,
		ipAddresses: [],
		osPlatform: null,
		osVersion: null,
		osBuild: null,
		mdeDeviceId: null,
		azureAdDeviceId: null,
		riskScore: null,
		healthStatus: null,
		onboardingStatus: null,
		defenderAvStatus: null,
		rbacGroupName: null,
		firstSeenDateTime: null,
		loggedOnUsers: [],
		roles: [],
		detailedRoles: [],
		verdict: null,
		tags: [],
	};
}

function fill(
	asset: Asset,
	device: JsonObject,
	hostname: string | undefined,
	ctx: EvidenceContext,
): void {
	asset.hostname ??= hostname ?? null;
	asset.osPlatform ??= asString(device.osPlatform) ?? null;
	asset.osVersion ??= asString(device.version) ?? null;
	asset.osBuild ??= asNumber(device.osBuild) ?? null;
	asset.mdeDeviceId ??= asString(device.mdeDeviceId) ?? null;
	asset.azureAdDeviceId ??= asString(device.azureAdDeviceId) ?? null;
	asset.riskScore ??= asString(device.riskScore) ?? null;
	asset.healthStatus ??= asString(device.healthStatus) ?? null;
	asset.onboardingStatus ??= asString(device.onboardingStatus) ?? null;
	asset.defenderAvStatus ??= asString(device.defenderAvStatus) ?? null;
	asset.rbacGroupName ??= asString(device.rbacGroupName) ?? null;
	asset.firstSeenDateTime ??= asString(device.firstSeenDateTime) ?? null;

	for (const ip of asArray(device.ipInterfaces)) addIp(asset, ip);
	addIp(asset, device.lastIpAddress);
	addIp(asset, device.lastExternalIpAddress);

	for (const entry of asArray(device.loggedOnUsers)) {
		const user = asObject(entry);
		const name = user && downLevelName(user.accountName, user.domainName);
		if (name) pushUnique(asset.loggedOnUsers, name);
	}
	// Shared with the evidence context, copied on change (see EvidenceContext).
	asset.roles = union(asset.roles, ctx.roles);
	asset.detailedRoles = union(asset.detailedRoles, ctx.detailedRoles);
	if (ctx.verdict !== undefined) asset.verdict = worseVerdict(asset.verdict, ctx.verdict);
	asset.tags = union(asset.tags, ctx.tags);
}

function addIp(asset: Asset, value: unknown): void {
	const ip = asString(value)?.trim().toLowerCase();
	if (ip) pushUnique(asset.ipAddresses, ip);
}
