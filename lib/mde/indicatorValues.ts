/**
 * Indicator types and values as TI feeds write them (ipv4, domain, sha256, defanged "hxxp" and
 * "[.]") turned into what the Defender indicators API accepts (graph-api.md §8.3), or a reason
 * why not. Pure.
 */

import type { INDICATOR_TYPES } from '../graph/enums';
import { isIPv4, isIPv6 } from './ip';

export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** Keys are lower-case with everything but letters and digits removed. */
const TYPE_ALIASES: Readonly<Record<string, IndicatorType>> = {
	filesha1: 'FileSha1',
	sha1: 'FileSha1',
	filehashsha1: 'FileSha1',
	filesha256: 'FileSha256',
	sha256: 'FileSha256',
	filehashsha256: 'FileSha256',
	filemd5: 'FileMd5',
	md5: 'FileMd5',
	filehashmd5: 'FileMd5',
	certificatethumbprint: 'CertificateThumbprint',
	certificate: 'CertificateThumbprint',
	thumbprint: 'CertificateThumbprint',
	x509certificate: 'CertificateThumbprint',
	ipaddress: 'IpAddress',
	ip: 'IpAddress',
	ipv4: 'IpAddress',
	ipv6: 'IpAddress',
	ipv4addr: 'IpAddress',
	ipv6addr: 'IpAddress',
	ipsrc: 'IpAddress',
	ipdst: 'IpAddress',
	domainname: 'DomainName',
	domain: 'DomainName',
	hostname: 'DomainName',
	fqdn: 'DomainName',
	url: 'Url',
	uri: 'Url',
	link: 'Url',
};

export const WEAK_HASH_TYPES: readonly IndicatorType[] = ['FileMd5', 'FileSha1'];

export function indicatorTypeFor(raw: unknown): IndicatorType | undefined {
	if (typeof raw !== 'string') return undefined;
	return TYPE_ALIASES[raw.toLowerCase().replace(/[^a-z0-9]/g, '')];
}

export const KNOWN_TYPE_NAMES =
	'ipv4, ipv6, domain, url, sha256, sha1, md5, certificate (or the Defender names IpAddress, DomainName, Url, FileSha256, FileSha1, FileMd5, CertificateThumbprint)';

const HEX_LENGTH: Partial<Record<IndicatorType, number>> = {
	FileSha1: 40,
	FileSha256: 64,
	FileMd5: 32,
	CertificateThumbprint: 40,
};

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/** Undoes the usual defanging: hxxp, [.], (.), [:]. */
export function refang(value: string): string {
	return value
		.replace(/^hxxp(s?):\/\//i, 'http$1://')
		.replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, '.')
		.replace(/\[:\]/g, ':');
}

function inferType(value: string): IndicatorType | undefined {
	if (/^[0-9a-f]{64}$/i.test(value)) return 'FileSha256';
	if (/^[0-9a-f]{40}$/i.test(value)) return 'FileSha1';
	if (/^[0-9a-f]{32}$/i.test(value)) return 'FileMd5';
	if (isIPv4(value) || isIPv6(value)) return 'IpAddress';
	if (/^https?:\/\//i.test(value)) return 'Url';
	if (DOMAIN.test(value.toLowerCase().replace(/\.$/, ''))) return 'DomainName';
	return undefined;
}

export type NormalizedIndicator =
	| { ok: true; type: IndicatorType; value: string }
	| { ok: false; reason: string };

/** Checks and normalises one value; `rawType` may be omitted to infer it from the value. */
export function normalizeIndicatorValue(rawType: unknown, rawValue: unknown): NormalizedIndicator {
	if (typeof rawValue !== 'string' && typeof rawValue !== 'number') {
		return { ok: false, reason: 'The indicator has no value.' };
	}
	const value = refang(String(rawValue).trim());
	if (value === '') return { ok: false, reason: 'The indicator value is empty.' };
	const shown = value.slice(0, 80);

	const typeGiven = rawType !== undefined && rawType !== null && rawType !== '';
	const type = typeGiven ? indicatorTypeFor(rawType) : inferType(value);
	if (!type) {
		return {
			ok: false,
			reason: typeGiven
				? `Unknown indicator type '${String(rawType).slice(0, 40)}'. Use one of: ${KNOWN_TYPE_NAMES}.`
				: `Cannot tell the indicator type of '${shown}'; give the type (${KNOWN_TYPE_NAMES}).`,
		};
	}

	const hexLength = HEX_LENGTH[type];
	if (hexLength !== undefined) {
		if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(value)) {
			return {
				ok: false,
				reason: `'${shown}' is not a valid ${type}: it needs ${hexLength} hexadecimal characters.`,
			};
		}
		return { ok: true, type, value: value.toLowerCase() };
	}
	if (type === 'IpAddress') {
		if (value.includes('/')) {
			// graph-api.md §8.3: "CIDR notation for IPs isn't supported".
			return {
				ok: false,
				reason: `'${shown}' is a range; Defender IP indicators take single addresses (no CIDR).`,
			};
		}
		if (!isIPv4(value) && !isIPv6(value)) {
			return { ok: false, reason: `'${shown}' is not a valid IPv4 or IPv6 address.` };
		}
		return { ok: true, type, value: isIPv6(value) ? value.toLowerCase() : value };
	}
	if (type === 'DomainName') {
		const domain = value.toLowerCase().replace(/\.$/, '');
		if (!DOMAIN.test(domain)) {
			return {
				ok: false,
				reason: `'${shown}' is not a valid domain name${/[/:]/.test(domain) ? ' (for a URL, use the Url type)' : ''}.`,
			};
		}
		return { ok: true, type, value: domain };
	}
	if (!URL.canParse(value) || !/^https?:$/i.test(new URL(value).protocol)) {
		return {
			ok: false,
			reason: `'${shown}' is not a valid URL; Url indicators need http:// or https:// in front.`,
		};
	}
	return { ok: true, type, value };
}

/** Identity of an indicator in Defender: type and value, case-insensitive (upsert key, §8.3). */
export function indicatorKey(type: string, value: string): string {
	return `${type}|${value.trim().toLowerCase()}`;
}

/** Actions each type takes (graph-api.md §8.3 overview): network types have no remediation. */
export const ACTIONS_BY_TYPE: Readonly<Record<IndicatorType, readonly string[]>> = {
	FileSha1: ['Allowed', 'Audit', 'Warn', 'Block', 'BlockAndRemediate'],
	FileSha256: ['Allowed', 'Audit', 'Warn', 'Block', 'BlockAndRemediate'],
	FileMd5: ['Allowed', 'Audit', 'Warn', 'Block', 'BlockAndRemediate'],
	CertificateThumbprint: ['Allowed', 'BlockAndRemediate'],
	IpAddress: ['Allowed', 'Audit', 'Warn', 'Block'],
	DomainName: ['Allowed', 'Audit', 'Warn', 'Block'],
	Url: ['Allowed', 'Audit', 'Warn', 'Block'],
};

/** Why `action` does not fit `type`, or undefined when it does. */
export function actionMismatch(type: IndicatorType, action: string): string | undefined {
	const allowed = ACTIONS_BY_TYPE[type];
	if (allowed.includes(action)) return undefined;
	return `${type} indicators take ${allowed.join(', ')}; '${action}' is not one of them.`;
}
