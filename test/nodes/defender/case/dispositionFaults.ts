/**
 * Closed cases linked to emulator alerts and incidents, a seeded menu of faults on their reads,
 * resolves, comments and $batch calls, and the check of the end state: every linked entity
 * resolved with exactly one audit comment. Shared by the node tests and the real-n8n scenario.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FaultSpec } from '../../../emulator/faults';
import type { RunningEmulator } from '../../../emulator';

export type Link = 'alert' | 'incident' | 'both';

export interface Target {
	type: 'alert' | 'incident';
	id: string;
}

export interface SyncCase {
	json: IDataObject;
	caseId: string;
	resolution: string;
	classification: string;
	comment: string;
	targets: Target[];
}

export const CASE_SYSTEM = 'TheHive';

/** Small seeded PRNG (mulberry32): the same seed gives the same cases and faults. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function pick<T>(random: () => number, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)] as T;
}

/**
 * `count` cases, each on its own active incident: the case links the incident's first alert, the
 * incident, or both. No entity is shared between cases, so each end state belongs to one case.
 */
export function buildCases(
	emulator: RunningEmulator,
	count: number,
	random: () => number,
	prefix = 'case',
): SyncCase[] {
	const incidents = [...emulator.state.incidents.values()].filter(
		(incident) =>
			(incident.status === 'active' || incident.status === 'inProgress') &&
			(incident.alertIds?.length ?? 0) > 0 &&
			incident.alertIds.every((id) => emulator.state.alerts.get(id)?.status !== 'resolved'),
	);
	if (incidents.length < count) {
		throw new Error(`The emulator has ${incidents.length} open incidents, ${count} are needed`);
	}
	return incidents.slice(0, count).map((incident, i) => {
		const link = pick<Link>(random, ['alert', 'incident', 'both']);
		const alertId = incident.alertIds[0] as string;
		const resolution = pick(random, ['FalsePositive', 'TruePositive', 'NoImpact']);
		const caseId = `${prefix}-${i + 1}`;
		const targets: Target[] = [];
		const extraData: IDataObject = { source: 'defender' };
		if (link !== 'incident') {
			targets.push({ type: 'alert', id: alertId });
			extraData.defenderAlertId = alertId;
		}
		if (link !== 'alert') {
			targets.push({ type: 'incident', id: incident.id });
			extraData.defenderIncidentId = incident.id;
		}
		return {
			json: { id: caseId, title: `Case for incident ${incident.id}`, resolution, extraData },
			caseId,
			resolution,
			classification: CLASSIFICATION[resolution] as string,
			comment: `Case ${caseId} closed in ${CASE_SYSTEM} with resolution: ${resolution}`,
			targets,
		};
	});
}

/** The default resolution mapping of the node (lib/disposition/mapping.ts). */
const CLASSIFICATION: Record<string, string> = {
	FalsePositive: 'falsePositive',
	TruePositive: 'truePositive',
	NoImpact: 'informationalExpectedActivity',
};

export function entityPath(target: Target): string {
	const collection = target.type === 'alert' ? 'alerts_v2' : 'incidents';
	return `/v1.0/security/${collection}/${encodeURIComponent(target.id)}`;
}

/** Kinds of fault, named for the figures. `lost` ones let the request run and lose its answer. */
export type FaultKind =
	| 'get429'
	| 'getReset'
	| 'get503'
	| 'patch503'
	| 'patchReset'
	| 'patchLost'
	| 'comment429'
	| 'comment503'
	| 'commentLost'
	| 'comment504Lost'
	| 'commentMalformed'
	| 'commentDown'
	| 'getDown'
	| 'batch503'
	| 'batchLost';

/** Faults that outlast every retry and round: the call must end in an error item. */
export const LASTING: ReadonlySet<FaultKind> = new Set(['commentDown', 'getDown']);

export function faultFor(kind: FaultKind, target: Target, random: () => number): FaultSpec {
	const path = entityPath(target);
	const times = 1 + Math.floor(random() * 2);
	switch (kind) {
		case 'get429':
			return { method: 'GET', path, status: 429, retryAfter: '0', times };
		case 'getReset':
			return { method: 'GET', path, reset: true };
		case 'get503':
			return { method: 'GET', path, status: 503, retryAfter: '0', times };
		case 'patch503':
			return { method: 'PATCH', path, status: 503, retryAfter: '0', times };
		case 'patchReset':
			return { method: 'PATCH', path, reset: true };
		case 'patchLost':
			return { method: 'PATCH', path, reset: true, afterProcessing: true };
		case 'comment429':
			return { method: 'POST', path: `${path}/comments`, status: 429, retryAfter: '0', times };
		case 'comment503':
			return { method: 'POST', path: `${path}/comments`, status: 503, retryAfter: '0', times };
		case 'commentLost':
			return { method: 'POST', path: `${path}/comments`, reset: true, afterProcessing: true };
		case 'comment504Lost':
			return { method: 'POST', path: `${path}/comments`, status: 504, afterProcessing: true };
		case 'commentMalformed':
			return { method: 'POST', path: `${path}/comments`, malformed: true };
		case 'commentDown':
			return { method: 'POST', path: `${path}/comments`, status: 503, retryAfter: '0', times: 40 };
		case 'getDown':
			return { method: 'GET', path, status: 500, times: 40 };
		case 'batch503':
			return { method: 'POST', path: '/v1.0/$batch', status: 503, retryAfter: '0' };
		case 'batchLost':
			return { method: 'POST', path: '/v1.0/$batch', reset: true, afterProcessing: true };
	}
}

