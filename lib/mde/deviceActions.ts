/**
 * Runs one device action on a list of devices with the guardrails: count check before any call,
 * facts read, plan made (planDeviceActions), then, unless dry-run, each planned action is sent and
 * optionally waited for. One device failing does not stop the others; each gets its own result.
 */

import { isDefenderError, type DefenderError } from '../errors';
import { systemClock, type Clock, type Sleep } from '../ports';
import { historyTypesFor } from './actionState';
import {
	actionBody,
	getPackageUri,
	listMachineActions,
	requestMachineAction,
	type DeviceActionRequest,
	type DeviceActionType,
} from './actions';
import type { DefenderApi } from './api';
import {
	checkDeviceCount,
	factsNeeded,
	planDeviceActions,
	resolveGuardrails,
	type DeviceFacts,
	type DeviceGuardrails,
	type StepCode,
} from './guardrails';
import { getMachine } from './machines';
import { settle } from './settle';
import type { MachineAction } from './schemas';
import { waitForAction, type WaitOptions } from './waitForAction';

export type WaitSettings = Omit<WaitOptions, 'sleep' | 'clock'>;

export interface RunDeviceActionsOptions {
	guardrails?: DeviceGuardrails;
	/** Wait for each action to finish (default true), with these limits. */
	wait?: boolean | WaitSettings;
	/** After a successful investigation package collection, fetch its download URI (default true). */
	fetchPackageUri?: boolean;
	sleep: Sleep;
	clock?: Clock;
}

export type DeviceActionOutcome =
	| 'wouldRun'
	| 'skipped'
	| 'requested'
	| 'completed'
	| 'waitTimedOut'
	| 'alreadyInProgress'
	| 'error';

export interface DeviceActionResult {
	machineId: string;
	computerDnsName?: string;
	action: DeviceActionType;
	outcome: DeviceActionOutcome;
	/** Why a device was skipped or run (the planner's code). */
	code?: StepCode;
	reason: string;
	/** The machine action's status: the final one after waiting, else the one at request time. */
	status?: string;
	succeeded?: boolean;
	machineAction?: MachineAction;
	/** Short-lived download URI of the investigation package. */
	packageUri?: string;
	error?: Record<string, unknown>;
}

export interface DeviceActionReport {
	action: DeviceActionType;
	dryRun: boolean;
	results: DeviceActionResult[];
	/** IDs given more than once; each device is acted on once. */
	duplicates: string[];
	counts: Record<DeviceActionOutcome, number>;
}

function lookupError(error: DefenderError): DeviceFacts['lookupError'] {
	return { kind: error.kind, message: error.message, hint: error.hint };
}

async function readFacts(
	api: DefenderApi,
	id: string,
	needs: { device: boolean; history: boolean },
	type: DeviceActionType,
): Promise<DeviceFacts> {
	const facts: DeviceFacts = { machineId: id };
	const read = await settle(
		(async () => {
			if (needs.device) facts.machine = await getMachine(api, id);
			if (needs.history) {
				facts.history = await listMachineActions(api, {
					machineId: id,
					types: historyTypesFor(type),
				});
			}
		})(),
	);
	if (!read.ok) {
		if (!isDefenderError(read.error)) throw read.error;
		facts.lookupError = lookupError(read.error);
	}
	return facts;
}

function countOutcomes(
	results: readonly DeviceActionResult[],
): Record<DeviceActionOutcome, number> {
	const counts: Record<DeviceActionOutcome, number> = {
		wouldRun: 0,
		skipped: 0,
		requested: 0,
		completed: 0,
		waitTimedOut: 0,
		alreadyInProgress: 0,
		error: 0,
	};
	for (const r of results) counts[r.outcome] += 1;
	return counts;
}

async function runOne(
	api: DefenderApi,
	base: Pick<DeviceActionResult, 'machineId' | 'computerDnsName' | 'action' | 'code'>,
	request: DeviceActionRequest,
	options: RunDeviceActionsOptions,
): Promise<DeviceActionResult> {
	const requested = await requestMachineAction(api, base.machineId, request);
	if (requested.outcome === 'alreadyInProgress') {
		return {
			...base,
			outcome: 'alreadyInProgress',
			reason: requested.lookupError
				? `${requested.message} ${requested.lookupError}`
				: requested.message,
			machineAction: requested.pendingAction,
			status: requested.pendingAction?.status,
		};
	}
	const action = requested.action;
	if (options.wait === false) {
		return {
			...base,
			outcome: 'requested',
			reason: `Requested; action ${action.id} is ${action.status}.`,
			status: action.status,
			machineAction: action,
		};
	}
	const settings = typeof options.wait === 'object' ? options.wait : {};
	const waited = await waitForAction(api, action.id, {
		...settings,
		sleep: options.sleep,
		clock: options.clock ?? systemClock,
	});
	if (waited.outcome === 'timedOut') {
		return {
			...base,
			outcome: 'waitTimedOut',
			reason: waited.message,
			status: waited.status,
			machineAction: waited.action,
		};
	}
	const result: DeviceActionResult = {
		...base,
		outcome: 'completed',
		reason: `Action ${action.id} finished: ${waited.status}.`,
		status: waited.status,
		succeeded: waited.succeeded,
		machineAction: waited.action,
	};
	if (
		request.type === 'collectInvestigationPackage' &&
		waited.succeeded &&
		options.fetchPackageUri !== false
	) {
		result.packageUri = await getPackageUri(api, action.id);
	}
	return result;
}

/**
 * Acts on each device the guardrails allow. Throws (before any request) on an invalid action body,
 * bad guardrails or too many devices; everything after that is reported per device.
 */
export async function runDeviceActions(
	api: DefenderApi,
	input: { machineIds: readonly string[]; action: DeviceActionRequest },
	options: RunDeviceActionsOptions,
): Promise<DeviceActionReport> {
	actionBody(input.action);
	const type = input.action.type;
	const rails = resolveGuardrails(options.guardrails);
	const { ids } = checkDeviceCount(input.machineIds, rails.maxDevices, type);
	const needs = factsNeeded(type, rails);

	const facts: DeviceFacts[] = [];
	for (const id of ids) facts.push(await readFacts(api, id, needs, type));
	const plan = planDeviceActions({
		action: type,
		devices: facts,
		guardrails: options.guardrails,
	});
	const results: DeviceActionResult[] = [];
	for (const step of plan.steps) {
		const base = {
			machineId: step.machineId,
			computerDnsName: step.computerDnsName,
			action: type,
			code: step.code,
		};
		if (step.decision === 'skip') {
			results.push({ ...base, outcome: 'skipped', reason: step.reason });
			continue;
		}
		if (plan.dryRun) {
			results.push({ ...base, outcome: 'wouldRun', reason: step.reason });
			continue;
		}
		const ran = await settle(runOne(api, base, input.action, options));
		if (ran.ok) {
			results.push(ran.value);
			continue;
		}
		if (!isDefenderError(ran.error)) throw ran.error;
		const error = ran.error;
		results.push({
			...base,
			outcome: 'error',
			reason: `${error.message}${error.hint ? ` ${error.hint}` : ''}`,
			error: error.toJSON(),
		});
	}
	return {
		action: type,
		dryRun: plan.dryRun,
		results,
		duplicates: plan.duplicates,
		counts: countOutcomes(results),
	};
}
