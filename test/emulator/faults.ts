/* eslint-disable @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/**
 * Injected failures, consumed in the order they were added: a status code (429 bursts with
 * Retry-After, 5xx), a delay, a dropped connection, a malformed 200 body, or a custom body.
 * A token endpoint outage is a fault on `/{tenant}/oauth2/v2.0/token`.
 */

export interface FaultSpec {
	method?: string;
	/** Path prefix (`/v1.0/security/alerts_v2`), or a regular expression source starting with `^`, matched against path + query. */
	path: string | RegExp;
	status?: number;
	/** How many matching requests this fault affects; default 1. */
	times?: number;
	retryAfter?: string;
	delayMs?: number;
	/** Destroy the socket without answering. */
	reset?: boolean;
	/** Answer 200 with a truncated JSON body. */
	malformed?: boolean;
	/** Response body for `status` (default: an error in the route's own shape). */
	body?: unknown;
	/** Error code and message inside the route's own error shape (ignored when `body` is set). */
	code?: string;
	message?: string;
	/**
	 * Run the request first, then fail the answer: `reset` drops the connection, `delayMs` answers
	 * late, `status` replaces the real answer (an inner $batch request gets `status`, default 504).
	 * The change is made either way: the answer is what is lost.
	 */
	afterProcessing?: boolean;
}

export interface ActiveFault extends FaultSpec {
	remaining: number;
	matcher: (method: string, target: string) => boolean;
}

function validate(spec: FaultSpec): void {
	if (typeof spec.path !== 'string' && !(spec.path instanceof RegExp)) {
		throw new Error(
			'fault.path must be a path prefix or a regular expression source starting with ^',
		);
	}
	if (
		spec.status !== undefined &&
		(!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)
	) {
		throw new Error('fault.status must be an HTTP status code from 100 to 599');
	}
	if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
		throw new Error('fault.times must be a positive integer');
	}
	if (
		spec.delayMs !== undefined &&
		(typeof spec.delayMs !== 'number' || spec.delayMs < 0 || spec.delayMs > 600000)
	) {
		throw new Error('fault.delayMs must be a number of milliseconds from 0 to 600000');
	}
	for (const key of ['code', 'message'] as const) {
		if (spec[key] !== undefined && typeof spec[key] !== 'string')
			throw new Error(`fault.${key} must be a string`);
	}
	if (spec.status === undefined && !spec.reset && !spec.malformed && spec.delayMs === undefined) {
		throw new Error('a fault needs at least one of status, reset, malformed or delayMs');
	}
	if (spec.afterProcessing !== undefined && typeof spec.afterProcessing !== 'boolean') {
		throw new Error('fault.afterProcessing must be true or false');
	}
	if (spec.afterProcessing && spec.malformed) {
		throw new Error('fault.afterProcessing takes reset, delayMs or status, not malformed');
	}
}

function toSpec(fault: ActiveFault): FaultSpec {
	const spec: FaultSpec = { ...fault };
	delete (spec as Partial<ActiveFault>).remaining;
	delete (spec as Partial<ActiveFault>).matcher;
	return spec;
}

export class FaultInjector {
	private faults: ActiveFault[] = [];

	add(spec: FaultSpec): void {
		validate(spec);
		let pattern: RegExp | undefined;
		if (spec.path instanceof RegExp) pattern = spec.path;
		else if (spec.path.startsWith('^')) {
			try {
				pattern = new RegExp(spec.path);
			} catch {
				throw new Error(`fault.path is not a valid regular expression: ${spec.path}`);
			}
		}
		const prefix = typeof spec.path === 'string' ? spec.path : '';
		const method = spec.method?.toUpperCase();
		this.faults.push({
			...spec,
			remaining: spec.times ?? 1,
			matcher: (m, target) =>
				(method === undefined || method === m.toUpperCase()) &&
				(pattern ? pattern.test(target) : target.toLowerCase().startsWith(prefix.toLowerCase())),
		});
	}

	/** Takes the first fault matching this request (target = path plus `?query` when present). */
	take(method: string, target: string): FaultSpec | undefined {
		const index = this.faults.findIndex((f) => f.matcher(method, target));
		if (index < 0) return undefined;
		const fault = this.faults[index];
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return toSpec(fault);
	}

	list(): FaultSpec[] {
		return this.faults.map((f) => ({
			...toSpec(f),
			times: f.remaining,
			path: f.path instanceof RegExp ? f.path.source : f.path,
		}));
	}

	clear(): void {
		this.faults = [];
	}
}
