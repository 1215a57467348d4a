/** The emulator's notion of "now": wall time plus an offset tests can move forward. */
export class EmulatorClock {
	private offsetMs = 0;

	constructor(private readonly base: () => number = () => Date.now()) {}

	now(): number {
		return this.base() + this.offsetMs;
	}

	/** Moves time forward (token expiry, machine-action progress, rate-limit windows). */
	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0)
			throw new RangeError('advance needs a non-negative number of milliseconds');
		this.offsetMs += ms;
	}

	reset(): void {
		this.offsetMs = 0;
	}
}
