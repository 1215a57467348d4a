/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- benchmark CLI, not shipped */
/**
 * `npm run bench:normalize`: normalizes 10,000 alerts from the emulator's seeded generator
 * (5 to 15 evidence each) and prints alerts/second, the ratio of normalize time to JSON.parse
 * time of the same payload (both measured in this run), and heap growth. Each figure is given
 * as best / median of the runs: the best is what the code costs, the median adds whatever else
 * the machine was doing.
 *
 * Options: `--alerts N` (default 10000), `--seed N` (default 42), `--runs N` (default 9).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type { OutputProfile } from '../../lib/normalize';
import type * as NormalizeModule from '../../lib/normalize';

// Measure the compiled JavaScript n8n loads (dist/, from `npm run build`), not the TypeScript
// sources as a loader transforms them on the fly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { normalizeInput } = require('../../dist/lib/normalize') as typeof NormalizeModule;
import { generateTenant } from '../emulator/generator';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
	if (!Number.isInteger(value) || value <= 0) {
		console.error(`--${name} must be a positive whole number`);
		process.exit(2);
	}
	return value;
}

const ALERTS = option('alerts', 10000);
const SEED = option('seed', 42);
const RUNS = option('runs', 9);

// A collector to call before the memory measurements, so they start from the same heap.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timed<T>(run: () => T): { ms: number; result: T } {
	const start = performance.now();
	const result = run();
	return { ms: performance.now() - start, result };
}

/** Heap growth while `run` holds its result: garbage included, so an upper bound of the peak. */
function heapGrowth(run: () => unknown): number {
	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	const result = run();
	const after = process.memoryUsage().heapUsed;
	if (result === undefined) throw new Error('benchmark produced nothing');
	return after - before;
}

const fmt = (value: number, digits = 1) =>
	value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;

// ---- payload: one Graph alerts_v2 page holding every generated alert ----------------------
const tenant = generateTenant({ seed: SEED, alerts: ALERTS });
const payload = JSON.stringify({
	'@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2',
	value: tenant.alerts,
});
const sample = JSON.parse(payload) as { value: Array<{ evidence: unknown[] }> };
const evidenceCounts = sample.value.map((alert) => alert.evidence.length);
const totalEvidence = evidenceCounts.reduce((sum, count) => sum + count, 0);

/**
 * Parse and normalize alternate, so both see the same machine load and heap state; no forced
 * collection in between (it would shrink the young generation and time a cold heap instead).
 */
interface Timing {
	median: number;
	best: number;
}

function summary(values: number[]): Timing {
	return { median: median(values), best: Math.min(...values) };
}

function measure(
	profile: OutputProfile,
	runs: number,
): { parse: Timing; normalize: Timing; records: number } {
	const options = { profile };
	// Warm-up: let both paths get optimised before timing.
	for (let i = 0; i < 2; i++) normalizeInput(JSON.parse(payload), options);
	const parseTimes: number[] = [];
	const normalizeTimes: number[] = [];
	let records = 0;
	for (let run = 0; run < runs; run++) {
		const parsed = timed(() => JSON.parse(payload) as unknown);
		parseTimes.push(parsed.ms);
		const normalized = timed(() => normalizeInput(parsed.result, options));
		normalizeTimes.push(normalized.ms);
		records = normalized.result.length;
	}
	return { parse: summary(parseTimes), normalize: summary(normalizeTimes), records };
}

const main = measure('default', RUNS);
if (main.records !== ALERTS) throw new Error(`expected ${ALERTS} records, got ${main.records}`);
const ocsf = measure('ocsf', Math.min(RUNS, 5));
const ecs = measure('ecs', Math.min(RUNS, 5));

const parsedForMemory = JSON.parse(payload) as unknown;
const parseHeap = heapGrowth(() => JSON.parse(payload) as unknown);
const normalizeHeap = heapGrowth(() => normalizeInput(parsedForMemory));

const ratio = (timing: { parse: Timing; normalize: Timing }, key: keyof Timing) =>
	timing.normalize[key] / timing.parse[key];
const perSecond = (ms: number) => fmt(ALERTS / (ms / 1000), 0);
const best = ratio(main, 'best');

console.log(
	`Normalize benchmark: ${ALERTS.toLocaleString('en-US')} alerts from the emulator generator (seed ${SEED}), ` +
		`${Math.min(...evidenceCounts)}–${Math.max(...evidenceCounts)} evidence each (mean ${fmt(totalEvidence / ALERTS)}), ` +
		`payload ${mb(payload.length)}, Node ${process.version}, ${RUNS} runs (best / median)`,
);
console.log(
	`JSON.parse of the payload:        ${fmt(main.parse.best)} ms / ${fmt(main.parse.median)} ms`,
);
console.log(
	`normalize (default profile):      ${fmt(main.normalize.best)} ms / ${fmt(main.normalize.median)} ms` +
		` = ${perSecond(main.normalize.best)} / ${perSecond(main.normalize.median)} alerts/second`,
);
console.log(
	`ratio normalize / JSON.parse:     ${fmt(best, 2)} / ${fmt(ratio(main, 'median'), 2)}` +
		` (target <= 1.0: ${best <= 1 ? 'met' : 'NOT met'})`,
);
console.log(
	`  ocsf profile ratio: ${fmt(ratio(ocsf, 'best'), 2)} / ${fmt(ratio(ocsf, 'median'), 2)}; ` +
		`ecs profile ratio: ${fmt(ratio(ecs, 'best'), 2)} / ${fmt(ratio(ecs, 'median'), 2)}`,
);
console.log(
	`heap growth while normalizing:    ${mb(normalizeHeap)} (${fmt(normalizeHeap / ALERTS / 1024)} KB per alert; ` +
		`JSON.parse of the same payload: ${mb(parseHeap)})`,
);
