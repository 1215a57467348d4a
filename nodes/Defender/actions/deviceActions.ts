/**
 * Device response actions over a whole execution. The device IDs of all input items are checked
 * against Max Devices per Execution before any request, then handed to lib's runDeviceActions
 * (guardrails, state pre-check, dry run, wait), once per distinct action body (items may carry
 * their own comment). Each device's result goes back to the item that named it, one output item
 * per device; a device whose request failed becomes an error item with Continue On Fail.
 */

import {
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { DefenderClient } from '../../../lib/client/DefenderClient';
import { DefenderError } from '../../../lib/errors';
import {
	actionBody,
	checkDeviceCount,
	resolveGuardrails,
	runDeviceActions,
	type DeviceActionRequest,
	type DeviceActionResult,
	type DeviceActionType,
	type DeviceGuardrails,
	type RunDeviceActionsOptions,
} from '../../../lib/mde';
import { toNodeError } from '../../shared/errors';
import { readOptions, readTags, requiredList, requiredText } from './params';
import type { WholeRunOperation } from './router';
import { errorItem } from './wholeRun';

/** The action of one item, from its parameters and its comment. */
export type BuildAction = (
	context: IExecuteFunctions,
	itemIndex: number,
	comment: string,
) => DeviceActionRequest;

type Planned =
	| { ok: true; ids: string[]; request: DeviceActionRequest; key: string }
	| { ok: false; error: unknown };

function deviceKey(id: string): string {
	return id.trim().toLowerCase();
}

function planItem(context: IExecuteFunctions, itemIndex: number, build: BuildAction): Planned {
	try {
		const ids = requiredList(
			context,
			itemIndex,
			'deviceIds',
			'Device IDs',
			'Set Device IDs, e.g. with an expression such as {{ $json.mdeDeviceId }}.',
		);
		const comment = requiredText(
			context,
			itemIndex,
			'comment',
			'Comment',
			'Say why, e.g. the incident or ticket number; Defender keeps it with the action.',
		);
		const request = build(context, itemIndex, comment);
		// Checks the body (comment, isolation or scan type, SHA-1) before anything is sent.
		const key = JSON.stringify(actionBody(request));
		return { ok: true, ids, request, key };
	} catch (error) {
		return { ok: false, error };
	}
}

function guardrailsFrom(options: IDataObject): DeviceGuardrails {
	const guardrails: DeviceGuardrails = {
		dryRun: options.dryRun === true,
		skipIfAlreadyInState: options.skipIfAlreadyInState !== false,
	};
	if (options.maxDevices !== undefined) guardrails.maxDevices = Number(options.maxDevices);
	if (options.protectedTags !== undefined)
		guardrails.protectedTags = readTags(options.protectedTags);
	if (options.protectedDeviceIds !== undefined) {
		guardrails.protectedMachineIds = readTags(options.protectedDeviceIds);
	}
	return guardrails;
}

function waitFrom(options: IDataObject): RunDeviceActionsOptions['wait'] {
	if (options.waitForCompletion === false) return false;
	const minutes = options.waitTimeLimit === undefined ? 10 : Number(options.waitTimeLimit);
	if (!Number.isFinite(minutes) || minutes < 0) {
		throw new DefenderError(
			'validation',
			'Wait Time Limit must be a number of minutes, 0 or more.',
		);
	}
	return { timeoutMs: minutes * 60_000 };
}

/** The failed request of one device, as the error lib reported it. */
function deviceError(result: DeviceActionResult): DefenderError {
	const json = result.error ?? {};
	const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
	const message = text(json.message) ?? result.reason;
	return new DefenderError(
		(text(json.kind) as DefenderError['kind'] | undefined) ?? 'server',
		`Device ${result.machineId}: ${message}`,
		{
			status: typeof json.status === 'number' ? json.status : undefined,
			code: text(json.code),
			requestId: text(json.requestId),
			hint: text(json.hint),
			apiMessage: text(json.apiMessage),
		},
	);
}

export function deviceActionOperation(
	type: DeviceActionType,
	build: BuildAction,
): WholeRunOperation {
	return async function (this: IExecuteFunctions, client: DefenderClient) {
		const count = this.getInputData().length;
		const planned: Planned[] = [];
		for (let itemIndex = 0; itemIndex < count; itemIndex++) {
			planned.push(planItem(this, itemIndex, build));
		}
		const invalid = planned.findIndex((entry) => !entry.ok);
		if (invalid >= 0 && !this.continueOnFail()) {
			throw toNodeError(this.getNode(), (planned[invalid] as { error: unknown }).error, invalid);
		}

		let guardrails: DeviceGuardrails;
		let wait: RunDeviceActionsOptions['wait'];
		try {
			const options = readOptions(this, 0);
			guardrails = guardrailsFrom(options);
			wait = waitFrom(options);
			// The limit is per execution: all items' devices together, before any request.
			const rails = resolveGuardrails(guardrails);
			const all = planned.flatMap((entry) => (entry.ok ? entry.ids : []));
			if (all.length > 0) checkDeviceCount(all, rails.maxDevices, type);
		} catch (error) {
			// Nothing was sent: every item fails with the same reason.
			return planned.map((_entry, itemIndex) => errorItem(this, itemIndex, error));
		}

		// Each device is acted on once, with the action of the first item that names it.
		const groups = new Map<string, { request: DeviceActionRequest; ids: string[] }>();
		const claimed = new Set<string>();
		for (const entry of planned) {
			if (!entry.ok) continue;
			const group = groups.get(entry.key) ?? { request: entry.request, ids: [] };
			groups.set(entry.key, group);
			for (const id of entry.ids) {
				if (claimed.has(deviceKey(id))) continue;
				claimed.add(deviceKey(id));
				group.ids.push(id);
			}
		}

		const results = new Map<string, IDataObject>();
		const groupErrors = new Map<string, unknown>();
		for (const [key, group] of groups) {
			if (group.ids.length === 0) continue;
			try {
				const report = await runDeviceActions(
					client,
					{ machineIds: group.ids, action: group.request },
					{ guardrails, wait, sleep, fetchPackageUri: true },
				);
				for (const result of report.results) {
					results.set(deviceKey(result.machineId), { ...result, dryRun: report.dryRun });
				}
			} catch (error) {
				groupErrors.set(key, error);
			}
		}

		const output: INodeExecutionData[] = [];
		const fail = (itemIndex: number, error: unknown, extra: IDataObject = {}) => {
			output.push(errorItem(this, itemIndex, error, extra));
		};
		planned.forEach((entry, itemIndex) => {
			if (!entry.ok) return fail(itemIndex, entry.error);
			const groupError = groupErrors.get(entry.key);
			for (const id of entry.ids) {
				const result = results.get(deviceKey(id));
				if (!result) {
					fail(
						itemIndex,
						groupError ?? new DefenderError('server', `Device ${id} was not processed.`),
						{ machineId: id },
					);
				} else if (result.outcome === 'error') {
					const failed = result as unknown as DeviceActionResult;
					fail(itemIndex, deviceError(failed), { machineId: failed.machineId, action: type });
				} else {
					output.push({ json: result, pairedItem: { item: itemIndex } });
				}
			}
		});
		return output;
	};
}
