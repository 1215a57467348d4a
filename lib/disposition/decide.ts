/**
 * What a disposition sync must do on one alert or incident, given its current state. Re-running the
 * sync on the same case changes nothing: an entity resolved with the same verdict is not patched
 * again and a comment already there is not added twice.
 */

import type { Disposition } from './mapping';
import { sameComment } from './comment';

export type EntityType = 'alert' | 'incident';

/** What the output reports per entity. */
export type EntityAction =
	| 'resolved'
	| 'alreadyResolved'
	| 'commented'
	| 'commentExisted'
	| 'skipped';

export interface EntityState {
	status?: string | null;
	classification?: string | null;
	determination?: string | null;
	comments?: ReadonlyArray<{ comment?: string | null }> | null;
	redirectIncidentId?: string | null;
}

export interface ResolvePatch {
	status: 'resolved';
	classification: string;
	determination?: string;
}

export type EntityDecision =
	| { skip: true; reason: string }
	| {
			skip: false;
			/** Absent when the entity is already resolved with this verdict. */
			patch?: ResolvePatch;
			/** Absent when there is no comment or the same text is already on the entity. */
			comment?: string;
			/** What will have been done once the requests succeed. */
			actions: EntityAction[];
	  };

function alreadyResolved(state: EntityState, disposition: Disposition): boolean {
	if (state.status !== 'resolved') return false;
	if (state.classification !== disposition.classification) return false;
	return (
		disposition.determination === undefined || state.determination === disposition.determination
	);
}

export function decideEntity(
	type: EntityType,
	state: EntityState,
	disposition: Disposition,
	comment: string | undefined,
): EntityDecision {
	// A merged incident lives on in the one it was redirected to; patching the old id would fail.
	if (type === 'incident' && state.status === 'redirected') {
		return {
			skip: true,
			reason: state.redirectIncidentId
				? `Incident was merged into incident ${state.redirectIncidentId}`
				: 'Incident was merged into another incident',
		};
	}
	const actions: EntityAction[] = [];
	let patch: ResolvePatch | undefined;
	if (alreadyResolved(state, disposition)) {
		actions.push('alreadyResolved');
	} else {
		patch = { status: 'resolved', classification: disposition.classification };
		if (disposition.determination !== undefined) patch.determination = disposition.determination;
		actions.push('resolved');
	}
	let commentToAdd: string | undefined;
	if (comment !== undefined) {
		const exists = (state.comments ?? []).some(
			(existing) => typeof existing.comment === 'string' && sameComment(existing.comment, comment),
		);
		if (exists) {
			actions.push('commentExisted');
		} else {
			commentToAdd = comment;
			actions.push('commented');
		}
	}
	return { skip: false, patch, comment: commentToAdd, actions };
}
