/**
 * Machine actions (graph-api.md §8.2): isolate, unisolate, antivirus scan, restrict/unrestrict
 * code execution, investigation package, stop and quarantine, offboard; polling and cancel.
 * A second request of the same type while one is still running answers 400.
 */
import {
	ACTION_TYPES,
	actionStatus,
	isFinal,
	serializeAction,
	type MachineActionRecord,
} from './actionModel';
import { mdeList } from './list';
import { mdeBadRequest, mdeEntity, mdeNotFound, readMdeBody, unexpectedKeys } from './responses';
import { MACHINE_ACTION_SCHEMA } from './schemas';
import type { EmuContext } from '../context';
import type { Caller } from '../entra/bearer';
import { json, type EmuRequest, type EmuResponse } from '../http';

/** Roles per action (graph-api.md §1.4). */
export const ACTION_ROLES: Record<string, readonly string[]> = {
	isolate: ['Machine.Isolate'],
	unisolate: ['Machine.Isolate'],
	runantivirusscan: ['Machine.Scan'],
	restrictcodeexecution: ['Machine.RestrictExecution'],
	unrestrictcodeexecution: ['Machine.RestrictExecution'],
	collectinvestigationpackage: ['Machine.CollectForensics'],
	stopandquarantinefile: ['Machine.StopAndQuarantine'],
	offboard: ['Machine.Offboard'],
};

export const ANY_ACTION_ROLE = [
	'Machine.Isolate',
	'Machine.Scan',
	'Machine.RestrictExecution',
	'Machine.CollectForensics',
	'Machine.StopAndQuarantine',
	'Machine.Offboard',
	'Machine.LiveResponse',
];

const PARAMS: Record<string, readonly string[]> = {
	isolate: ['Comment', 'IsolationType', 'ExternalID'],
	runantivirusscan: ['Comment', 'ScanType', 'ExternalID'],
	stopandquarantinefile: ['Comment', 'Sha1', 'ExternalID'],
};

const TITLES: Record<string, string> = {
	Isolate: 'Isolate device',
	Unisolate: 'Release device from isolation',
	RunAntiVirusScan: 'Run antivirus scan',
	RestrictCodeExecution: 'Restrict app execution',
	UnrestrictCodeExecution: 'Remove app restrictions',
	CollectInvestigationPackage: 'Collect investigation package',
	StopAndQuarantineFile: 'Stop and quarantine file',
	Offboard: 'Offboard device',
};

function entity(
	ctx: EmuContext,
	req: EmuRequest,
	action: MachineActionRecord,
	status = 200,
): EmuResponse {
	return mdeEntity(
		req,
		status,
		'MachineActions',
		serializeAction(action, ctx.clock.now(), ctx.options.actionClockMs),
	);
}

/** Checks the documented, case-sensitive body of each action; returns scope and file info. */
function readActionBody(
	actionKey: string,
	body: Record<string, unknown>,
):
	| { ok: true; comment: string; scope: string | null; sha1?: string; externalId: string | null }
	| { ok: false; response: EmuResponse } {
	const extra = unexpectedKeys(body, PARAMS[actionKey] ?? ['Comment', 'ExternalID']);
	if (extra) return { ok: false, response: extra };
	if (typeof body.Comment !== 'string' || body.Comment.trim() === '') {
		return {
			ok: false,
			response: mdeBadRequest(
				'MissingRequiredParameter',
				"The parameter 'Comment' is required and must be a non-empty string.",
			),
		};
	}
	const externalId = typeof body.ExternalID === 'string' ? body.ExternalID : null;
	if (actionKey === 'isolate') {
		const type = body.IsolationType ?? 'Full';
		if (type !== 'Full' && type !== 'Selective' && type !== 'UnManagedDevice') {
			return {
				ok: false,
				response: mdeBadRequest(
					'InvalidRequestBody',
					"IsolationType must be 'Full', 'Selective' or 'UnManagedDevice' (case-sensitive).",
				),
			};
		}
		return { ok: true, comment: body.Comment, scope: type, externalId };
	}
	if (actionKey === 'runantivirusscan') {
		if (body.ScanType !== 'Quick' && body.ScanType !== 'Full') {
			return {
				ok: false,
				response: mdeBadRequest(
					'MissingRequiredParameter',
					"The parameter 'ScanType' is required: 'Quick' or 'Full' (case-sensitive).",
				),
			};
		}
		return { ok: true, comment: body.Comment, scope: body.ScanType, externalId };
	}
	if (actionKey === 'stopandquarantinefile') {
		if (typeof body.Sha1 !== 'string' || !/^[0-9a-fA-F]{40}$/.test(body.Sha1)) {
			return {
				ok: false,
				response: mdeBadRequest(
					'InvalidHashValue',
					"The parameter 'Sha1' is required and must be a 40-character hexadecimal SHA-1 hash.",
				),
			};
		}
		return {
			ok: true,
			comment: body.Comment,
			scope: null,
			sha1: body.Sha1.toLowerCase(),
			externalId,
		};
	}
	return { ok: true, comment: body.Comment, scope: null, externalId };
}

