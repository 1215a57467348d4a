/**
 * Desired-state planning for indicator sync, pure: given the upstream list (a TI feed), the active
 * Defender indicators and the settings, decide what to create, update, delete or expire and what
 * to skip, each with a reason. Nothing is dropped without an entry in the plan.
 *
 * Ownership marker: Defender indicators have no free-form tags, so an indicator belongs to a sync
 * source when its description starts with `[n8n:<sourceTag>]`. The description is required and
 * updatable on every upsert, visible in the portal, and readable back from a plain list. Indicators
 * without the marker (other tools, people, other sources) are never changed.
 */

import { DefenderError } from '../errors';
import { INDICATOR_SEVERITIES } from '../graph/enums';
import { normalizeEnumValue, toIsoDateTime } from '../odata/values';
import {
	INDICATOR_CAP,
	indicatorAction,
	type IndicatorAction,
	type IndicatorBody,
} from './indicators';
import {
	KNOWN_TYPE_NAMES,
	WEAK_HASH_TYPES,
	actionMismatch,
	indicatorKey,
	indicatorTypeFor,
	normalizeIndicatorValue,
	type IndicatorType,
} from './indicatorValues';
import type { Indicator } from './schemas';

const DAY_MS = 86_400_000;
const SOURCE_TAG = /^[A-Za-z0-9._-]{1,64}$/;
const MARKER = /^\[n8n:([A-Za-z0-9._-]{1,64})\]\s?/;

export const CAP_POLICIES = ['refuse', 'evictOldest', 'evictLowestConfidence'] as const;
export type CapPolicy = (typeof CAP_POLICIES)[number];
export const REMOVAL_MODES = ['delete', 'expire', 'keep'] as const;
export type RemovalMode = (typeof REMOVAL_MODES)[number];

/** One indicator as an upstream node gives it (a TI feed row). */
export interface UpstreamIndicator {
	value: string;
	/** Defender type or alias (ipv4, ipv6, domain, url, sha256, sha1, md5, ...); inferred if absent. */
	type?: string;
	/** Overrides the sync's action for this indicator. */
	action?: string;
	/** 0–100. */
	confidence?: number | string;
	title?: string;
	description?: string;
	/** Fixed expiry for this indicator; otherwise `expiresInDays` of the settings applies. */
	expirationTime?: string | Date;
	severity?: string;
	recommendedActions?: string;
	generateAlert?: boolean;
	rbacGroupNames?: readonly string[];
	/** When the feed last saw the indicator: ranks indicators for the evictOldest cap policy. */
	observedAt?: string | Date;
}

export interface SyncFilters {
	/** Only indicators with at least this confidence (0–100); those without one are skipped. */
	minConfidence?: number;
	/** Only these types (Defender names or aliases). */
	types?: readonly string[];
	/** Leave out MD5 and SHA-1 file hashes. */
	excludeWeakHashes?: boolean;
	/** Leave values that another source already has in Defender alone (default true). */
	skipPresentFromOtherSources?: boolean;
}

export interface SyncSettings {
	/** Names this feed in Defender (letters, digits, . _ -). */
	sourceTag: string;
	/** Allowed, Audit, Warn, Block or BlockAndRemediate; an item's own action wins. */
	action: string;
	severity?: string;
	generateAlert?: boolean;
	/** Expiry for items without their own, renewed once half of it has passed. */
	expiresInDays?: number;
	filters?: SyncFilters;
	/** What happens to this source's indicators no longer listed upstream (default delete). */
	removal?: RemovalMode;
	cap?: { limit?: number; policy?: CapPolicy };
}

export interface ResolvedSyncSettings {
	sourceTag: string;
	marker: string;
	action: IndicatorAction;
	severity: string;
	generateAlert?: boolean;
	expiresInDays?: number;
	minConfidence?: number;
	types?: IndicatorType[];
	excludeWeakHashes: boolean;
	skipPresentFromOtherSources: boolean;
	removal: RemovalMode;
	capLimit: number;
	capPolicy: CapPolicy;
}

