/**
 * Which injected faults the emulator actually applied: wraps the running emulator's fault
 * injector so every fault taken by a request is recorded with its kind and target. The request
 * log then confirms what the client saw (status, dropped connection, slow answer).
 */
import type { RunningEmulator } from '../../emulator';
import type { FaultSpec } from '../../emulator/faults';

export type FaultKind =
	| 'throttled429'
	| 'server500'
	| 'unavailable503'
	| 'connectionReset'
	| 'slowResponse'
	| 'malformedJson'
	| 'tokenOutage';

export const FAULT_KINDS: readonly FaultKind[] = [
	'throttled429',
	'server500',
	'unavailable503',
	'connectionReset',
	'slowResponse',
	'malformedJson',
	'tokenOutage',
];

export interface TakenFault {
	kind: FaultKind;
	method: string;
	target: string;
}

const TOKEN_PATH = /\/oauth2\/v2\.0\/token/;

export function faultKind(spec: FaultSpec, target: string): FaultKind {
	if (TOKEN_PATH.test(target)) return 'tokenOutage';
	if (spec.reset) return 'connectionReset';
	if (spec.malformed) return 'malformedJson';
	if (spec.delayMs !== undefined && spec.status === undefined) return 'slowResponse';
	if (spec.status === 429) return 'throttled429';
	if (spec.status === 503) return 'unavailable503';
	return 'server500';
}

export class FaultLedger {
	readonly taken: TakenFault[] = [];
	private waiters: Array<(at: number) => void> = [];
	readonly injected: Record<FaultKind, number> = Object.fromEntries(
		FAULT_KINDS.map((kind) => [kind, 0]),
	) as Record<FaultKind, number>;

	constructor(private readonly emulator: RunningEmulator) {
		const faults = emulator.faults;
		const take = faults.take.bind(faults);
		faults.take = (method: string, target: string) => {
			const spec = take(method, target);
			if (spec) {
				this.taken.push({ kind: faultKind(spec, target), method, target });
				for (const resolve of this.waiters.splice(0)) resolve(Date.now());
			}
			return spec;
		};
	}

	/** Adds a fault to the emulator and counts the requests it is meant to affect. */
	add(spec: FaultSpec): void {
		this.emulator.faults.add(spec);
		const target = typeof spec.path === 'string' ? spec.path : spec.path.source;
		this.injected[faultKind(spec, target)] += spec.times ?? 1;
	}

	/** Resolves with the time the next fault is taken, i.e. when its request arrived. */
	nextHit(): Promise<number> {
		return new Promise((resolve) => this.waiters.push(resolve));
	}

	hits(): Record<FaultKind, number> {
		const out = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<
			FaultKind,
			number
		>;
		for (const fault of this.taken) out[fault.kind] += 1;
		return out;
	}
}
