/**
 * Which application permission a request needs, derived from its method and URL, so a 403 can
 * tell the user exactly what to grant. graph-api.md §1.4.
 */

import type { HttpMethod } from '../ports';

export interface RequiredPermission {
	/** The API the permission belongs to, as shown in Entra ID > API permissions. */
	api: 'Microsoft Graph' | 'WindowsDefenderATP';
	permission: string;
}

const GRAPH = 'Microsoft Graph' as const;
const MDE = 'WindowsDefenderATP' as const;

// graph-api.md §1.4 (MDE app roles), keyed by the lower-cased action path segment.
const MACHINE_ACTION_PERMISSIONS: Record<string, string> = {
	isolate: 'Machine.Isolate',
	unisolate: 'Machine.Isolate',
	runantivirusscan: 'Machine.Scan',
	restrictcodeexecution: 'Machine.RestrictExecution',
	unrestrictcodeexecution: 'Machine.RestrictExecution',
	collectinvestigationpackage: 'Machine.CollectForensics',
	stopandquarantinefile: 'Machine.StopAndQuarantine',
	offboard: 'Machine.Offboard',
	runliveresponse: 'Machine.LiveResponse',
};

function pathOf(url: string): string {
	try {
		return new URL(url).pathname;
	} catch {
		// Relative URLs (batch requests) have no origin.
		return url.split('?')[0] ?? url;
	}
}

/** Returns the least-privileged permission for the call, or undefined for routes we do not know. */
export function requiredPermission(
	method: HttpMethod,
	url: string,
): RequiredPermission | undefined {
	const path = pathOf(url).toLowerCase();
	const isRead = method === 'GET';

	if (/\/security\/alerts_v2(\/|$)/.test(path)) {
		return {
			api: GRAPH,
			permission: isRead ? 'SecurityAlert.Read.All' : 'SecurityAlert.ReadWrite.All',
		};
	}
	if (/\/security\/incidents(\/|$)/.test(path)) {
		return {
			api: GRAPH,
			permission: isRead ? 'SecurityIncident.Read.All' : 'SecurityIncident.ReadWrite.All',
		};
	}
	if (/\/security\/runhuntingquery$/.test(path)) {
		return { api: GRAPH, permission: 'ThreatHunting.Read.All' };
	}

	if (/\/api\/indicators(\/|$)/.test(path)) return { api: MDE, permission: 'Ti.ReadWrite.All' };
	// graph-api.md §1.4, §8.4: tags are a write on a machine path; per-device inventory needs the
	// inventory permissions, not Machine.Read.All.
	if (/\/api\/machines\/[^/]+\/tags$/.test(path) && !isRead) {
		return { api: MDE, permission: 'Machine.ReadWrite.All' };
	}
	if (/\/api\/machines\/[^/]+\/vulnerabilities$/.test(path)) {
		return { api: MDE, permission: 'Vulnerability.Read.All' };
	}
	if (/\/api\/machines\/[^/]+\/software$/.test(path)) {
		return { api: MDE, permission: 'Software.Read.All' };
	}
	const machineAction = /\/api\/machines\/[^/]+\/([a-z]+)$/.exec(path);
	if (machineAction && !isRead) {
		const permission = MACHINE_ACTION_PERMISSIONS[machineAction[1] ?? ''];
		if (permission) return { api: MDE, permission };
	}
	if (/\/api\/machineactions\/[^/]+\/cancel$/.test(path)) {
		// Any action permission works for cancel; Machine.Isolate is the one most apps already hold.
		return {
			api: MDE,
			permission: 'Machine.Isolate (or the permission of the action being cancelled)',
		};
	}
	if (/\/api\/(machines|machineactions)(\/|$)/.test(path)) {
		return { api: MDE, permission: 'Machine.Read.All' };
	}
	if (/\/api\/vulnerabilities(\/|$)/.test(path))
		return { api: MDE, permission: 'Vulnerability.Read.All' };
	if (/\/api\/software(\/|$)/.test(path)) return { api: MDE, permission: 'Software.Read.All' };
	return undefined;
}

const CONSENT_STEP = 'grant admin consent in Entra ID > App registrations > API permissions';

/** The 403 hint: which permission to add, and the consent step people forget. */
export function forbiddenHint(method: HttpMethod | undefined, url: string | undefined): string {
	const needed = method && url ? requiredPermission(method, url) : undefined;
	if (!needed) {
		return `The app registration lacks the application permission for this call: add it, then ${CONSENT_STEP}.`;
	}
	return `Add the ${needed.api} application permission ${needed.permission} to the app registration, then ${CONSENT_STEP}.`;
}
