/** IP address checks without node:net (lib/ runs inside n8n, where only crypto may be imported). */

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);

export function isIPv4(value: string): boolean {
	return IPV4.test(value);
}

/** RFC 4291 text forms, including `::` compression and a trailing dotted IPv4 part. */
export function isIPv6(value: string): boolean {
	let text = value;
	const zone = text.indexOf('%');
	if (zone !== -1) text = text.slice(0, zone);
	let groupsNeeded = 8;
	const lastColon = text.lastIndexOf(':');
	if (text.includes('.')) {
		if (!isIPv4(text.slice(lastColon + 1))) return false;
		text = `${text.slice(0, lastColon + 1)}0`;
		groupsNeeded = 7;
	}
	const halves = text.split('::');
	if (halves.length > 2) return false;
	const groups = (part: string) => (part === '' ? [] : part.split(':'));
	const head = groups(halves[0] ?? '');
	const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
	const all = [...head, ...tail];
	if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
	if (groupsNeeded === 7) {
		// The IPv4 part was replaced by one placeholder group and counts as two.
		return halves.length === 2 ? all.length <= 6 : all.length === 7;
	}
	return halves.length === 2 ? all.length <= 7 : all.length === 8;
}

export function isIpAddress(value: string): boolean {
	return isIPv4(value) || isIPv6(value);
}
