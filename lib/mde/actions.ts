/**
 * Device response actions (graph-api.md §8.2): each is `POST /api/machines/{id}/<action>` with a
 * case-sensitive PascalCase body and answers 201 with a machineAction. A repeat while one is still
 * running answers 400 "Action is already in progress": that becomes a typed result, not an error.
 */

import { idSegment } from '../client/validate';
import { DefenderError, isDefenderError } from '../errors';
import type { MACHINE_ACTION_TYPES } from '../graph/enums';
import { andFilters, filterFor } from '../odata/filter';
import { parseResponse } from '../schemas/parse';
import { listMde, type DefenderApi, type MdeListEndpoint } from './api';
import { machineActionSchema, packageUriSchema, type MachineAction } from './schemas';
import { settle } from './settle';

/** machineAction `type` values (graph-api.md §8.2). */
export type MachineActionType = (typeof MACHINE_ACTION_TYPES)[number];

export const MACHINE_ACTIONS_PATH = '/machineactions';
/** graph-api.md §8.2: `$top` ≤ 10,000 on machine actions. */
export const MACHINE_ACTIONS_MAX_PAGE = 10_000;

export const DEVICE_ACTION_TYPES = [
	'isolate',
	'unisolate',
	'runAntiVirusScan',
	'restrictCodeExecution',
	'unrestrictCodeExecution',
	'collectInvestigationPackage',
	'stopAndQuarantineFile',
	'offboard',
] as const;
export type DeviceActionType = (typeof DEVICE_ACTION_TYPES)[number];

export const ISOLATION_TYPES = ['Full', 'Selective'] as const;
export type IsolationType = (typeof ISOLATION_TYPES)[number];
export const SCAN_TYPES = ['Quick', 'Full'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];

export interface ActionSpec {
	/** Path segment after /api/machines/{id}/, as documented. */
	path: string;
	/** `type` of the resulting machineAction. */
	machineActionType: MachineActionType;
	/** Words for messages, e.g. "isolate". */
	label: string;
}

// graph-api.md §8.2 (paths and doc casing) and §8.2 machineAction.type.
export const ACTION_SPECS: Readonly<Record<DeviceActionType, ActionSpec>> = {
	isolate: { path: 'isolate', machineActionType: 'Isolate', label: 'isolate' },
	unisolate: {
		path: 'unisolate',
		machineActionType: 'Unisolate',
		label: 'release from isolation',
	},
	runAntiVirusScan: {
		path: 'runAntiVirusScan',
		machineActionType: 'RunAntiVirusScan',
		label: 'run an antivirus scan',
	},
	restrictCodeExecution: {
		path: 'restrictCodeExecution',
		machineActionType: 'RestrictCodeExecution',
		label: 'restrict app execution',
	},
	unrestrictCodeExecution: {
		path: 'unrestrictCodeExecution',
		machineActionType: 'UnrestrictCodeExecution',
		label: 'remove the app restriction',
	},
	collectInvestigationPackage: {
		path: 'collectInvestigationPackage',
		machineActionType: 'CollectInvestigationPackage',
		label: 'collect an investigation package',
	},
	stopAndQuarantineFile: {
		path: 'StopAndQuarantineFile',
		machineActionType: 'StopAndQuarantineFile',
		label: 'stop and quarantine a file',
	},
	offboard: { path: 'offboard', machineActionType: 'Offboard', label: 'offboard' },
};

export type DeviceActionRequest =
	| { type: 'isolate'; comment: string; isolationType?: IsolationType }
	| { type: 'runAntiVirusScan'; comment: string; scanType?: ScanType }
	| { type: 'stopAndQuarantineFile'; comment: string; sha1: string }
	| {
			type:
				| 'unisolate'
				| 'restrictCodeExecution'
				| 'unrestrictCodeExecution'
				| 'collectInvestigationPackage'
				| 'offboard';
			comment: string;
	  };