export type SkipCode =
	| 'invalid'
	| 'duplicate'
	| 'typeExcluded'
	| 'weakHash'
	| 'noConfidence'
	| 'belowConfidence'
	| 'expired'
	| 'otherSource'
	| 'actionMismatch'
	| 'overCap'
	| 'keptStale';

export interface PlannedWrite {
	/** 1-based position in the upstream list (absent for removals of existing indicators). */
	item?: number;
	id?: string;
	key: string;
	body: IndicatorBody;
	reason: string;
	/** Fields that differ, for updates. */
	changes?: string[];
}

export interface PlannedRemoval {
	id: string;
	type: string;
	value: string;
	reason: string;
	evicted: boolean;
}

export interface SkippedItem {
	item?: number;
	id?: string;
	type?: string;
	value: string;
	code: SkipCode;
	reason: string;
}

export interface CapacitySummary {
	limit: number;
	policy: CapPolicy;
	/** Active indicators not owned by this source (they count against the cap too). */
	otherSources: number;
	ownBefore: number;
	ownAfter: number;
	activeAfter: number;
	/** How many wanted indicators did not fit (evicted or not created). */
	overBy: number;
}

export interface SyncPlan {
	settings: ResolvedSyncSettings;
	create: PlannedWrite[];
	update: PlannedWrite[];
	expire: PlannedWrite[];
	delete: PlannedRemoval[];
	skipped: SkippedItem[];
	unchanged: Array<{ item: number; id: string; type: string; value: string }>;
	capacity: CapacitySummary;
}

function invalid(message: string, hint?: string): DefenderError {
	return new DefenderError('validation', message, { hint });
}

export function sourceMarker(sourceTag: string): string {
	return `[n8n:${sourceTag}]`;
}

/** The sync source that owns an indicator, from its description marker. */
export function indicatorOwner(indicator: Pick<Indicator, 'description'>): string | undefined {
	return MARKER.exec(indicator.description ?? '')?.[1];
}

/** Checks the settings; throws a validation error naming the setting to fix. */
export function resolveSyncSettings(settings: SyncSettings): ResolvedSyncSettings {
	if (!settings || typeof settings !== 'object') throw invalid('The sync settings are missing.');
	const sourceTag = typeof settings.sourceTag === 'string' ? settings.sourceTag.trim() : '';
	if (!SOURCE_TAG.test(sourceTag)) {
		throw invalid(
			`The source tag '${String(settings.sourceTag).slice(0, 70)}' is not valid.`,
			'Use 1 to 64 letters, digits, dots, dashes or underscores, e.g. misp-feed; it marks the indicators this sync owns.',
		);
	}
	const filters = settings.filters ?? {};
	const min = filters.minConfidence;
	if (min !== undefined && (typeof min !== 'number' || !(min >= 0 && min <= 100))) {
		throw invalid('The minimum confidence must be a number from 0 to 100.');
	}
	const types = filters.types?.length
		? filters.types.map((t) => {
				const type = indicatorTypeFor(t);
				if (!type) {
					throw invalid(
						`Unknown indicator type '${String(t).slice(0, 40)}' in the type filter.`,
						`Use: ${KNOWN_TYPE_NAMES}.`,
					);
				}
				return type;
			})
		: undefined;
	const days = settings.expiresInDays;
	if (days !== undefined && (typeof days !== 'number' || !Number.isFinite(days) || days <= 0)) {
		throw invalid('Expires in (days) must be a number above 0, or left empty for no expiry.');
	}
	const removal = settings.removal ?? 'delete';
	if (!REMOVAL_MODES.includes(removal)) {
		throw invalid(`Removal must be one of ${REMOVAL_MODES.join(', ')}, not '${String(removal)}'.`);
	}
	const capPolicy = settings.cap?.policy ?? 'refuse';
	if (!CAP_POLICIES.includes(capPolicy)) {
		throw invalid(
			`The cap policy must be one of ${CAP_POLICIES.join(', ')}, not '${String(capPolicy)}'.`,
		);
	}
	const capLimit = settings.cap?.limit ?? INDICATOR_CAP;
	if (!Number.isInteger(capLimit) || capLimit < 1 || capLimit > INDICATOR_CAP) {
		throw invalid(`The indicator cap must be a whole number from 1 to ${INDICATOR_CAP}.`);
	}
	const severity =
		settings.severity === undefined || settings.severity === ''
			? 'Informational'
			: normalizeEnumValue(settings.severity, INDICATOR_SEVERITIES);
	if (!severity) {
		throw invalid(`The severity must be one of ${INDICATOR_SEVERITIES.join(', ')}.`);
	}
	return {
		sourceTag,
		marker: sourceMarker(sourceTag),
		action: indicatorAction(settings.action),
		severity,
		generateAlert: settings.generateAlert,
		expiresInDays: days,
		minConfidence: min,
		types,
		excludeWeakHashes: filters.excludeWeakHashes ?? false,
		skipPresentFromOtherSources: filters.skipPresentFromOtherSources ?? true,
		removal,
		capLimit,
		capPolicy,
	};
}

