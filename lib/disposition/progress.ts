/**
 * What a disposition sync has done so far on each entity, over several rounds. A round reads the
 * entities, then resolves and comments what is missing; after a failure that may pass (no answer,
 * 5xx, throttling) the next round reads again, so a write whose answer was lost is seen, not
 * repeated. When the sync gives up, the error says per entity what was done and what was not.
 */

import { isDefenderError, restate } from '../errors';
import type { EntityAction, EntityDecision } from './decide';
import type { EntityTarget } from './targets';

/** Rounds per case: the first, and two more after failures that may pass. */
export const MAX_SYNC_ROUNDS = 3;

export type WriteKind = 'resolve' | 'comment';

/** `unknown`: sent, but the answer was lost or unreadable, so it may have been applied. */
export type WriteOutcome = 'done' | 'unknown' | 'failed';

/** Failures after which another round may succeed. */
export function worthAnotherRound(error: unknown): boolean {
	if (!isDefenderError(error)) return false;
	return ['network', 'server', 'throttled', 'schema'].includes(error.kind);
}

const TIMEOUT_CODES = new Set([
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);

/**
 * No answer within the request timeout: the request may still be running at the API. The next
 * round should wait for it before reading, or it may not see a write that lands later.
 */
export function answerTimedOut(error: unknown): boolean {
	return (
		isDefenderError(error) &&
		error.kind === 'network' &&
		error.code !== undefined &&
		TIMEOUT_CODES.has(error.code)
	);
}

/** Failures after which the write may have been applied all the same. */
export { outcomeUnknown as writeMayHaveApplied } from '../client/entityWrites';

interface EntityProgress {
	resolve?: WriteOutcome;
	comment?: WriteOutcome;
}

const LABEL: Record<EntityTarget['type'], string> = { alert: 'alert', incident: 'incident' };

export class SyncProgress {
	private readonly entities: EntityProgress[];

	constructor(private readonly targets: readonly EntityTarget[]) {
		this.entities = targets.map(() => ({}));
	}

	/** Records one write of a round; a later `done` wins over an earlier outcome. */
	record(target: number, kind: WriteKind, outcome: WriteOutcome): void {
		const entity = this.entities[target];
		if (!entity || entity[kind] === 'done') return;
		if (entity[kind] === 'unknown' && outcome === 'failed') return;
		entity[kind] = outcome;
	}

	/**
	 * A new read shows what a write with a lost answer did: resolved with this verdict, or the
	 * comment there. Such a write is done.
	 */
	confirm(target: number, decision: EntityDecision): void {
		const entity = this.entities[target];
		if (!entity || decision.skip) return;
		if (entity.resolve === 'unknown' && decision.actions.includes('alreadyResolved')) {
			entity.resolve = 'done';
		}
		if (entity.comment === 'unknown' && decision.actions.includes('commentExisted')) {
			entity.comment = 'done';
		}
	}

	/**
	 * The actions to report after a successful round. A write sent in an earlier round whose
	 * answer was lost shows as already there now; it is reported as done by this sync.
	 */
	actions(target: number, decision: Extract<EntityDecision, { skip: false }>): EntityAction[] {
		const entity = this.entities[target] ?? {};
		return decision.actions.map((action) => {
			if (action === 'alreadyResolved' && entity.resolve) return 'resolved';
			if (action === 'commentExisted' && entity.comment) return 'commented';
			return action;
		});
	}

	/**
	 * The error reported when the sync gives up: which entity is resolved and commented, which is
	 * not, and the last failure. `decisions` are those of the last round that read the entities.
	 */
	giveUp(
		error: unknown,
		decisions: ReadonlyArray<EntityDecision | undefined>,
		caseId: string,
	): unknown {
		if (!isDefenderError(error)) return error;
		// Failed while reading, before any write: the error alone says it all.
		if (this.entities.every((entity) => !entity.resolve && !entity.comment)) return error;
		const parts = this.targets.map((target, i) =>
			describeEntity(target, this.entities[i] ?? {}, decisions[i]),
		);
		const touched = this.entities.some((entity) =>
			[entity.resolve, entity.comment].some(
				(outcome) => outcome === 'done' || outcome === 'unknown',
			),
		);
		const subject = caseId ? `Case ${caseId}` : 'This case';
		const summary = touched
			? `${subject} is only partly synced to Defender: ${parts.join('; ')}.`
			: `${subject} was not synced to Defender, nothing was changed: ${parts.join('; ')}.`;
		return restate(error, {
			message: `${summary} ${error.message}`,
			hintBefore:
				'Run the sync again on this case once the API answers: it reads each alert and incident first, so nothing is resolved or commented twice.',
		});
	}
}

function describeEntity(
	target: EntityTarget,
	entity: EntityProgress,
	decision: EntityDecision | undefined,
): string {
	const name = `${LABEL[target.type]} ${target.id}`;
	if (decision?.skip) return `${name} skipped (${decision.reason})`;
	const resolve = describeWrite(entity.resolve, {
		done: 'resolved',
		unknown: 'maybe resolved (no answer)',
		needed: decision === undefined || decision.patch !== undefined,
		missing: 'not resolved',
		already: 'already resolved',
	});
	const noComment = decision !== undefined && decision.comment === undefined;
	const commentAlreadyThere = noComment && decision.actions.includes('commentExisted');
	if (noComment && !commentAlreadyThere && !entity.comment) return `${name} ${resolve}`;
	const comment = describeWrite(entity.comment, {
		done: 'comment added',
		unknown: 'comment maybe added (no answer)',
		needed: !commentAlreadyThere,
		missing: 'comment not added',
		already: 'comment already there',
	});
	return `${name} ${resolve}, ${comment}`;
}

function describeWrite(
	outcome: WriteOutcome | undefined,
	words: { done: string; unknown: string; needed: boolean; missing: string; already: string },
): string {
	if (outcome === 'done') return words.done;
	if (outcome === 'unknown') return words.unknown;
	return words.needed ? words.missing : words.already;
}
