import { normalizedRecordSchema, normalizeInput } from '../../../lib/normalize';
import { fixtures, type Json } from './fixtures';

/** Small deterministic PRNG (mulberry32) so a failure replays identically. */
function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const JUNK: unknown[] = [
	null,
	undefined,
	0,
	-1,
	1.5,
	NaN,
	true,
	'',
	' ',
	'x',
	[],
	[null],
	{},
	{ a: 1 },
	[[1]],
	'T1059',
];

/** Replaces random values anywhere below the top level (the id and type stay, so items are still recognised). */
function mutate(value: unknown, random: () => number, depth: number): unknown {
	if (depth > 0 && random() < 0.15) return JUNK[Math.floor(random() * JUNK.length)];
	if (Array.isArray(value)) return value.map((entry) => mutate(entry, random, depth + 1));
	if (value !== null && typeof value === 'object') {
		const out: Json = {};
		for (const [key, entry] of Object.entries(value)) {
			out[key] =
				depth === 0 && (key === 'id' || key === '@odata.type')
					? entry
					: mutate(entry, random, depth + 1);
		}
		return out;
	}
	return value;
}

describe('untrusted input never breaks normalization', () => {
	const sources = [
		fixtures.alertEveryEvidence(),
		fixtures.incidentWithAlerts(),
		fixtures.alertDocumented(),
	];

	it('normalizes 600 randomly corrupted alerts and incidents into schema-valid records', () => {
		const random = prng(20240301);
		let records = 0;
		for (let i = 0; i < 600; i++) {
			const item = mutate(sources[i % sources.length], random, 0);
			for (const profile of ['default', 'ocsf', 'ecs'] as const) {
				const output = normalizeInput(item, { profile, splitIncidentAlerts: true });
				expect(output.length).toBeGreaterThan(0);
				if (profile === 'default') {
					for (const record of output) {
						const result = normalizedRecordSchema.safeParse(record);
						expect(result.success ? [] : result.error.issues).toEqual([]);
						records += 1;
					}
				}
			}
		}
		expect(records).toBeGreaterThanOrEqual(600);
	});

	it.each([
		['an incident with alerts', fixtures.incidentWithAlerts()],
		['the alert with every evidence type', fixtures.alertEveryEvidence()],
	])('does not change the input (%s), even where observables merge', (_label, item) => {
		const before = JSON.stringify(item);
		const [record] = normalizeInput(item, { splitIncidentAlerts: true, includeRaw: true });
		normalizeInput(item, { profile: 'ocsf' });
		normalizeInput(item, { profile: 'ecs' });
		expect(JSON.stringify(item)).toBe(before);
		// Merged observables got their own arrays instead of growing the input's.
		expect(
			record.observables.some(
				(observable) => observable.roles.length > 1 || observable.verdicts.length > 1,
			),
		).toBe(true);
	});

	it('de-duplicates as well past the point where the collector switches to an index', () => {
		const evidence = Array.from({ length: 300 }, (_, i) => ({
			'@odata.type': '#microsoft.graph.security.ipEvidence',
			ipAddress: `127.0.0.${i % 60}`,
			roles: [i % 2 === 0 ? 'attacker' : 'destination'],
			verdict: i % 7 === 0 ? 'malicious' : 'unknown',
		}));
		const [record] = normalizeInput({ id: 'da1', evidence });
		const expected = new Set(evidence.map((entry) => entry.ipAddress));
		expect(expected.size).toBe(60);
		expect(record.observables.map((observable) => observable.value)).toEqual([...expected]);
		for (const observable of record.observables) {
			const sources = evidence.filter((entry) => entry.ipAddress === observable.value);
			expect(observable.verdict).toBe(
				sources.some((entry) => entry.verdict === 'malicious') ? 'malicious' : 'unknown',
			);
			expect(new Set(observable.roles)).toEqual(new Set(sources.map((entry) => entry.roles[0])));
		}
	});
});