function confidenceOf(raw: unknown): number | undefined | 'invalid' {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
	return Number.isFinite(n) && n >= 0 && n <= 100 ? n : 'invalid';
}

function instant(value: string | Date | null | undefined): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = value instanceof Date ? value.getTime() : Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

interface Wanted {
	item: number;
	key: string;
	body: IndicatorBody;
	confidence?: number;
	observedMs?: number;
	/** Expiry comes from expiresInDays (sliding), not from the item. */
	slidingExpiry: boolean;
	existing?: Indicator;
	takeOver: boolean;
}

function describeOther(indicator: Indicator): string {
	const who = indicator.createdByDisplayName ?? indicator.source ?? indicator.createdBy;
	const owner = indicatorOwner(indicator);
	if (owner) return `sync source '${owner}'`;
	return who ? `'${who}'` : 'another source';
}

/** Builds the wanted body for one upstream item, or the reason it is skipped. */
function wantedFor(
	raw: UpstreamIndicator,
	item: number,
	rails: ResolvedSyncSettings,
	now: number,
): { wanted: Omit<Wanted, 'existing' | 'takeOver'> } | { skip: SkippedItem } {
	const shownValue =
		typeof raw?.value === 'string' ? raw.value.slice(0, 200) : String(raw?.value ?? '');
	const skip = (code: SkipCode, reason: string, type?: string, value = shownValue) => ({
		skip: { item, type, value, code, reason },
	});
	if (!raw || typeof raw !== 'object')
		return skip('invalid', 'The item is not an indicator object.');
	const normalized = normalizeIndicatorValue(raw.type, raw.value);
	if (!normalized.ok) return skip('invalid', normalized.reason);
	const { type, value } = normalized;
	if (rails.types && !rails.types.includes(type)) {
		return skip(
			'typeExcluded',
			`${type} is not among the synced types (${rails.types.join(', ')}).`,
			type,
			value,
		);
	}
	if (rails.excludeWeakHashes && WEAK_HASH_TYPES.includes(type)) {
		return skip('weakHash', `${type} is a weak hash and weak hashes are excluded.`, type, value);
	}
	const confidence = confidenceOf(raw.confidence);
	if (confidence === 'invalid') {
		return skip(
			'invalid',
			`Confidence '${String(raw.confidence).slice(0, 20)}' is not a number from 0 to 100.`,
			type,
			value,
		);
	}
	if (rails.minConfidence !== undefined) {
		if (confidence === undefined) {
			return skip(
				'noConfidence',
				`No confidence given; the minimum is ${rails.minConfidence}.`,
				type,
				value,
			);
		}
		if (confidence < rails.minConfidence) {
			return skip(
				'belowConfidence',
				`Confidence ${confidence} is below the minimum of ${rails.minConfidence}.`,
				type,
				value,
			);
		}
	}
	let action: IndicatorAction;
	try {
		action =
			raw.action === undefined || raw.action === '' ? rails.action : indicatorAction(raw.action);
	} catch (error) {
		return skip('invalid', (error as Error).message, type, value);
	}
	const mismatch = actionMismatch(type, action);
	if (mismatch) return skip('actionMismatch', mismatch, type, value);

	let expirationTime: string | undefined;
	let slidingExpiry = false;
	if (
		raw.expirationTime !== undefined &&
		raw.expirationTime !== null &&
		(raw.expirationTime as unknown) !== ''
	) {
		try {
			expirationTime = toIsoDateTime(raw.expirationTime, 'The expiration time');
		} catch (error) {
			return skip('invalid', (error as Error).message, type, value);
		}
		if ((instant(expirationTime) as number) <= now) {
			return skip('expired', `The indicator expired at ${expirationTime}.`, type, value);
		}
	} else if (rails.expiresInDays !== undefined) {
		expirationTime = new Date(now + rails.expiresInDays * DAY_MS).toISOString();
		slidingExpiry = true;
	}
	let severity = rails.severity;
	if (raw.severity !== undefined && raw.severity !== '') {
		const s = normalizeEnumValue(String(raw.severity), INDICATOR_SEVERITIES);
		if (!s) {
			return skip(
				'invalid',
				`Severity '${String(raw.severity).slice(0, 30)}' is not one of ${INDICATOR_SEVERITIES.join(', ')}.`,
				type,
				value,
			);
		}
		severity = s;
	}
	const generateAlert =
		action === 'Audit' ? true : (raw.generateAlert ?? rails.generateAlert ?? false);
	const title =
		typeof raw.title === 'string' && raw.title.trim()
			? raw.title.trim()
			: `${rails.sourceTag}: ${type} ${value}`.slice(0, 250);
	const text =
		typeof raw.description === 'string' && raw.description.trim()
			? raw.description.trim()
			: `Synced from ${rails.sourceTag}.`;
	const body: IndicatorBody = {
		indicatorValue: value,
		indicatorType: type,
		action,
		title,
		description: `${rails.marker} ${text}`,
		severity,
		generateAlert,
	};
	if (expirationTime) body.expirationTime = expirationTime;
	if (typeof raw.recommendedActions === 'string' && raw.recommendedActions.trim()) {
		body.recommendedActions = raw.recommendedActions.trim();
	}
	if (Array.isArray(raw.rbacGroupNames) && raw.rbacGroupNames.length) {
		body.rbacGroupNames = raw.rbacGroupNames.map(String);
	}
	return {
		wanted: {
			item,
			key: indicatorKey(type, value),
			body,
			confidence,
			observedMs: instant(raw.observedAt),
			slidingExpiry,
		},
	};
}

