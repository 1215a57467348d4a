/** Users and IP addresses shared by evidence, machines and hunting rows. */
import { DOC_IP_PREFIXES, DOMAINS, FIRST_NAMES, LAST_NAMES, NETBIOS } from './catalog';
import type { Prng } from './prng';

export interface UserRef {
	accountName: string;
	domainName: string;
	userPrincipalName: string;
	displayName: string;
	userSid: string;
	azureAdUserId: string;
	email: string;
}

export function makeUser(rng: Prng): UserRef {
	const first = rng.pick(FIRST_NAMES);
	const last = rng.pick(LAST_NAMES);
	const domainIndex = rng.int(0, DOMAINS.length - 1);
	const account = `${first[0]}${last}`.toLowerCase();
	const upn = `${first}${last[0]}@${DOMAINS[domainIndex]}`.toLowerCase();
	return {
		accountName: account,
		domainName: NETBIOS[domainIndex],
		userPrincipalName: upn,
		displayName: `${first} ${last}`,
		userSid: `S-1-5-21-${rng.digits(10)}-${rng.digits(10)}-${rng.digits(9)}-${rng.int(1100, 9999)}`,
		azureAdUserId: rng.guid(),
		email: upn,
	};
}

/** An external address from the documentation ranges 198.51.100.0/24 and 203.0.113.0/24 (RFC 5737). */
export function docIp(rng: Prng): string {
	return `${rng.pick(DOC_IP_PREFIXES.slice(1))}${rng.int(1, 254)}`;
}

/** Internal (device interface) addresses: 192.0.2.0/24, a documentation range too. */
export function privateIp(rng: Prng): string {
	return `192.0.2.${rng.int(2, 254)}`;
}

export function macAddress(rng: Prng): string {
	return rng.hex(12).toUpperCase();
}
