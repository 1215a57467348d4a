/**
 * Ready-made faults for `runHuntingQuery` quota answers (graph-api.md §6): the tenant CPU quota
 * (429, blocked until the next 15-minute cycle), a query preempted for CPU (400), and the
 * 3-minute execution limit (504 with an empty UnknownError, as observed for long queries).
 */
import type { FaultSpec } from '../faults';

export const HUNTING_FAULT_KINDS = ['cpuQuota', 'preempted', 'timeout'] as const;
export type HuntingFaultKind = (typeof HUNTING_FAULT_KINDS)[number];

export interface HuntingFaultOptions {
	/** How many hunting calls answer this way; default 1. */
	times?: number;
	/** Hold the answer this long first (a timeout really takes 3 minutes). */
	delayMs?: number;
	/** Retry-After seconds of the CPU-quota 429; default: until the next 15-minute cycle. */
	retryAfter?: string;
}

const HUNTING_PATH = '/v1.0/security/runHuntingQuery';
/** graph-api.md §6: CPU quota is allocated per tenant in 15-minute cycles. */
export const CPU_CYCLE_MS = 15 * 60 * 1000;

export const CPU_QUOTA_MESSAGE =
	'Query execution was throttled: the tenant has used 100% of its allocated CPU resources. Queries are blocked until after the next 15-minute cycle.';
export const PREEMPTED_MESSAGE =
	'Query execution was preempted because of high CPU and memory consumption in the tenant. Optimize the query and try again.';

/** Seconds from `nowMs` to the start of the next 15-minute cycle (at least 1). */
export function secondsToNextCycle(nowMs: number): number {
	return Math.max(1, Math.ceil((CPU_CYCLE_MS - (nowMs % CPU_CYCLE_MS)) / 1000));
}

export function huntingFault(
	kind: HuntingFaultKind,
	nowMs: number,
	options: HuntingFaultOptions = {},
): FaultSpec {
	const base: FaultSpec = { method: 'POST', path: HUNTING_PATH, times: options.times ?? 1 };
	if (options.delayMs !== undefined) base.delayMs = options.delayMs;
	switch (kind) {
		case 'cpuQuota':
			// graph-api.md §6: 429 when the CPU quota is reached; the body says which limit.
			return {
				...base,
				status: 429,
				code: 'TooManyRequests',
				message: CPU_QUOTA_MESSAGE,
				retryAfter: options.retryAfter ?? String(secondsToNextCycle(nowMs)),
			};
		case 'preempted':
			return { ...base, status: 400, code: 'BadRequest', message: PREEMPTED_MESSAGE };
		case 'timeout':
			// graph-api.md §6: a request over 3 minutes times out; Graph answers 504 UnknownError.
			return { ...base, status: 504, code: 'UnknownError', message: '' };
		default:
			throw new Error(
				`Unknown hunting fault '${String(kind)}'; use one of ${HUNTING_FAULT_KINDS.join(', ')}`,
			);
	}
}
