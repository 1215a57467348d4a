/** Devices (MDE machines): list with filters, get, add and remove tags (graph-api.md §8.1). */

import { idSegment } from '../client/validate';
import { DefenderError, isDefenderError } from '../errors';
import { andFilters, filterFor, type FilterExpression } from '../odata/filter';
import { parseResponse } from '../schemas/parse';
import { listMde, type DefenderApi, type MdeListEndpoint } from './api';
import { isIpAddress } from './ip';
import { machineSchema, type Machine } from './schemas';
import { settle } from './settle';

export const MACHINES_PATH = '/machines';
/** graph-api.md §8.1: `$top` max 10,000 on machines. */
export const MACHINES_MAX_PAGE = 10_000;
/** Writing tags needs write access to machines (graph-api.md §1.4). */
export const MACHINE_TAG_PERMISSION = 'Machine.ReadWrite.All';

export const MACHINES_ENDPOINT: MdeListEndpoint<typeof machineSchema> = {
	path: MACHINES_PATH,
	item: machineSchema,
	maxPageSize: MACHINES_MAX_PAGE,
	what: 'machines page',
	key: (m) => m.id.toLowerCase(),
};

export interface MachineFilters {
	/** Exact device name (`computerDnsName`), e.g. "desktop-01.contoso.com". */
	name?: string;
	/** Last internal IP address (`lastIpAddress`). */
	ip?: string;
	/** One or more of Active, Inactive, ImpairedCommunication, NoSensorData, ... */
	health?: string | readonly string[];
	/** One or more of None, Informational, Low, Medium, High. */
	risk?: string | readonly string[];
	/** One or more of None, Low, Medium, High. */
	exposure?: string | readonly string[];
	/** Devices carrying any of these tags. */
	tag?: string | readonly string[];
	/** One or more OS platforms, e.g. Windows10, Windows11, WindowsServer2019, Linux. */
	os?: string | readonly string[];
	/** Devices seen after this time. */
	lastSeenAfter?: string | Date;
}

export interface ListMachinesOptions {
	filters?: MachineFilters;
	/** Extra raw OData `$filter`, ANDed with the filters. */
	filter?: string;
	/** Page size (max 10,000). */
	pageSize?: number;
	/** Stop after this many devices. */
	limit?: number;
}

function invalid(message: string, hint?: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

function list(value: string | readonly string[] | undefined, name: string): string[] {
	if (value === undefined) return [];
	const values = (typeof value === 'string' ? [value] : [...value]).map((v) => {
		if (typeof v !== 'string') throw invalid(`The ${name} filter takes text values.`);
		return v.trim();
	});
	return values.filter((v) => v !== '');
}

/** The `$filter` for the given criteria (AND between criteria, OR within one); undefined if none. */
export function machineFilter(filters: MachineFilters = {}): string | undefined {
	const f = filterFor('machines');
	const terms: Array<FilterExpression | undefined> = [];
	const oneOf = (field: string, values: string[]) =>
		values.length ? f.inList(field, values) : undefined;

	const name = filters.name?.trim();
	if (name) terms.push(f.eq('computerDnsName', name));
	const ip = filters.ip?.trim();
	if (ip) {
		if (!isIpAddress(ip)) {
			throw invalid(
				`The IP filter '${ip.slice(0, 60)}' is not an IP address.`,
				'Give one IPv4 or IPv6 address such as 10.1.2.3 (ranges and CIDR are not supported).',
			);
		}
		terms.push(f.eq('lastIpAddress', ip));
	}
	terms.push(oneOf('healthStatus', list(filters.health, 'health')));
	terms.push(oneOf('riskScore', list(filters.risk, 'risk')));
	terms.push(oneOf('exposureLevel', list(filters.exposure, 'exposure')));
	terms.push(oneOf('osPlatform', list(filters.os, 'OS')));
	const tags = list(filters.tag, 'tag');
	if (tags.length) terms.push(f.or(...tags.map((t) => f.anyEq('machineTags', t))));
	if (filters.lastSeenAfter !== undefined) terms.push(f.gt('lastSeen', filters.lastSeenAfter));
	return terms.some(Boolean) ? f.and(...terms).text : undefined;
}

/**
 * Every device matching the filters, paged with `$top`/`$skip`. MDE answers 404 when the tenant
 * has no recent devices (graph-api.md §8.1): that is an empty list here.
 */
export async function listMachines(
	api: DefenderApi,
	options: ListMachinesOptions = {},
): Promise<Machine[]> {
	const built = machineFilter(options.filters);
	const raw = options.filter?.trim();
	const filter = built && raw ? andFilters(raw, `(${built})`) : (built ?? raw);
	const result = await settle(
		listMde(api, MACHINES_ENDPOINT, {
			filter: filter || undefined,
			pageSize: options.pageSize,
			limit: options.limit,
		}),
	);
	if (result.ok) return result.value.items;
	if (isDefenderError(result.error) && result.error.kind === 'notFound' && !filter) return [];
	throw result.error;
}

export async function getMachine(api: DefenderApi, id: string): Promise<Machine> {
	const body = await api.request({
		api: 'mde',
		method: 'GET',
		path: `${MACHINES_PATH}/${idSegment(id, 'machine')}`,
	});
	return parseResponse(machineSchema, body, 'machine');
}

export type TagAction = 'Add' | 'Remove';

function tagValue(value: unknown): string {
	const tag = typeof value === 'string' ? value.trim() : '';
	if (!tag) throw invalid('The tag is empty.', 'Write the device tag to add or remove.');
	return tag;
}

/** `POST /api/machines/{id}/tags` with `{Value, Action}`; answers with the updated device. */
export async function tagMachine(
	api: DefenderApi,
	id: string,
	tag: string,
	action: TagAction,
): Promise<Machine> {
	if (action !== 'Add' && action !== 'Remove') {
		throw invalid(`The tag action must be Add or Remove, not '${String(action)}'.`);
	}
	// A 403 names MACHINE_TAG_PERMISSION (lib/http/permissions.ts knows the route).
	const body = await api.request({
		api: 'mde',
		method: 'POST',
		path: `${MACHINES_PATH}/${idSegment(id, 'machine')}/tags`,
		body: { Value: tagValue(tag), Action: action },
	});
	return parseResponse(machineSchema, body, 'tagged machine');
}

export function addMachineTag(api: DefenderApi, id: string, tag: string): Promise<Machine> {
	return tagMachine(api, id, tag, 'Add');
}

export function removeMachineTag(api: DefenderApi, id: string, tag: string): Promise<Machine> {
	return tagMachine(api, id, tag, 'Remove');
}
