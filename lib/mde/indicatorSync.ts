/**
 * Indicator sync, the executor: list the active indicators, plan (indicatorSyncPlan.ts), then
 * delete (BatchDelete, chunks of 500) before importing creations, updates and expiries (import,
 * chunks of 500), and report every indicator's fate. A dry run stops after planning.
 */

import { DefenderError, isDefenderError } from '../errors';
import { systemClock, type Clock } from '../ports';
import type { DefenderApi } from './api';
import {
	batchDeleteIndicators,
	importIndicatorBodies,
	listIndicators,
	type IndicatorBody,
} from './indicators';
import {
	planIndicatorSync,
	resolveSyncSettings,
	type CapacitySummary,
	type PlannedRemoval,
	type PlannedWrite,
	type SyncPlan,
	type SyncSettings,
	type UpstreamIndicator,
} from './indicatorSyncPlan';
import { settle } from './settle';

export interface SyncEntry {
	/** 1-based position in the upstream list, when the entry comes from it. */
	item?: number;
	id?: string;
	type?: string;
	value: string;
	reason: string;
	code?: string;
	changes?: string[];
}

export interface SyncReport {
	sourceTag: string;
	dryRun: boolean;
	created: SyncEntry[];
	updated: SyncEntry[];
	deleted: SyncEntry[];
	expired: SyncEntry[];
	skipped: SyncEntry[];
	/** Writes the API refused, with its reason. */
	failed: SyncEntry[];
	unchanged: number;
	counts: Record<
		'created' | 'updated' | 'deleted' | 'expired' | 'skipped' | 'failed' | 'unchanged',
		number
	>;
	capacity: CapacitySummary;
	requests: { import: number; delete: number };
}

export interface SyncOptions {
	dryRun?: boolean;
	clock?: Clock;
}

function writeEntry(write: PlannedWrite): SyncEntry {
	return {
		item: write.item,
		id: write.id,
		type: write.body.indicatorType,
		value: write.body.indicatorValue,
		reason: write.reason,
		changes: write.changes,
	};
}

/** An import failure after deletions already went through says so: they are not undone. */
function afterDeletes(error: unknown, deleted: number): unknown {
	if (!isDefenderError(error) || deleted === 0) return error;
	return new DefenderError(
		error.kind,
		`${error.message.replace(/\.$/, '')} (the ${deleted} indicator deletion${deleted === 1 ? '' : 's'} of this sync had already gone through).`,
		{
			status: error.status,
			code: error.code,
			requestId: error.requestId,
			hint: `${error.hint ? `${error.hint} ` : ''}Run the sync again once the cause is fixed; it picks up from the current state.`,
			retryAfterMs: error.retryAfterMs,
			apiMessage: error.apiMessage,
		},
	);
}

function removalEntry(removal: PlannedRemoval, note = ''): SyncEntry {
	return {
		id: removal.id,
		type: removal.type,
		value: removal.value,
		code: removal.evicted ? 'evicted' : 'removed',
		reason: `${removal.reason}${note}`,
	};
}

function finish(
	plan: SyncPlan,
	dryRun: boolean,
	lists: Pick<SyncReport, 'created' | 'updated' | 'deleted' | 'expired' | 'failed'>,
	requests: SyncReport['requests'],
): SyncReport {
	const skipped: SyncEntry[] = plan.skipped.map((s) => ({ ...s }));
	return {
		sourceTag: plan.settings.sourceTag,
		dryRun,
		...lists,
		skipped,
		unchanged: plan.unchanged.length,
		counts: {
			created: lists.created.length,
			updated: lists.updated.length,
			deleted: lists.deleted.length,
			expired: lists.expired.length,
			skipped: skipped.length,
			failed: lists.failed.length,
			unchanged: plan.unchanged.length,
		},
		capacity: plan.capacity,
		requests,
	};
}

/**
 * Makes Defender's indicators for `settings.sourceTag` match `upstream`. Invalid settings, a
 * refused cap or a failing list throw before any write.
 */
export async function syncIndicators(
	api: DefenderApi,
	upstream: readonly UpstreamIndicator[],
	settings: SyncSettings,
	options: SyncOptions = {},
): Promise<SyncReport> {
	resolveSyncSettings(settings);
	const clock = options.clock ?? systemClock;
	const existing = await listIndicators(api);
	const plan = planIndicatorSync({ upstream, existing, settings, now: clock.now() });

	if (options.dryRun) {
		return finish(
			plan,
			true,
			{
				created: plan.create.map(writeEntry),
				updated: plan.update.map(writeEntry),
				deleted: plan.delete.map((d) => removalEntry(d)),
				expired: plan.expire.map(writeEntry),
				failed: [],
			},
			{ import: 0, delete: 0 },
		);
	}

	const lists: Pick<SyncReport, 'created' | 'updated' | 'deleted' | 'expired' | 'failed'> = {
		created: [],
		updated: [],
		deleted: [],
		expired: [],
		failed: [],
	};
	const requests = { import: 0, delete: 0 };

	// Deletions first: they free room under the cap for the creations.
	if (plan.delete.length) {
		const outcome = await batchDeleteIndicators(
			api,
			plan.delete.map((d) => d.id),
		);
		requests.delete = outcome.requests;
		const gone = new Set(outcome.alreadyGone);
		for (const d of plan.delete) {
			lists.deleted.push(removalEntry(d, gone.has(d.id) ? ' It was already gone.' : ''));
		}
	}

	const writes: Array<{ write: PlannedWrite; list: 'created' | 'updated' | 'expired' }> = [
		...plan.create.map((write) => ({ write, list: 'created' as const })),
		...plan.update.map((write) => ({ write, list: 'updated' as const })),
		...plan.expire.map((write) => ({ write, list: 'expired' as const })),
	];
	if (writes.length) {
		const bodies: IndicatorBody[] = writes.map((w) => w.write.body);
		const imported = await settle(importIndicatorBodies(api, bodies));
		if (!imported.ok) throw afterDeletes(imported.error, lists.deleted.length);
		const outcome = imported.value;
		requests.import = outcome.requests;
		outcome.results.forEach((result, index) => {
			const { write, list } = writes[index] as (typeof writes)[number];
			const entry = writeEntry(write);
			if (result.isFailed) {
				lists.failed.push({
					...entry,
					code: list,
					reason: `Defender refused it: ${result.failureReason ?? 'no reason given'}`,
				});
			} else {
				lists[list].push({ ...entry, id: result.id ?? entry.id });
			}
		});
	}
	return finish(plan, false, lists, requests);
}