function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
	return (a ?? '').trim() === (b ?? '').trim();
}

function groupNames(value: Indicator['rbacGroupNames']): string[] {
	if (Array.isArray(value)) return [...value].map((v) => v.trim()).sort();
	if (typeof value === 'string' && value.trim())
		return value
			.split(',')
			.map((v) => v.trim())
			.sort();
	return [];
}

/** Fields of `existing` that differ from `wanted`; expiry is compared per its kind. */
function differences(
	wanted: Wanted,
	existing: Indicator,
	rails: ResolvedSyncSettings,
	now: number,
): string[] {
	const body = wanted.body;
	const changes: string[] = [];
	if (existing.action !== body.action) changes.push('action');
	if (!sameText(existing.title, body.title)) changes.push('title');
	if (!sameText(existing.description, body.description)) changes.push('description');
	if ((existing.severity ?? 'Informational') !== body.severity) changes.push('severity');
	if ((existing.generateAlert ?? false) !== body.generateAlert) changes.push('generateAlert');
	if (
		body.recommendedActions !== undefined &&
		!sameText(existing.recommendedActions, body.recommendedActions)
	) {
		changes.push('recommendedActions');
	}
	if (
		body.rbacGroupNames &&
		groupNames(existing.rbacGroupNames).join('\n') !== [...body.rbacGroupNames].sort().join('\n')
	) {
		changes.push('rbacGroupNames');
	}
	const current = instant(existing.expirationTime);
	if (wanted.slidingExpiry) {
		// Renew once half of the window has passed, so re-runs inside it change nothing.
		const window = (rails.expiresInDays as number) * DAY_MS;
		if (current === undefined || current - now < window / 2) changes.push('expirationTime');
	} else if (body.expirationTime !== undefined) {
		const wantedMs = instant(body.expirationTime) as number;
		if (current === undefined || Math.abs(current - wantedMs) >= 1000)
			changes.push('expirationTime');
	}
	return changes;
}