function invalid(message: string, hint?: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

function pick<T extends string>(
	value: unknown,
	allowed: readonly T[],
	fallback: T,
	what: string,
): T {
	if (value === undefined || value === null || value === '') return fallback;
	const match = allowed.find((a) => a.toLowerCase() === String(value).trim().toLowerCase());
	if (!match) {
		throw invalid(
			`${what} cannot be '${String(value).slice(0, 40)}'. Allowed values: ${allowed.join(', ')}.`,
		);
	}
	return match;
}

export function isDeviceActionType(value: unknown): value is DeviceActionType {
	return (DEVICE_ACTION_TYPES as readonly unknown[]).includes(value);
}

/** The exact request body of an action (case-sensitive names, graph-api.md §8). */
export function actionBody(request: DeviceActionRequest): Record<string, string> {
	if (!request || !isDeviceActionType(request.type)) {
		throw invalid(
			`Unknown device action '${String(request?.type)}'. Use one of: ${DEVICE_ACTION_TYPES.join(', ')}.`,
		);
	}
	const comment = typeof request.comment === 'string' ? request.comment.trim() : '';
	if (!comment) {
		throw invalid(
			`A comment is required to ${ACTION_SPECS[request.type].label} a device.`,
			'Say why, e.g. the incident or ticket number; it is kept in the device timeline.',
		);
	}
	switch (request.type) {
		case 'isolate':
			return {
				Comment: comment,
				IsolationType: pick(request.isolationType, ISOLATION_TYPES, 'Full', 'The isolation type'),
			};
		case 'runAntiVirusScan':
			return {
				Comment: comment,
				ScanType: pick(request.scanType, SCAN_TYPES, 'Quick', 'The scan type'),
			};
		case 'stopAndQuarantineFile': {
			const sha1 = typeof request.sha1 === 'string' ? request.sha1.trim() : '';
			if (!/^[0-9a-fA-F]{40}$/.test(sha1)) {
				throw invalid(
					'Stop and quarantine needs the SHA-1 of the file: 40 hexadecimal characters.',
					'SHA-256 and MD5 are not accepted by this action; look up the SHA-1 in the file evidence.',
				);
			}
			return { Comment: comment, Sha1: sha1.toLowerCase() };
		}
		default:
			return { Comment: comment };
	}
}

export type ActionRequestResult =
	| { outcome: 'requested'; action: MachineAction }
	| {
			outcome: 'alreadyInProgress';
			machineId: string;
			type: DeviceActionType;
			message: string;
			/** The running action of the same type, when it could be looked up. */
			pendingAction?: MachineAction;
			/** Why the running action could not be looked up (e.g. Machine.Read.All missing). */
			lookupError?: string;
	  };

/** True for the 400 MDE sends when the same action is still running (graph-api.md §10.2). */
export function isAlreadyInProgress(error: unknown): error is DefenderError {
	if (!isDefenderError(error) || error.status !== 400) return false;
	const text = `${error.code ?? ''} ${error.apiMessage ?? ''}`;
	return /already in progress|already running|ActiveRequestAlreadyExists|pending machine action/i.test(
		text,
	);
}

/**
 * Requests an action on one device. A duplicate of a running action comes back as
 * `alreadyInProgress` (with the running action when it can be found); other failures throw.
 */
export async function requestMachineAction(
	api: DefenderApi,
	machineId: string,
	request: DeviceActionRequest,
): Promise<ActionRequestResult> {
	const body = actionBody(request);
	const id = idSegment(machineId, 'machine');
	const spec = ACTION_SPECS[request.type];
	const sent = await settle(
		api.request({ api: 'mde', method: 'POST', path: `/machines/${id}/${spec.path}`, body }),
	);
	if (sent.ok) {
		return {
			outcome: 'requested',
			action: parseResponse(machineActionSchema, sent.value, 'machine action'),
		};
	}
	if (!isAlreadyInProgress(sent.error)) throw sent.error;
	const result: ActionRequestResult = {
		outcome: 'alreadyInProgress',
		machineId: machineId.trim(),
		type: request.type,
		message: `An action to ${spec.label} this device is already in progress; Defender accepts one at a time.`,
	};
	const running = await settle(
		listMachineActions(api, {
			machineId: machineId.trim(),
			types: [spec.machineActionType],
			statuses: ['Pending', 'InProgress'],
		}),
	);
	if (running.ok) {
		const pending = newestFirst(running.value)[0];
		if (pending) result.pendingAction = pending;
	} else {
		if (!isDefenderError(running.error)) throw running.error;
		result.lookupError = `${running.error.message}${running.error.hint ? ` ${running.error.hint}` : ''}`;
	}
	return result;
}

export async function getMachineAction(api: DefenderApi, id: string): Promise<MachineAction> {
	const body = await api.request({
		api: 'mde',
		method: 'GET',
		path: `${MACHINE_ACTIONS_PATH}/${idSegment(id, 'machine action')}`,
	});
	return parseResponse(machineActionSchema, body, 'machine action');
}

export interface ListMachineActionsOptions {
	machineId?: string;
	types?: readonly MachineActionType[];
	statuses?: readonly string[];
	/** Extra raw OData `$filter`, ANDed. */
	filter?: string;
	pageSize?: number;
	limit?: number;
}

export const MACHINE_ACTIONS_ENDPOINT: MdeListEndpoint<typeof machineActionSchema> = {
	path: MACHINE_ACTIONS_PATH,
	item: machineActionSchema,
	maxPageSize: MACHINE_ACTIONS_MAX_PAGE,
	what: 'machine actions page',
	key: (a) => a.id,
};

export function machineActionFilter(options: ListMachineActionsOptions): string | undefined {
	const f = filterFor('machineActions');
	const machineId = options.machineId?.trim();
	const built = [
		machineId ? f.eq('machineId', machineId) : undefined,
		options.types?.length ? f.inList('type', [...options.types]) : undefined,
		options.statuses?.length ? f.inList('status', [...options.statuses]) : undefined,
	];
	const text = built.some(Boolean) ? f.and(...built).text : undefined;
	const raw = options.filter?.trim();
	if (raw && text) return andFilters(raw, `(${text})`);
	return text ?? (raw || undefined);
}

/** Machine actions matching the options, all pages. */
export async function listMachineActions(
	api: DefenderApi,
	options: ListMachineActionsOptions = {},
): Promise<MachineAction[]> {
	const result = await listMde(api, MACHINE_ACTIONS_ENDPOINT, {
		filter: machineActionFilter(options),
		pageSize: options.pageSize,
		limit: options.limit,
	});
	return result.items;
}

function createdAt(action: MachineAction): number {
	const ms = Date.parse(action.creationDateTimeUtc ?? '');
	return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** Newest first by creationDateTimeUtc; actions without a readable time go last. */
export function newestFirst(actions: readonly MachineAction[]): MachineAction[] {
	return [...actions].sort((a, b) => createdAt(b) - createdAt(a));
}

/**
 * The download URI of a collected investigation package: short-lived, so fetch it when needed and
 * do not log it. 404 until the collection has succeeded (graph-api.md §8.2).
 */
export async function getPackageUri(api: DefenderApi, actionId: string): Promise<string> {
	const body = await api.request({
		api: 'mde',
		method: 'GET',
		path: `${MACHINE_ACTIONS_PATH}/${idSegment(actionId, 'machine action')}/getPackageUri`,
	});
	return parseResponse(packageUriSchema, body, 'investigation package URI').value;
}
