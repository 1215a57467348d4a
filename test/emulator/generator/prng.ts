/** Seeded pseudo-random numbers (mulberry32): same seed, same tenant, on every machine. */

// Bound once: global lookups are slow inside sandboxed contexts (jest's vm), and this is hot.
const imul = Math.imul;
const floor = Math.floor;

export class Prng {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** Uniform float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = imul(t ^ (t >>> 15), t | 1);
		t ^= t + imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max] inclusive. */
	int(min: number, max: number): number {
		return min + floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[floor(this.next() * items.length)];
	}

	/** `count` distinct items (fewer when the list is shorter). */
	sample<T>(items: readonly T[], count: number): T[] {
		const pool = [...items];
		const out: T[] = [];
		while (out.length < count && pool.length > 0) {
			out.push(pool.splice(floor(this.next() * pool.length), 1)[0]);
		}
		return out;
	}

	hex(length: number): string {
		let out = '';
		while (out.length < length) {
			out += ((this.next() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
		}
		return out.slice(0, length);
	}

	guid(): string {
		const h = this.hex(32);
		const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}

	/** A number of `length` decimal digits (first digit non-zero). */
	digits(length: number): string {
		let out = String(this.int(1, 9));
		while (out.length < length) out += String(this.int(0, 9));
		return out;
	}

	/** Derives an independent generator, so adding draws in one place does not shift another. */
	fork(label: number): Prng {
		return new Prng((imul(this.int(0, 0x7fffffff), 31) ^ imul(label + 1, 0x9e3779b1)) >>> 0);
	}
}
