/**
 * Sliding-window rate limits as documented (graph-api.md §7.1), per app and tenant. Past a
 * limit the route answers 429 with Retry-After (§7.2).
 */

export interface LimitSpec {
	limit: number;
	windowMs: number;
}

/** Named buckets; each accepts a limit, a list of limits (all apply), or false to disable. */
export interface RateLimitOptions {
	/** Graph /security alerts and incidents: 150 requests/min per app per tenant (§7.1). */
	graphSecurity?: LimitSpec | LimitSpec[] | false;
	/** runHuntingQuery: at least 45 calls/min per tenant (§6). */
	hunting?: LimitSpec | LimitSpec[] | false;
	/** MDE machines, actions, indicators: 100/min and 1,500/hour (§7.1). */
	mde?: LimitSpec | LimitSpec[] | false;
	/** POST /api/indicators/import: 30/min (§7.1). */
	indicatorImport?: LimitSpec | LimitSpec[] | false;
	/** POST /api/indicators/BatchDelete: 30/min and 1,500/hour (§7.1). */
	indicatorBatchDelete?: LimitSpec | LimitSpec[] | false;
}

export type BucketName = keyof RateLimitOptions;

const MINUTE = 60000;
const HOUR = 3600000;

export const DEFAULT_RATE_LIMITS: Required<RateLimitOptions> = {
	graphSecurity: { limit: 150, windowMs: MINUTE },
	hunting: { limit: 45, windowMs: MINUTE },
	mde: [
		{ limit: 100, windowMs: MINUTE },
		{ limit: 1500, windowMs: HOUR },
	],
	indicatorImport: { limit: 30, windowMs: MINUTE },
	indicatorBatchDelete: [
		{ limit: 30, windowMs: MINUTE },
		{ limit: 1500, windowMs: HOUR },
	],
};

export class RateLimiter {
	private readonly hits = new Map<string, number[]>();
	private readonly limits: Record<BucketName, LimitSpec[]>;

	/** `false` disables every bucket. */
	constructor(
		options: RateLimitOptions | false | undefined,
		private readonly now: () => number,
	) {
		const merged = { ...DEFAULT_RATE_LIMITS, ...(options === false ? {} : (options ?? {})) };
		const limits = {} as Record<BucketName, LimitSpec[]>;
		for (const name of Object.keys(DEFAULT_RATE_LIMITS) as BucketName[]) {
			const value = options === false ? false : merged[name];
			limits[name] =
				value === false || value === undefined ? [] : Array.isArray(value) ? value : [value];
		}
		this.limits = limits;
	}

	/**
	 * Records one call; returns the seconds to wait when a limit is exceeded (and does not count
	 * the refused call), or undefined when the call may proceed.
	 */
	hit(bucket: BucketName, key: string): number | undefined {
		const specs = this.limits[bucket];
		if (specs.length === 0) return undefined;
		const now = this.now();
		const id = `${bucket}|${key}`;
		const longest = Math.max(...specs.map((s) => s.windowMs));
		const times = (this.hits.get(id) ?? []).filter((t) => t > now - longest);
		let waitMs = 0;
		for (const spec of specs) {
			const inWindow = times.filter((t) => t > now - spec.windowMs);
			if (inWindow.length >= spec.limit) {
				waitMs = Math.max(waitMs, inWindow[inWindow.length - spec.limit] + spec.windowMs - now);
			}
		}
		if (waitMs > 0) {
			this.hits.set(id, times);
			return Math.max(1, Math.ceil(waitMs / 1000));
		}
		times.push(now);
		this.hits.set(id, times);
		return undefined;
	}

	reset(): void {
		this.hits.clear();
	}
}
