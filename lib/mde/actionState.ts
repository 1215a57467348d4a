/**
 * Reads a device's action history to tell whether a requested action would change anything.
 * Pure: the history comes from `GET /api/machineactions?$filter=machineId eq '...'`.
 *
 * Skips need positive evidence. Releasing (unisolate, unrestrict) is skipped only when the latest
 * successful action of the pair was already a release: with no record, the release goes ahead, so
 * a trimmed history can never leave a device isolated.
 */

import {
	ACTION_SPECS,
	newestFirst,
	type DeviceActionType,
	type MachineActionType,
} from './actions';
import type { MachineAction } from './schemas';

const RUNNING = new Set(['Pending', 'InProgress']);

/** Pairs whose latest successful member is the device's current state. */
const PAIRS: Partial<
	Record<DeviceActionType, { on: MachineActionType; off: MachineActionType; state: string }>
> = {
	isolate: { on: 'Isolate', off: 'Unisolate', state: 'isolated' },
	unisolate: { on: 'Isolate', off: 'Unisolate', state: 'isolated' },
	restrictCodeExecution: {
		on: 'RestrictCodeExecution',
		off: 'UnrestrictCodeExecution',
		state: 'restricted to trusted apps',
	},
	unrestrictCodeExecution: {
		on: 'RestrictCodeExecution',
		off: 'UnrestrictCodeExecution',
		state: 'restricted to trusted apps',
	},
};

/** machineAction types the pre-check needs for `type`. */
export function historyTypesFor(type: DeviceActionType): MachineActionType[] {
	const pair = PAIRS[type];
	return pair ? [pair.on, pair.off] : [ACTION_SPECS[type].machineActionType];
}

export type StateCheck =
	| { alreadyInState: false }
	| {
			alreadyInState: true;
			code: 'actionRunning' | 'alreadyInState';
			reason: string;
			/** The action that shows the state. */
			evidence: MachineAction;
	  };

function when(action: MachineAction): string {
	return action.lastUpdateDateTimeUtc ?? action.creationDateTimeUtc ?? 'an unknown time';
}

/** Whether `type` would be a no-op on a device with this action history. */
export function checkActionState(
	type: DeviceActionType,
	history: readonly MachineAction[],
): StateCheck {
	const wanted = ACTION_SPECS[type].machineActionType;
	const ordered = newestFirst(history);
	const running = ordered.find((a) => a.type === wanted && RUNNING.has(a.status));
	if (running) {
		return {
			alreadyInState: true,
			code: 'actionRunning',
			reason: `A ${wanted} action (${running.id}) requested at ${running.creationDateTimeUtc ?? 'an unknown time'} is still ${running.status}.`,
			evidence: running,
		};
	}

	const pair = PAIRS[type];
	if (pair) {
		const latest = ordered.find(
			(a) => (a.type === pair.on || a.type === pair.off) && a.status === 'Succeeded',
		);
		if (latest?.type === wanted) {
			const scope = latest.scope ? ` (${latest.scope})` : '';
			const isRelease = wanted === pair.off;
			return {
				alreadyInState: true,
				code: 'alreadyInState',
				reason: isRelease
					? `The device is not ${pair.state}: the latest ${latest.type} (${latest.id}) succeeded at ${when(latest)}.`
					: `The device is already ${pair.state}${scope}: ${latest.type} action ${latest.id} succeeded at ${when(latest)} and nothing reversed it since.`,
				evidence: latest,
			};
		}
		return { alreadyInState: false };
	}

	if (type === 'offboard') {
		const done = ordered.find((a) => a.type === 'Offboard' && a.status === 'Succeeded');
		if (done) {
			return {
				alreadyInState: true,
				code: 'alreadyInState',
				reason: `The device is already offboarded: Offboard action ${done.id} succeeded at ${when(done)}.`,
				evidence: done,
			};
		}
	}
	return { alreadyInState: false };
}
