/**
 * Machine actions (graph-api.md §8.2). Status is derived from elapsed time on the emulator
 * clock: Pending for one step, InProgress for the next, then Succeeded, unless cancelled or
 * forced by the admin API.
 */
import { formatTicks } from '../time';

export const ACTION_TYPES = {
	isolate: 'Isolate',
	unisolate: 'Unisolate',
	runantivirusscan: 'RunAntiVirusScan',
	restrictcodeexecution: 'RestrictCodeExecution',
	unrestrictcodeexecution: 'UnrestrictCodeExecution',
	collectinvestigationpackage: 'CollectInvestigationPackage',
	stopandquarantinefile: 'StopAndQuarantineFile',
	offboard: 'Offboard',
} as const;

export const FINAL_STATUSES = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'];

export interface MachineActionRecord {
	id: string;
	type: string;
	scope: string | null;
	requestor: string;
	requestorComment: string;
	requestSource: string;
	externalID: string | null;
	machineId: string;
	computerDnsName: string;
	title: string;
	createdMs: number;
	/** Set by cancel or the admin API; otherwise status follows the clock. */
	fixedStatus?: string;
	fixedAtMs?: number;
	cancellationRequestor: string | null;
	cancellationComment: string | null;
	relatedFileInfo: { fileIdentifier: string; fileIdentifierType: string } | null;
}

export function actionStatus(action: MachineActionRecord, nowMs: number, stepMs: number): string {
	if (action.fixedStatus) return action.fixedStatus;
	const elapsed = nowMs - action.createdMs;
	if (elapsed < stepMs) return 'Pending';
	if (elapsed < 2 * stepMs) return 'InProgress';
	return 'Succeeded';
}

export function isFinal(status: string): boolean {
	return FINAL_STATUSES.includes(status);
}

/** The machineAction resource as the API returns it. */
export function serializeAction(
	action: MachineActionRecord,
	nowMs: number,
	stepMs: number,
): Record<string, unknown> {
	const status = actionStatus(action, nowMs, stepMs);
	let updatedMs = action.createdMs;
	if (action.fixedStatus) updatedMs = action.fixedAtMs ?? nowMs;
	else if (status === 'InProgress') updatedMs = action.createdMs + stepMs;
	else if (status === 'Succeeded') updatedMs = action.createdMs + 2 * stepMs;
	return {
		id: action.id,
		type: action.type,
		title: action.title,
		requestor: action.requestor,
		requestorComment: action.requestorComment,
		status,
		machineId: action.machineId,
		computerDnsName: action.computerDnsName,
		creationDateTimeUtc: formatTicks(action.createdMs),
		lastUpdateDateTimeUtc: formatTicks(updatedMs),
		cancellationRequestor: action.cancellationRequestor,
		cancellationComment: action.cancellationComment,
		cancellationDateTimeUtc: action.fixedStatus === 'Cancelled' ? formatTicks(updatedMs) : null,
		errorHResult: 0,
		scope: action.scope,
		externalId: action.externalID,
		requestSource: action.requestSource,
		relatedFileInfo: action.relatedFileInfo,
		commands: [],
		troubleshootInfo: null,
	};
}
