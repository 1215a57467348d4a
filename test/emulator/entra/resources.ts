/**
 * Which API a client-credentials scope is for (graph-api.md §1.2) and the audience the emulator
 * writes into tokens for it.
 */
export type Resource = 'graph' | 'mde';

export const AUDIENCES: Record<Resource, string> = {
	graph: 'https://graph.microsoft.com',
	mde: 'https://api.securitycenter.microsoft.com',
};

const RESOURCE_BY_ID: Record<string, Resource> = {
	'https://graph.microsoft.com': 'graph',
	'https://graph.microsoft.us': 'graph',
	'https://dod-graph.microsoft.us': 'graph',
	'https://microsoftgraph.chinacloudapi.cn': 'graph',
	'00000003-0000-0000-c000-000000000000': 'graph',
	'https://api.securitycenter.microsoft.com': 'mde',
	'https://api.security.microsoft.com': 'mde',
	'https://securitycenter.onmicrosoft.com/windowsatpservice': 'mde',
	'https://api-gcc.securitycenter.microsoft.us': 'mde',
	'https://api-gov.securitycenter.microsoft.us': 'mde',
	'fc780465-2017-40d4-a0c5-307022471b92': 'mde',
};

/** Resource for a resource identifier (scope without `/.default`), case-insensitive. */
export function resourceFor(identifier: string): Resource | undefined {
	return RESOURCE_BY_ID[identifier.replace(/\/+$/, '').toLowerCase()];
}