function rankNewestFirst(a: Wanted, b: Wanted): number {
	const age = (w: Wanted) =>
		w.observedMs ?? instant(w.existing?.creationTimeDateTimeUtc) ?? Number.NEGATIVE_INFINITY;
	const d = age(b) - age(a);
	return Number.isNaN(d) || d === 0 ? a.item - b.item : d;
}

function rank(policy: CapPolicy): (a: Wanted, b: Wanted) => number {
	if (policy === 'evictLowestConfidence') {
		return (a, b) => (b.confidence ?? -1) - (a.confidence ?? -1) || rankNewestFirst(a, b);
	}
	return rankNewestFirst;
}

function expireBody(existing: Indicator, now: number): IndicatorBody {
	const body: IndicatorBody = {
		indicatorValue: existing.indicatorValue,
		indicatorType: existing.indicatorType as IndicatorType,
		action: existing.action as IndicatorAction,
		title: existing.title ?? existing.indicatorValue,
		description: existing.description ?? '',
		expirationTime: new Date(now).toISOString(),
		severity: existing.severity ?? 'Informational',
		generateAlert: existing.action === 'Audit' ? true : (existing.generateAlert ?? false),
	};
	return body;
}

/**
 * Plans the sync. Throws only for invalid settings and, with the 'refuse' cap policy, when the
 * wanted indicators do not fit under the cap (nothing is written then).
 */