export function postMachineAction(
	ctx: EmuContext,
	req: EmuRequest,
	machineId: string,
	actionName: string,
	caller: Caller,
): EmuResponse {
	const actionKey = actionName.toLowerCase();
	const type = (ACTION_TYPES as Record<string, string>)[actionKey];
	if (!type) return mdeNotFound('Action', actionName);
	const machine = ctx.state.machines.get(machineId);
	if (!machine) return mdeNotFound('Machine', machineId);
	const parsed = readMdeBody(req);
	if (!parsed.ok) return parsed.response;
	const body = readActionBody(actionKey, parsed.body);
	if (!body.ok) return body.response;
	const now = ctx.clock.now();
	const running = [...ctx.state.machineActions.values()].find(
		(a) =>
			a.machineId === machine.id &&
			a.type === type &&
			!isFinal(actionStatus(a, now, ctx.options.actionClockMs)),
	);
	if (running) {
		// graph-api.md §8.2, §10.2: a repeat while one is pending answers 400 "Action is already in progress".
		return mdeBadRequest('ActiveRequestAlreadyExists', 'Action is already in progress');
	}
	const action: MachineActionRecord = {
		id: ctx.state.rng.guid(),
		type,
		scope: body.scope,
		requestor: caller.appId,
		requestorComment: body.comment,
		requestSource: 'PublicApi',
		externalID: body.externalId,
		machineId: machine.id,
		computerDnsName: machine.computerDnsName,
		title: `${TITLES[type]} ${machine.computerDnsName}`,
		createdMs: now,
		cancellationRequestor: null,
		cancellationComment: null,
		relatedFileInfo: body.sha1 ? { fileIdentifier: body.sha1, fileIdentifierType: 'Sha1' } : null,
	};
	ctx.state.machineActions.set(action.id, action);
	// graph-api.md §8.2: actions answer 201; offboard is documented as "200 - Created".
	return entity(ctx, req, action, type === 'Offboard' ? 200 : 201);
}

export function listMachineActions(ctx: EmuContext, req: EmuRequest): EmuResponse {
	const now = ctx.clock.now();
	const rows = [...ctx.state.machineActions.values()]
		.sort((a, b) => b.createdMs - a.createdMs)
		.map((a) => serializeAction(a, now, ctx.options.actionClockMs));
	return mdeList(req, 'MachineActions', rows, MACHINE_ACTION_SCHEMA);
}

export function getMachineAction(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const action = ctx.state.machineActions.get(id);
	return action ? entity(ctx, req, action) : mdeNotFound('MachineAction', id);
}

export function cancelMachineAction(
	ctx: EmuContext,
	req: EmuRequest,
	id: string,
	caller: Caller,
): EmuResponse {
	const action = ctx.state.machineActions.get(id);
	if (!action) return mdeNotFound('MachineAction', id);
	const parsed = readMdeBody(req);
	if (!parsed.ok) return parsed.response;
	const extra = unexpectedKeys(parsed.body, ['Comment']);
	if (extra) return extra;
	if (typeof parsed.body.Comment !== 'string' || parsed.body.Comment.trim() === '') {
		return mdeBadRequest(
			'MissingRequiredParameter',
			"The parameter 'Comment' is required and must be a non-empty string.",
		);
	}
	const now = ctx.clock.now();
	const status = actionStatus(action, now, ctx.options.actionClockMs);
	if (isFinal(status))
		return mdeBadRequest(
			'BadRequest',
			`The action is already in a final state (${status}) and cannot be cancelled.`,
		);
	action.fixedStatus = 'Cancelled';
	action.fixedAtMs = now;
	action.cancellationRequestor = caller.appId;
	action.cancellationComment = parsed.body.Comment;
	return entity(ctx, req, action);
}

export function getPackageUri(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const action = ctx.state.machineActions.get(id);
	if (!action || action.type !== 'CollectInvestigationPackage')
		return mdeNotFound('MachineAction', id);
	if (actionStatus(action, ctx.clock.now(), ctx.options.actionClockMs) !== 'Succeeded') {
		// graph-api.md §8.2: 404 while the collection is not complete.
		return mdeNotFound('Package for machine action', id);
	}
	return json(200, {
		'@odata.context': `${req.origin}/api/$metadata#Edm.String`,
		value: `${req.origin}/_emulator/packages/${id}.zip?se=${new Date(ctx.clock.now() + 600000).toISOString()}&sig=emulator`,
	});
}