export const ENTITY_FAULTS: readonly FaultKind[] = [
	'get429',
	'getReset',
	'get503',
	'patch503',
	'patchReset',
	'patchLost',
	'comment429',
	'comment503',
	'commentLost',
	'comment504Lost',
	'commentMalformed',
	'commentDown',
	'getDown',
];

/** Per case: no fault, or one or two faults on its entities; returns what was injected. */
export function injectFaults(
	emulator: RunningEmulator,
	cases: readonly SyncCase[],
	random: () => number,
	options: { rate?: number; batch?: boolean } = {},
): FaultKind[] {
	const injected: FaultKind[] = [];
	for (const syncCase of cases) {
		if (random() >= (options.rate ?? 0.7)) continue;
		const count = random() < 0.25 ? 2 : 1;
		for (let n = 0; n < count; n++) {
			const kind = pick(random, ENTITY_FAULTS);
			emulator.faults.add(faultFor(kind, pick(random, syncCase.targets), random));
			injected.push(kind);
		}
	}
	if (options.batch) {
		for (const kind of ['batch503', 'batchLost'] as const) {
			if (random() < 0.5) {
				emulator.faults.add(faultFor(kind, cases[0]?.targets[0] as Target, random));
				injected.push(kind);
			}
		}
	}
	return injected;
}

export interface EntityState {
	target: Target;
	resolved: boolean;
	classification?: string | null;
	comments: number;
}

/** How the emulator holds each linked entity now: resolved or not, and its audit comments. */
export function stateOf(emulator: RunningEmulator, syncCase: SyncCase): EntityState[] {
	return syncCase.targets.map((target) => {
		const entity =
			target.type === 'alert'
				? emulator.state.alerts.get(target.id)
				: emulator.state.incidents.get(target.id);
		return {
			target,
			resolved: entity?.status === 'resolved',
			classification: entity?.classification,
			comments: (entity?.comments ?? []).filter((c) => c.comment === syncCase.comment).length,
		};
	});
}

export function complete(syncCase: SyncCase, states: readonly EntityState[]): boolean {
	return states.every(
		(state) =>
			state.resolved && state.classification === syncCase.classification && state.comments === 1,
	);
}

/** Problems with one case's outcome; empty when the outcome is acceptable. */
export function checkOutcome(
	syncCase: SyncCase,
	states: readonly EntityState[],
	output: IDataObject,
): string[] {
	const problems: string[] = [];
	for (const state of states) {
		if (state.comments > 1) {
			problems.push(`${state.target.type} ${state.target.id} has ${state.comments} comments`);
		}
	}
	if (typeof output.error === 'string') {
		const touched = states.some((state) => state.resolved || state.comments > 0);
		if (!touched) {
			// Nothing was changed: naming the entity that failed is enough.
			const named = syncCase.targets.some((t) => output.error?.toString().includes(` ${t.id}`));
			if (!named) problems.push(`the error item names none of the case's entities`);
			return problems;
		}
		// Partly done: the error must name every entity not finished, and say a comment is missing.
		for (const state of states) {
			const finished = state.resolved && state.comments === 1;
			if (finished) continue;
			const name = `${state.target.type === 'alert' ? 'lert' : 'ncident'} ${state.target.id}`;
			if (!output.error.includes(name)) {
				problems.push(`the error item does not name ${state.target.type} ${state.target.id}`);
			}
			if (state.resolved && !/comment not added|comment maybe added/.test(output.error)) {
				problems.push(
					`${state.target.type} ${state.target.id} is resolved without its comment and the error does not say so`,
				);
			}
		}
		return problems;
	}
	if (!complete(syncCase, states)) {
		problems.push(
			`reported ${JSON.stringify((output.defenderSync as IDataObject | undefined)?.status)} but the end state is ${JSON.stringify(states)}`,
		);
	}
	const entities = ((output.defenderSync as IDataObject | undefined)?.entities ??
		[]) as IDataObject[];
	for (const entity of entities) {
		const actions = entity.actions as string[];
		if (!actions.includes('commented') && !actions.includes('commentExisted')) {
			problems.push(`${String(entity.type)} ${String(entity.id)} reported without a comment`);
		}
	}
	return problems;
}
