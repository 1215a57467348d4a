/**
 * Guardrails for device actions, as a pure planner: which devices to act on, which to skip and
 * why. Facts (the device, its action history) are read by the caller beforehand; the count check
 * runs before anything is read.
 */

import { DefenderError, type DefenderErrorKind } from '../errors';
import { checkActionState } from './actionState';
import { ACTION_SPECS, isDeviceActionType, type DeviceActionType } from './actions';
import type { Machine, MachineAction } from './schemas';

export const DEFAULT_PROTECTED_TAG = 'do-not-isolate';
export const DEFAULT_MAX_DEVICES = 10;
/** Actions the protected tag and list block by default: the ones that cut a device off. */
export const DEFAULT_GUARDED_ACTIONS: readonly DeviceActionType[] = ['isolate', 'offboard'];

export interface DeviceGuardrails {
	/** Devices with any of these tags (case-insensitive) are never acted on. Default: do-not-isolate. */
	protectedTags?: readonly string[];
	/** Device IDs never acted on. */
	protectedMachineIds?: readonly string[];
	/** Which actions the protected tags and IDs block. Default: isolate and offboard. */
	guardedActions?: readonly DeviceActionType[];
	/** Refuse the whole run when more devices are given (default 10). */
	maxDevices?: number;
	/** Report what would be done; send no action. */
	dryRun?: boolean;
	/** Skip a device already in the requested state or with the same action running (default true). */
	skipIfAlreadyInState?: boolean;
}

export interface ResolvedGuardrails {
	protectedTags: string[];
	protectedMachineIds: string[];
	guardedActions: DeviceActionType[];
	maxDevices: number;
	dryRun: boolean;
	skipIfAlreadyInState: boolean;
}

/** What the caller read about one device before planning. */
export interface DeviceFacts {
	machineId: string;
	machine?: Machine;
	/** Action history, when the pre-check is on. */
	history?: readonly MachineAction[];
	/** Why the device or its history could not be read. */
	lookupError?: { kind: DefenderErrorKind; message: string; hint?: string };
}

export type StepCode =
	| 'ok'
	| 'protectedTag'
	| 'protectedId'
	| 'alreadyInState'
	| 'actionRunning'
	| 'lookupFailed';

export interface PlanStep {
	machineId: string;
	computerDnsName?: string;
	decision: 'run' | 'skip';
	code: StepCode;
	reason: string;
}

export interface DevicePlan {
	action: DeviceActionType;
	dryRun: boolean;
	steps: PlanStep[];
	/** IDs given more than once, acted on once. */
	duplicates: string[];
}

function invalid(message: string, hint?: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

function texts(value: readonly string[] | undefined, name: string): string[] {
	if (value === undefined) return [];
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
		throw invalid(`${name} must be a list of text values.`);
	}
	return value.map((v) => v.trim()).filter((v) => v !== '');
}

export function resolveGuardrails(guardrails: DeviceGuardrails = {}): ResolvedGuardrails {
	const maxDevices = guardrails.maxDevices ?? DEFAULT_MAX_DEVICES;
	if (!Number.isInteger(maxDevices) || maxDevices < 1) {
		throw invalid('The maximum number of devices must be a whole number of at least 1.');
	}
	const guarded = guardrails.guardedActions ?? DEFAULT_GUARDED_ACTIONS;
	const unknown = guarded.filter((a) => !isDeviceActionType(a));
	if (unknown.length) {
		throw invalid(`Unknown guarded action ${unknown.map((a) => `'${String(a)}'`).join(', ')}.`);
	}
	return {
		protectedTags: texts(guardrails.protectedTags ?? [DEFAULT_PROTECTED_TAG], 'Protected tags'),
		protectedMachineIds: texts(guardrails.protectedMachineIds, 'Protected device IDs'),
		guardedActions: [...guarded],
		maxDevices,
		dryRun: guardrails.dryRun ?? false,
		skipIfAlreadyInState: guardrails.skipIfAlreadyInState ?? true,
	};
}

/** MDE machine IDs are 40-hex SHA-1 strings; compare them case-insensitively. */
function idKey(id: string): string {
	return id.trim().toLowerCase();
}

/**
 * The unique device IDs in order, after the count check. Throws before any request when there are
 * none, a blank one, or more than `maxDevices`.
 */
