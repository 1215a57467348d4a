/**
 * Vulnerability and software inventory (graph-api.md §8.4): all vulnerabilities, those of one
 * device, the devices exposed to one CVE, and the software installed on one device.
 */

import { idSegment } from '../client/validate';
import { DefenderError } from '../errors';
import { andFilters, quoteString } from '../odata/filter';
import { listMde, type DefenderApi, type MdeListEndpoint } from './api';
import { MACHINES_PATH } from './machines';
import {
	machineReferenceSchema,
	softwareSchema,
	vulnerabilitySchema,
	type MachineReference,
	type Software,
	type Vulnerability,
} from './schemas';

export const VULNERABILITIES_PATH = '/vulnerabilities';
/** graph-api.md §8.4: `$top` ≤ 8,000 on vulnerabilities. */
export const VULNERABILITIES_MAX_PAGE = 8_000;
export const VULNERABILITY_PERMISSION = 'Vulnerability.Read.All';
export const SOFTWARE_PERMISSION = 'Software.Read.All';
export const VULNERABILITY_SEVERITIES = ['Low', 'Medium', 'High', 'Critical'] as const;

function invalid(message: string, hint?: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

/** A CVE ID such as CVE-2024-12345 (upper-cased), or a validation error. */
export function cveId(value: unknown): string {
	const id = typeof value === 'string' ? value.trim().toUpperCase() : '';
	if (!/^CVE-\d{4}-\d{4,}$/.test(id)) {
		throw invalid(
			`'${String(value).slice(0, 40)}' is not a CVE ID.`,
			'Write it as CVE-YYYY-NNNN, e.g. CVE-2024-21413.',
		);
	}
	return id;
}

export interface VulnerabilityFilters {
	severity?: string | readonly string[];
	/** Only this CVE. */
	cveId?: string;
}

export function vulnerabilityFilter(filters: VulnerabilityFilters = {}): string | undefined {
	const terms: string[] = [];
	const severities = filters.severity === undefined ? [] : [filters.severity].flat();
	if (severities.length) {
		const valid = severities.map((s) => {
			const match = VULNERABILITY_SEVERITIES.find(
				(v) => v.toLowerCase() === String(s).trim().toLowerCase(),
			);
			if (!match) {
				throw invalid(
					`Vulnerability severity cannot be '${String(s).slice(0, 30)}'. Allowed values: ${VULNERABILITY_SEVERITIES.join(', ')}.`,
				);
			}
			return match;
		});
		const unique = [...new Set(valid)].map((s) => `severity eq ${quoteString(s)}`);
		terms.push(unique.length > 1 ? `(${unique.join(' or ')})` : (unique[0] as string));
	}
	if (filters.cveId !== undefined && filters.cveId !== '') {
		terms.push(`id eq ${quoteString(cveId(filters.cveId))}`);
	}
	return terms.length ? terms.join(' and ') : undefined;
}

export const VULNERABILITIES_ENDPOINT: MdeListEndpoint<typeof vulnerabilitySchema> = {
	path: VULNERABILITIES_PATH,
	item: vulnerabilitySchema,
	maxPageSize: VULNERABILITIES_MAX_PAGE,
	what: 'vulnerabilities page',
	key: (v) => v.id,
};

export interface ListVulnerabilitiesOptions {
	filters?: VulnerabilityFilters;
	/** Extra raw OData `$filter`, ANDed. */
	filter?: string;
	pageSize?: number;
	limit?: number;
}

/** All vulnerabilities known in the organisation, paged with `$top`/`$skip`. */
export async function listVulnerabilities(
	api: DefenderApi,
	options: ListVulnerabilitiesOptions = {},
): Promise<Vulnerability[]> {
	const built = vulnerabilityFilter(options.filters);
	const raw = options.filter?.trim();
	const filter = built && raw ? andFilters(raw, `(${built})`) : (built ?? raw);
	const result = await listMde(api, VULNERABILITIES_ENDPOINT, {
		filter: filter || undefined,
		pageSize: options.pageSize,
		limit: options.limit,
	});
	return result.items;
}

/** Vulnerabilities of one device (`/api/machines/{id}/vulnerabilities`). */
export async function listMachineVulnerabilities(
	api: DefenderApi,
	machineId: string,
	options: { limit?: number } = {},
): Promise<Vulnerability[]> {
	const result = await listMde(
		api,
		{
			path: `${MACHINES_PATH}/${idSegment(machineId, 'machine')}/vulnerabilities`,
			item: vulnerabilitySchema,
			what: 'device vulnerabilities',
			key: (v) => v.id,
		},
		options,
	);
	return result.items;
}

/** Devices exposed to one CVE (`/api/vulnerabilities/{id}/machineReferences`). */
export async function listVulnerableMachines(
	api: DefenderApi,
	cve: string,
	options: { limit?: number } = {},
): Promise<MachineReference[]> {
	const result = await listMde(
		api,
		{
			path: `${VULNERABILITIES_PATH}/${encodeURIComponent(cveId(cve))}/machineReferences`,
			item: machineReferenceSchema,
			what: 'exposed devices',
			key: (m) => m.id,
		},
		options,
	);
	return result.items;
}

/** Software installed on one device (`/api/machines/{id}/software`). */
export async function listMachineSoftware(
	api: DefenderApi,
	machineId: string,
	options: { limit?: number } = {},
): Promise<Software[]> {
	const result = await listMde(
		api,
		{
			path: `${MACHINES_PATH}/${idSegment(machineId, 'machine')}/software`,
			item: softwareSchema,
			what: 'device software',
			key: (s) => s.id,
		},
		options,
	);
	return result.items;
}
