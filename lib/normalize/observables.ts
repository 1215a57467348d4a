import { exactLength, type JsonObject } from './read';
import type { HashType, Observable, ObservableType, UserIdType } from './types';

/**
 * The base fields of the evidence an observable came from (graph-api.md §2.3, alertEvidence).
 * Its arrays go into observables as they are, shared by every observable of that evidence (and
 * often the input's own arrays): nothing here ever changes an array in place, a merge copies.
 */
export interface EvidenceContext {
	/** `fileEvidence`, `processEvidence`... (the `@odata.type` without its namespace). */
	evidenceType: string;
	roles: string[];
	detailedRoles: string[];
	verdict: string | undefined;
	remediationStatus: string | undefined;
	tags: string[];
	/** `[verdict]` or `[]`. */
	verdicts: string[];
	/** `[remediationStatus]` or `[]`. */
	remediationStatuses: string[];
	/** `[evidenceType]`. */
	evidenceTypes: string[];
	/** One-element arrays already handed out for this record, reused by later evidence. */
	singletons: string[][];
}

/**
 * `[value]`, the same array for the same value within one record. A record holds a few dozen
 * distinct values (evidence types, verdicts, statuses), so a scan beats a Map here.
 */
function singleton(singletons: string[][], value: string): string[] {
	for (const array of singletons) if (array[0] === value) return array;
	const array = [value];
	singletons.push(array);
	return array;
}

export function makeContext(
	singletons: string[][],
	evidenceType: string,
	roles: string[],
	detailedRoles: string[],
	verdict: string | undefined,
	remediationStatus: string | undefined,
	tags: string[],
): EvidenceContext {
	return {
		evidenceType,
		roles,
		detailedRoles,
		verdict,
		remediationStatus,
		tags,
		verdicts: verdict === undefined ? [] : singleton(singletons, verdict),
		remediationStatuses:
			remediationStatus === undefined ? [] : singleton(singletons, remediationStatus),
		evidenceTypes: singleton(singletons, evidenceType),
		singletons,
	};
}

/**
 * Points `ctx` at another evidence's base fields. Handlers copy what they need out of a context
 * and never keep it, so one object can serve every top-level evidence of a record.
 */
export function resetContext(
	ctx: EvidenceContext,
	evidenceType: string,
	roles: string[],
	detailedRoles: string[],
	verdict: string | undefined,
	remediationStatus: string | undefined,
	tags: string[],
): EvidenceContext {
	const { singletons } = ctx;
	ctx.evidenceType = evidenceType;
	ctx.roles = roles;
	ctx.detailedRoles = detailedRoles;
	ctx.verdict = verdict;
	ctx.remediationStatus = remediationStatus;
	ctx.tags = tags;
	ctx.verdicts = verdict === undefined ? [] : singleton(singletons, verdict);
	ctx.remediationStatuses =
		remediationStatus === undefined ? [] : singleton(singletons, remediationStatus);
	ctx.evidenceTypes = singleton(singletons, evidenceType);
	return ctx;
}

// evidenceVerdict (graph-api.md §2.3); values Defender adds later rank below all of these.
const VERDICT_RANK: ReadonlyMap<string, number> = new Map([
	['malicious', 4],
	['suspicious', 3],
	['noThreatsFound', 2],
	['unknown', 1],
]);

// evidenceRemediationStatus: a threat still present outranks one that was dealt with.
const REMEDIATION_RANK: ReadonlyMap<string, number> = new Map([
	['active', 10],
	['unremediated', 9],
	['declined', 8],
	['pendingApproval', 7],
	['running', 6],
	['partiallyRemediated', 5],
	['none', 4],
	['notFound', 3],
	['prevented', 2],
	['blocked', 2],
	['remediated', 1],
]);

function rankOf(table: ReadonlyMap<string, number>, value: string): number {
	return table.get(value) ?? 0;
}

/** The worse of two verdicts (malicious > suspicious > noThreatsFound > unknown > anything new). */
export function worseVerdict(current: string | null, next: string): string {
	if (current === null || current === next) return next;
	return rankOf(VERDICT_RANK, next) > rankOf(VERDICT_RANK, current) ? next : current;
}

export function morePressingRemediation(current: string | null, next: string): string {
	if (current === null || current === next) return next;
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

const SCAN_LIMIT = 48;

function index(byKey: Map<string, number[]>, key: string, position: number): void {
	const positions = byKey.get(key);
	if (positions === undefined) byKey.set(key, [position]);
	else positions.push(position);
}

/**
 * Collects observables of one record, de-duplicated by type + value. A repeated value merges
 * its roles, verdicts, remediation statuses, evidence types and tags into the first one.
 * Keyed by the value string itself (no concatenated keys).
 */
export class ObservableCollector {
	private readonly ordered: Observable[] = [];
	/** De-duplication key of each observable, by position. */
	private readonly keys: string[] = [];
	/** Built only past SCAN_LIMIT observables: a typical record has ~20, where a scan is cheaper. */
	private byKey: Map<string, number[]> | undefined;
	/** Shared by the evidence contexts of this record (see makeContext). */
	readonly singletons: string[][] = [];

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
		const key = type === 'user' ? value.toLowerCase() : value;
		const existing = this.find(key, type);
		if (existing !== undefined) absorb(existing, ctx);
		else if (hashType !== undefined) this.insert(key, createHash(value, hashType, ctx));
		else if (userIdType !== undefined) this.insert(key, createUser(value, userIdType, ctx));
		else this.insert(key, create(type, value, ctx));
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
		const key = `\u0001${odataType}\u0001${identity}`;
		const existing = this.find(key, 'other');
		if (existing !== undefined) absorb(existing, ctx);
		else this.insert(key, createOther(trimmed, odataType, raw, ctx));
	}

	values(): Observable[] {
		return exactLength(this.ordered, this.ordered.length > 0);
	}

	private find(key: string, type: ObservableType): Observable | undefined {
		if (this.byKey !== undefined) {
			const positions = this.byKey.get(key);
			if (positions === undefined) return undefined;
			for (const position of positions) {
				if (this.ordered[position].type === type) return this.ordered[position];
			}
			return undefined;
		}
		const { keys } = this;
		for (let i = 0; i < keys.length; i++) {
			if (keys[i] === key && this.ordered[i].type === type) return this.ordered[i];
		}
		return undefined;
	}

	private insert(key: string, observable: Observable): void {
		const position = this.ordered.length;
		this.ordered.push(observable);
		this.keys.push(key);
		if (this.byKey !== undefined) index(this.byKey, key, position);
		else if (position === SCAN_LIMIT) {
			this.byKey = new Map();
			for (let i = 0; i <= position; i++) index(this.byKey, this.keys[i], i);
		}
	}
}