export function planIndicatorSync(input: {
	upstream: readonly UpstreamIndicator[];
	existing: readonly Indicator[];
	settings: SyncSettings;
	now: number;
}): SyncPlan {
	const rails = resolveSyncSettings(input.settings);
	if (!Array.isArray(input.upstream)) throw invalid('The upstream indicators must be a list.');
	const { now } = input;

	const own = new Map<string, Indicator>();
	const others = new Map<string, Indicator>();
	for (const indicator of input.existing) {
		const key = indicatorKey(indicator.indicatorType, indicator.indicatorValue);
		const bucket = indicatorOwner(indicator) === rails.sourceTag ? own : others;
		if (!bucket.has(key)) bucket.set(key, indicator);
	}

	const skipped: SkippedItem[] = [];
	const wanted: Wanted[] = [];
	const firstItem = new Map<string, number>();
	input.upstream.forEach((raw, index) => {
		const item = index + 1;
		const result = wantedFor(raw, item, rails, now);
		if ('skip' in result) {
			skipped.push(result.skip);
			return;
		}
		const w = result.wanted;
		const first = firstItem.get(w.key);
		if (first !== undefined) {
			skipped.push({
				item,
				type: w.body.indicatorType,
				value: w.body.indicatorValue,
				code: 'duplicate',
				reason: `Same ${w.body.indicatorType} as item #${first}.`,
			});
			return;
		}
		firstItem.set(w.key, item);
		const other = others.get(w.key);
		if (other && rails.skipPresentFromOtherSources) {
			skipped.push({
				item,
				id: other.id,
				type: w.body.indicatorType,
				value: w.body.indicatorValue,
				code: 'otherSource',
				reason: `Already in Defender from ${describeOther(other)} (indicator ${other.id}); left as it is.`,
			});
			return;
		}
		wanted.push({ ...w, existing: own.get(w.key) ?? other, takeOver: other !== undefined });
	});

	const wantedKeys = new Set(wanted.map((w) => w.key));
	const stale = [...own.entries()].filter(([key]) => !wantedKeys.has(key)).map(([, i]) => i);
	const takenOver = wanted.filter((w) => w.takeOver).length;
	const otherCount = others.size - takenOver;
	const fixed = otherCount + (rails.removal === 'keep' ? stale.length : 0);
	const room = Math.max(0, rails.capLimit - fixed);
	const overBy = Math.max(0, wanted.length - room);

	if (overBy > 0 && rails.capPolicy === 'refuse') {
		throw new DefenderError(
			'validation',
			`Refusing to sync: ${wanted.length} indicators from '${rails.sourceTag}' do not fit under the cap of ${rails.capLimit} active indicators (${fixed} are held by other sources${rails.removal === 'keep' ? ' or kept stale ones' : ''}; room for ${room}). Nothing was changed.`,
			{
				hint: 'Raise the minimum confidence, sync fewer types, exclude weak hashes, or choose an eviction policy (oldest or lowest confidence first).',
			},
		);
	}

	const plan: SyncPlan = {
		settings: rails,
		create: [],
		update: [],
		expire: [],
		delete: [],
		skipped,
		unchanged: [],
		capacity: {
			limit: rails.capLimit,
			policy: rails.capPolicy,
			otherSources: otherCount,
			ownBefore: own.size,
			ownAfter: 0,
			activeAfter: 0,
			overBy,
		},
	};

	let kept = wanted;
	if (overBy > 0) {
		const ordered = [...wanted].sort(rank(rails.capPolicy));
		kept = ordered.slice(0, room);
		const policyWords =
			rails.capPolicy === 'evictOldest' ? 'oldest first' : 'lowest confidence first';
		for (const w of ordered.slice(room)) {
			const why = `Over the cap of ${rails.capLimit} active indicators; ranked out (${policyWords}).`;
			if (w.existing && !w.takeOver) {
				plan.delete.push({
					id: w.existing.id,
					type: w.body.indicatorType,
					value: w.body.indicatorValue,
					reason: `Evicted: ${why}`,
					evicted: true,
				});
			} else {
				const what = w.takeOver ? 'Not taken over' : 'Not created';
				plan.skipped.push({
					item: w.item,
					type: w.body.indicatorType,
					value: w.body.indicatorValue,
					code: 'overCap',
					reason: `${what}: ${why}`,
				});
			}
		}
		kept.sort((a, b) => a.item - b.item);
	}

	for (const w of kept) {
		const base = { item: w.item, key: w.key, body: w.body };
		if (!w.existing) {
			plan.create.push({ ...base, reason: 'Listed upstream and not in Defender.' });
			continue;
		}
		const changes = differences(w, w.existing, rails, now);
		if (w.takeOver) {
			plan.update.push({
				...base,
				id: w.existing.id,
				changes: ['description', ...changes.filter((c) => c !== 'description')],
				reason: `Taken over from ${describeOther(w.existing)}.`,
			});
		} else if (changes.length) {
			plan.update.push({
				...base,
				id: w.existing.id,
				changes,
				reason: `Changed upstream: ${changes.join(', ')}.`,
			});
		} else {
			plan.unchanged.push({
				item: w.item,
				id: w.existing.id,
				type: w.body.indicatorType,
				value: w.body.indicatorValue,
			});
		}
	}

	for (const indicator of stale) {
		const reason = 'No longer listed upstream (or filtered out).';
		const ref = {
			id: indicator.id,
			type: indicator.indicatorType,
			value: indicator.indicatorValue,
		};
		if (rails.removal === 'delete') plan.delete.push({ ...ref, reason, evicted: false });
		else if (rails.removal === 'expire') {
			plan.expire.push({
				id: indicator.id,
				key: indicatorKey(indicator.indicatorType, indicator.indicatorValue),
				body: expireBody(indicator, now),
				reason,
			});
		} else {
			plan.skipped.push({
				...ref,
				code: 'keptStale',
				reason: `${reason} Kept because removal is set to keep.`,
			});
		}
	}

	plan.capacity.ownAfter = kept.length + (rails.removal === 'keep' ? stale.length : 0);
	plan.capacity.activeAfter = otherCount + plan.capacity.ownAfter;
	return plan;
}
