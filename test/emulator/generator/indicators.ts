/** MDE custom indicators (graph-api.md §8.3). */
import { BAD_HOSTS } from './catalog';
import { docIp } from './people';
import type { Prng } from './prng';
import type { MdeIndicator } from './types';
import { formatTicks } from '../time';

const ACTIONS_BY_TYPE: Record<string, string[]> = {
	FileSha1: ['Block', 'Audit', 'BlockAndRemediate', 'Allowed'],
	FileSha256: ['Block', 'Audit', 'BlockAndRemediate', 'Allowed'],
	FileMd5: ['Block', 'Audit', 'Allowed'],
	CertificateThumbprint: ['Allowed', 'BlockAndRemediate'],
	IpAddress: ['Block', 'Audit', 'Warn', 'Allowed'],
	DomainName: ['Block', 'Audit', 'Warn', 'Allowed'],
	Url: ['Block', 'Audit', 'Warn', 'Allowed'],
};

export function makeIndicator(
	rng: Prng,
	id: number,
	createdMs: number,
	creator: string,
): MdeIndicator {
	const type = rng.pick(Object.keys(ACTIONS_BY_TYPE));
	const action = rng.pick(ACTIONS_BY_TYPE[type]);
	const host = rng.pick(BAD_HOSTS);
	const value =
		type === 'FileSha1' || type === 'CertificateThumbprint'
			? rng.hex(40)
			: type === 'FileSha256'
				? rng.hex(64)
				: type === 'FileMd5'
					? rng.hex(32)
					: type === 'IpAddress'
						? docIp(rng)
						: type === 'DomainName'
							? `${rng.hex(6)}.${host}`
							: `https://${host}/${rng.hex(8)}`;
	const created = formatTicks(createdMs, rng.int(0, 9999));
	return {
		id: String(id),
		indicatorValue: value,
		indicatorType: type,
		action,
		application: null,
		source: 'Contoso SOC automation',
		sourceType: 'AadApp',
		title: `${type} seen in incident response`,
		description: `Indicator added while investigating activity related to ${host}.`,
		recommendedActions: 'Investigate devices that communicated with the indicator.',
		severity: rng.pick(['Informational', 'Low', 'Medium', 'High']),
		expirationTime: null,
		generateAlert: action === 'Audit' ? true : rng.chance(0.5),
		createdBy: creator,
		createdBySource: 'PublicApi',
		createdByDisplayName: 'Contoso SOC automation',
		creationTimeDateTimeUtc: created,
		lastUpdateTime: created,
		lastUpdatedBy: creator,
		rbacGroupNames: [],
		rbacGroupIds: [],
		educateUrl: null,
		externalID: null,
	};
}