// One object literal per shape (plain, hash, user, other): V8 then allocates each observable in
// one go with all fields in-object, instead of growing it key by key. Arrays come from the
// context as they are (see EvidenceContext).
function create(type: ObservableType, value: string, ctx: EvidenceContext): Observable {
	return {
		type,
		value,
		roles: ctx.roles,
		detailedRoles: ctx.detailedRoles,
		verdict: ctx.verdict ?? null,
		verdicts: ctx.verdicts,
		remediationStatus: ctx.remediationStatus ?? null,
		remediationStatuses: ctx.remediationStatuses,
		evidenceTypes: ctx.evidenceTypes,
		tags: ctx.tags,
	};
}

function createHash(value: string, hashType: HashType, ctx: EvidenceContext): Observable {
	return {
		type: 'hash',
		value,
		hashType,
		roles: ctx.roles,
		detailedRoles: ctx.detailedRoles,
		verdict: ctx.verdict ?? null,
		verdicts: ctx.verdicts,
		remediationStatus: ctx.remediationStatus ?? null,
		remediationStatuses: ctx.remediationStatuses,
		evidenceTypes: ctx.evidenceTypes,
		tags: ctx.tags,
	};
}

function createUser(value: string, userIdType: UserIdType, ctx: EvidenceContext): Observable {
	return {
		type: 'user',
		value,
		userIdType,
		roles: ctx.roles,
		detailedRoles: ctx.detailedRoles,
		verdict: ctx.verdict ?? null,
		verdicts: ctx.verdicts,
		remediationStatus: ctx.remediationStatus ?? null,
		remediationStatuses: ctx.remediationStatuses,
		evidenceTypes: ctx.evidenceTypes,
		tags: ctx.tags,
	};
}

function createOther(
	value: string,
	odataType: string,
	raw: JsonObject,
	ctx: EvidenceContext,
): Observable {
	return {
		type: 'other',
		value,
		odataType,
		raw,
		roles: ctx.roles,
		detailedRoles: ctx.detailedRoles,
		verdict: ctx.verdict ?? null,
		verdicts: ctx.verdicts,
		remediationStatus: ctx.remediationStatus ?? null,
		remediationStatuses: ctx.remediationStatuses,
		evidenceTypes: ctx.evidenceTypes,
		tags: ctx.tags,
	};
}

function absorb(observable: Observable, ctx: EvidenceContext): void {
	observable.roles = union(observable.roles, ctx.roles);
	observable.detailedRoles = union(observable.detailedRoles, ctx.detailedRoles);
	if (ctx.verdict !== undefined) {
		observable.verdicts = union(observable.verdicts, ctx.verdicts);
		observable.verdict = worseVerdict(observable.verdict, ctx.verdict);
	}
	if (ctx.remediationStatus !== undefined) {
		observable.remediationStatuses = union(observable.remediationStatuses, ctx.remediationStatuses);
		observable.remediationStatus = morePressingRemediation(
			observable.remediationStatus,
			ctx.remediationStatus,
		);
	}
	observable.evidenceTypes = union(observable.evidenceTypes, ctx.evidenceTypes);
	observable.tags = union(observable.tags, ctx.tags);
}

/**
 * `current` plus what `additions` has that it lacks, never changing either: `current` (or
 * `additions`) itself when nothing is new, else a new array of exactly the right length (these
 * arrays are part of the output, and one grown by push keeps room for 16 more).
 */
export function union(current: string[], additions: string[]): string[] {
	// Contexts hand out shared arrays, so "same array" is the common case.
	if (current === additions || additions.length === 0) return current;
	if (current.length === 0) return additions;
	if (additions.length === 1) {
		const value = additions[0];
		return current.includes(value) ? current : appended(current, value);
	}
	let missing: string[] | undefined;
	for (const value of additions) {
		if (current.includes(value)) continue;
		if (missing === undefined) missing = [value];
		else if (!missing.includes(value)) missing.push(value);
	}
	return missing === undefined ? current : current.concat(missing);
}

/** `current` plus `value` as a new array; literals for the usual short lists (faster than concat). */
function appended(current: string[], value: string): string[] {
	switch (current.length) {
		case 1:
			return [current[0], value];
		case 2:
			return [current[0], current[1], value];
		case 3:
			return [current[0], current[1], current[2], value];
		default:
			return current.concat(value);
	}
}