export function checkDeviceCount(
	machineIds: readonly string[],
	maxDevices: number,
	action: DeviceActionType,
): { ids: string[]; duplicates: string[] } {
	if (!Array.isArray(machineIds) || machineIds.length === 0) {
		throw invalid('No device IDs were given.', 'Pass at least one Defender device (machine) ID.');
	}
	const ids: string[] = [];
	const duplicates: string[] = [];
	const seen = new Set<string>();
	machineIds.forEach((raw, index) => {
		const id = typeof raw === 'string' ? raw.trim() : '';
		if (!id) throw invalid(`Device ID #${index + 1} is empty.`);
		if (seen.has(idKey(id))) duplicates.push(id);
		else {
			seen.add(idKey(id));
			ids.push(id);
		}
	});
	if (ids.length > maxDevices) {
		throw invalid(
			`Refusing to ${ACTION_SPECS[action].label} ${ids.length} devices: the limit per execution is ${maxDevices}. Nothing was sent.`,
			'Narrow the device list, split the run, or raise the maximum number of devices if this many is intended.',
		);
	}
	return { ids, duplicates };
}

/** Which facts the planner needs for `action`, so the caller reads nothing more. */
export function factsNeeded(
	action: DeviceActionType,
	rails: ResolvedGuardrails,
): { device: boolean; history: boolean } {
	return {
		device: rails.guardedActions.includes(action) && rails.protectedTags.length > 0,
		history: rails.skipIfAlreadyInState,
	};
}

function protection(
	action: DeviceActionType,
	facts: DeviceFacts,
	rails: ResolvedGuardrails,
): PlanStep | undefined {
	if (!rails.guardedActions.includes(action)) return undefined;
	const label = ACTION_SPECS[action].label;
	const base = {
		machineId: facts.machineId,
		computerDnsName: facts.machine?.computerDnsName ?? undefined,
	};
	if (rails.protectedMachineIds.some((p) => idKey(p) === idKey(facts.machineId))) {
		return {
			...base,
			decision: 'skip',
			code: 'protectedId',
			reason: `The device is on the protected list, so it is never sent '${label}'.`,
		};
	}
	const protectedTags = new Set(rails.protectedTags.map((t) => t.toLowerCase()));
	const tag = (facts.machine?.machineTags ?? []).find((t) =>
		protectedTags.has(t.trim().toLowerCase()),
	);
	if (tag !== undefined) {
		return {
			...base,
			decision: 'skip',
			code: 'protectedTag',
			reason: `The device carries the protected tag '${tag}', so it is never sent '${label}'.`,
		};
	}
	return undefined;
}

/**
 * Decides, per device, whether to act. Order of checks: lookup failure (never act blind on a
 * guarded action), protected ID, protected tag, then the state pre-check.
 */
export function planDeviceActions(input: {
	action: DeviceActionType;
	devices: readonly DeviceFacts[];
	guardrails?: DeviceGuardrails;
}): DevicePlan {
	if (!isDeviceActionType(input.action)) {
		throw invalid(`Unknown device action '${String(input.action)}'.`);
	}
	const rails = resolveGuardrails(input.guardrails);
	const { ids, duplicates } = checkDeviceCount(
		input.devices.map((d) => d.machineId),
		rails.maxDevices,
		input.action,
	);
	const byId = new Map(input.devices.map((d) => [idKey(d.machineId), d]));
	const needs = factsNeeded(input.action, rails);

	const steps = ids.map((id): PlanStep => {
		const facts = byId.get(idKey(id)) as DeviceFacts;
		const base = { machineId: id, computerDnsName: facts.machine?.computerDnsName ?? undefined };
		const missing =
			facts.lookupError ||
			(needs.device && !facts.machine) ||
			(needs.history && facts.history === undefined);
		if (missing) {
			const why = facts.lookupError
				? `${facts.lookupError.message}${facts.lookupError.hint ? ` ${facts.lookupError.hint}` : ''}`
				: 'The device or its action history was not read.';
			return {
				...base,
				decision: 'skip',
				code: 'lookupFailed',
				reason: `Could not check the guardrails for this device, so nothing was sent. ${why}`,
			};
		}
		const blocked = protection(input.action, facts, rails);
		if (blocked) return blocked;
		if (rails.skipIfAlreadyInState) {
			const state = checkActionState(input.action, facts.history ?? []);
			if (state.alreadyInState) {
				return { ...base, decision: 'skip', code: state.code, reason: state.reason };
			}
		}
		return {
			...base,
			decision: 'run',
			code: 'ok',
			reason: rails.dryRun
				? `Dry run: would ${ACTION_SPECS[input.action].label} this device.`
				: `Guardrails passed: ${ACTION_SPECS[input.action].label}.`,
		};
	});
	return { action: input.action, dryRun: rails.dryRun, steps, duplicates };
}
