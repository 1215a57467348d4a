import { pushAllUnique, pushUnique, type JsonObject } from './read';
import type { HashType, Observable, ObservableType, UserIdType } from './types';

/** The base fields of the evidence an observable came from (graph-api.md §2.3, alertEvidence). */
export interface EvidenceContext {
	/** `fileEvidence`, `processEvidence`... (the `@odata.type` without its namespace). */
	evidenceType: string;
	roles: readonly string[];
	detailedRoles: readonly string[];
	verdict: string | undefined;
	remediationStatus: string | undefined;
	tags: readonly string[];
}

// evidenceVerdict (graph-api.md §2.3); values Defender adds later rank below all of these.
const VERDICT_RANK: Readonly<Record<string, number>> = {
	malicious: 4,
	suspicious: 3,
	noThreatsFound: 2,
	unknown: 1,
};

// evidenceRemediationStatus: a threat still present outranks one that was dealt with.
const REMEDIATION_RANK: Readonly<Record<string, number>> = {
	active: 10,
	unremediated: 9,
	declined: 8,
	pendingApproval: 7,
	running: 6,
	partiallyRemediated: 5,
	none: 4,
	notFound: 3,
	prevented: 2,
	blocked: 2,
	remediated: 1,
};

function rankOf(table: Readonly<Record<string, number>>, value: string): number {
	return Object.prototype.hasOwnProperty.call(table, value) ? table[value] : 0;
}

/** The worse of two verdicts (malicious > suspicious > noThreatsFound > unknown > anything new). */
export function worseVerdict(current: string | null, next: string): string {
	if (current === null) return next;
	return rankOf(VERDICT_RANK, next) > rankOf(VERDICT_RANK, current) ? next : current;
}

export function morePressingRemediation(current: string | null, next: string): string {
	if (current === null) return next;
	return rankOf(REMEDIATION_RANK, next) > rankOf(REMEDIATION_RANK, current) ? next : current;
}

// Compared and emitted lower-case: hashes, domains, hostnames, e-mail addresses, IPs (IPv6 hex).
const LOWER_CASE: ReadonlySet<ObservableType> = new Set([
	'hash',
	'domain',
	'hostname',
	'email',
	'ip',
]);

/**
 * Collects observables of one record, de-duplicated by type + value. A repeated value merges
 * its roles, verdicts, remediation statuses, evidence types and tags into the first one.
 */
export class ObservableCollector {
	private readonly byKey = new Map<string, Observable>();

	constructor(private readonly keep: ReadonlySet<ObservableType> | undefined) {}

	wants(type: ObservableType): boolean {
		return this.keep === undefined || this.keep.has(type);
	}

	add(
		type: Exclude<ObservableType, 'other'>,
		rawValue: string,
		ctx: EvidenceContext,
		hashType?: HashType,
		userIdType?: UserIdType,
	): void {
		if (this.keep !== undefined && !this.keep.has(type)) return;
		let value = rawValue.trim();
		if (value === '') return;
		if (LOWER_CASE.has(type)) value = value.toLowerCase();
		// Windows account names, UPNs, SIDs and object ids compare case-insensitively.
		const key = type === 'user' ? `user\u0001${value.toLowerCase()}` : `${type}\u0001${value}`;
		const existing = this.byKey.get(key);
		if (existing !== undefined) {
			absorb(existing, ctx);
			return;
		}
		this.byKey.set(key, create(type, value, ctx, hashType, userIdType));
	}

	/** Evidence no typed observable describes; `identity` de-duplicates it. */
	addOther(
		odataType: string,
		value: string,
		identity: string,
		raw: JsonObject,
		ctx: EvidenceContext,
	): void {
		if (this.keep !== undefined && !this.keep.has('other')) return;
		const trimmed = value.trim();
		if (trimmed === '') return;
		const key = `other\u0001${odataType}\u0001${identity}`;
		const existing = this.byKey.get(key);
		if (existing !== undefined) {
			absorb(existing, ctx);
			return;
		}
		this.byKey.set(key, create('other', trimmed, ctx, undefined, undefined, odataType, raw));
	}

	values(): Observable[] {
		return Array.from(this.byKey.values());
	}
}

function create(
	type: ObservableType,
	value: string,
	ctx: EvidenceContext,
	hashType?: HashType,
	userIdType?: UserIdType,
	odataType?: string,
	raw?: JsonObject,
): Observable {
	// Built key by key so every observable lists its fields in the same order.
	const observable = { type, value } as Observable;
	if (hashType !== undefined) observable.hashType = hashType;
	if (userIdType !== undefined) observable.userIdType = userIdType;
	if (odataType !== undefined) observable.odataType = odataType;
	if (raw !== undefined) observable.raw = raw;
	observable.roles = ctx.roles.slice();
	observable.detailedRoles = ctx.detailedRoles.slice();
	observable.verdict = ctx.verdict ?? null;
	observable.verdicts = ctx.verdict === undefined ? [] : [ctx.verdict];
	observable.remediationStatus = ctx.remediationStatus ?? null;
	observable.remediationStatuses =
		ctx.remediationStatus === undefined ? [] : [ctx.remediationStatus];
	observable.evidenceTypes = [ctx.evidenceType];
	observable.tags = ctx.tags.slice();
	return observable;
}

function absorb(observable: Observable, ctx: EvidenceContext): void {
	pushAllUnique(observable.roles, ctx.roles);
	pushAllUnique(observable.detailedRoles, ctx.detailedRoles);
	if (ctx.verdict !== undefined) {
		pushUnique(observable.verdicts, ctx.verdict);
		observable.verdict = worseVerdict(observable.verdict, ctx.verdict);
	}
	if (ctx.remediationStatus !== undefined) {
		pushUnique(observable.remediationStatuses, ctx.remediationStatus);
		observable.remediationStatus = morePressingRemediation(
			observable.remediationStatus,
			ctx.remediationStatus,
		);
	}
	pushUnique(observable.evidenceTypes, ctx.evidenceType);
	pushAllUnique(observable.tags, ctx.tags);
}
