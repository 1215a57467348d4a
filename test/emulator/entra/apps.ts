/* eslint-disable @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/**
 * Registered Entra applications: client id, secret and/or certificate, display name and the
 * application roles (permissions) granted to them, per resource (graph-api.md §1.4).
 */
import { createHash, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';

export const GRAPH_ROLES = [
	'SecurityAlert.Read.All',
	'SecurityAlert.ReadWrite.All',
	'SecurityIncident.Read.All',
	'SecurityIncident.ReadWrite.All',
	'ThreatHunting.Read.All',
] as const;

export const MDE_ROLES = [
	'Machine.Read.All',
	'Machine.ReadWrite.All',
	'Machine.Isolate',
	'Machine.Scan',
	'Machine.RestrictExecution',
	'Machine.CollectForensics',
	'Machine.StopAndQuarantine',
	'Machine.Offboard',
	'Machine.LiveResponse',
	'Ti.ReadWrite',
	'Ti.ReadWrite.All',
	'Vulnerability.Read.All',
	'Software.Read.All',
] as const;

export const ALL_ROLES: readonly string[] = [...GRAPH_ROLES, ...MDE_ROLES];

export interface AppRegistration {
	clientId: string;
	displayName: string;
	clientSecret?: string;
	/** Parsed certificate(s) the app may sign client assertions with. */
	certificates: { x5t: string; x5tS256: string; publicKey: KeyObject }[];
	roles: string[];
}

export interface AppInput {
	clientId?: string;
	displayName?: string;
	clientSecret?: string;
	/** PEM of the X.509 certificate whose private key signs client assertions. */
	certificatePem?: string;
	/** Application roles; default: every role the emulator knows. */
	roles?: string[];
}

export interface RegisteredApp {
	clientId: string;
	displayName: string;
	roles: string[];
}

function thumbprints(cert: X509Certificate): { x5t: string; x5tS256: string } {
	return {
		x5t: createHash('sha1').update(cert.raw).digest('base64url'),
		x5tS256: createHash('sha256').update(cert.raw).digest('base64url'),
	};
}

export class AppRegistry {
	private readonly apps = new Map<string, AppRegistration>();

	register(input: AppInput): RegisteredApp {
		if (input.clientSecret === undefined && input.certificatePem === undefined) {
			throw new Error('An app needs clientSecret or certificatePem (or both).');
		}
		if (
			input.roles !== undefined &&
			(!Array.isArray(input.roles) || input.roles.some((r) => typeof r !== 'string'))
		) {
			throw new Error('roles must be an array of role names, e.g. ["SecurityAlert.Read.All"].');
		}
		const certificates = [];
		if (input.certificatePem !== undefined) {
			let cert: X509Certificate;
			try {
				cert = new X509Certificate(input.certificatePem);
			} catch {
				throw new Error('certificatePem is not a PEM-encoded X.509 certificate.');
			}
			certificates.push({ ...thumbprints(cert), publicKey: cert.publicKey });
		}
		const clientId = input.clientId ?? randomUUID();
		const app: AppRegistration = {
			clientId,
			displayName: input.displayName ?? `Emulator app ${clientId.slice(0, 8)}`,
			clientSecret: input.clientSecret,
			certificates,
			roles: [...(input.roles ?? ALL_ROLES)],
		};
		this.apps.set(clientId.toLowerCase(), app);
		return { clientId, displayName: app.displayName, roles: [...app.roles] };
	}

	get(clientId: string): AppRegistration | undefined {
		return this.apps.get(clientId.toLowerCase());
	}

	clear(): void {
		this.apps.clear();
	}
}

/** Roles that belong in a token for the given resource. */
export function rolesForResource(roles: readonly string[], resource: 'graph' | 'mde'): string[] {
	const own: readonly string[] = resource === 'graph' ? GRAPH_ROLES : MDE_ROLES;
	const other: readonly string[] = resource === 'graph' ? MDE_ROLES : GRAPH_ROLES;
	// Unknown role names are passed through to both resources, so tests can probe odd claims.
	return roles.filter((r) => own.includes(r) || !other.includes(r));
}
