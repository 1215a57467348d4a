/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- benchmark CLI, not shipped */
/**
 * `npm run bench:poll`: seeds the emulator with 50,000 alerts and drains them through the
 * trigger's poll runner, using the lib client over real HTTP on 127.0.0.1, poll after poll with
 * the stored state carried over exactly as the node does. It reports, it does not assert:
 * Graph requests against the floor ceil(N / page size) plus token requests, alerts emitted,
 * duplicates (target 0), misses against the emulator's stored ids (target 0), peak memory.
 *
 * Flags: --alerts N (default 50000), --seed S (default 7), --max-items M (default 500),
 * --page-size P (default 1000), --throttle (keep the emulator's rate limits; off by default so
 * the run measures paging, not waiting).
 */
import type { CloudEndpoints } from '../../lib/auth/clouds';
import { EntraTokenProvider } from '../../lib/auth/tokenCache';
import { DefenderClient } from '../../lib/client/DefenderClient';
import {
	freshState,
	runPoll,
	type EmitItem,
	type PageSource,
	type PollOptionsInput,
	type PollState,
} from '../../lib/poll';
import { systemClock } from '../../lib/ports';
import { pageSourceFor } from '../../nodes/DefenderTrigger/source';
import { startEmulator } from '../emulator';
import { createAxiosTransport } from '../lib/http/axiosTransport';

const DAY = 86_400_000;

interface BenchFlags {
	alerts: number;
	seed: number;
	maxItems: number;
	pageSize: number;
	throttle: boolean;
}

function readFlags(argv: string[]): BenchFlags {
	const value = (name: string, fallback: number): number => {
		const index = argv.indexOf(`--${name}`);
		if (index < 0) return fallback;
		const parsed = Number(argv[index + 1]);
		if (!Number.isInteger(parsed) || parsed < 1) {
			throw new Error(`--${name} needs a whole number of 1 or more`);
		}
		return parsed;
	};
	return {
		alerts: value('alerts', 50_000),
		seed: value('seed', 7),
		maxItems: value('max-items', 500),
		pageSize: value('page-size', 1000),
		throttle: argv.includes('--throttle'),
	};
}

/** Wraps a page source to add up the time spent waiting for pages (HTTP plus emulator work). */
function timedSource(source: PageSource, timer: { fetchMs: number }): PageSource {
	return (query) => ({
		[Symbol.asyncIterator]() {
			const pages = source(query)[Symbol.asyncIterator]();
			return {
				async next() {
					const started = Date.now();
					try {
						return await pages.next();
					} finally {
						timer.fetchMs += Date.now() - started;
					}
				},
				async return(value?: unknown) {
					return pages.return ? await pages.return(value) : { done: true as const, value };
				},
			};
		},
	});
}

interface ScenarioResult {
	name: string;
	polls: number;
	graphRequests: number;
	tokenRequests: number;
	floor: number;
	emitted: number;
	duplicates: number;
	misses: number;
	peakRssMb: number;
	peakHeapMb: number;
	peakStateKb: number;
	seconds: number;
	/** Time outside page fetches: the runner, plus the JSON round trip of the state. */
	runnerSeconds: number;
}

function megabytes(bytes: number): number {
	return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

async function runScenario(
	name: string,
	flags: BenchFlags,
	alertsNextLink: boolean,
	maxItems: number,
): Promise<ScenarioResult> {
	const emulator = await startEmulator({
		alerts: flags.alerts,
		seed: flags.seed,
		spanDays: 30,
		httpsPort: false,
		alertsNextLink,
		rateLimits: flags.throttle ? {} : false,
	});
	try {
		const transport = createAxiosTransport();
		const endpoints: CloudEndpoints = {
			loginHost: emulator.url,
			graphBaseUrl: emulator.graphBaseUrl,
			mdeBaseUrl: emulator.mdeBaseUrl,
			scopes: {
				graph: 'https://graph.microsoft.com/.default',
				mde: 'https://api.securitycenter.microsoft.com/.default',
			},
		};
		const client = new DefenderClient({
			transport,
			endpoints: { graphBaseUrl: emulator.graphBaseUrl, mdeBaseUrl: emulator.mdeBaseUrl },
			tokens: new EntraTokenProvider(transport, systemClock, {
				endpoints,
				tenantId: emulator.tenantId,
				clientId: emulator.defaultClient.clientId,
				auth: { type: 'secret', secret: emulator.defaultClient.clientSecret },
			}),
			sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
		});
		const options: PollOptionsInput = {
			resource: 'alerts',
			event: 'createdOrUpdated',
			// The seeded alerts span the last 30 days; look back a little further to take them all.
			lookBackMs: 31 * DAY,
			maxLookBackMs: 31 * DAY,
			maxItems,
			pageSize: flags.pageSize,
		};
		const timer = { fetchMs: 0 };
		const source = timedSource(pageSourceFor(client), timer);
		emulator.requests.clear();

		const counts = new Map<string, number>();
		const emittedIds = new Set<string>();
		let state: PollState = freshState();
		let polls = 0;
		let peakRss = 0;
		let peakHeap = 0;
		let peakState = 0;
		const maxPolls = Math.ceil(flags.alerts / maxItems) * 3 + 10;
		const started = Date.now();
		for (;;) {
			if (polls >= maxPolls) throw new Error(`no end after ${maxPolls} polls`);
			const result = await runPoll({ state, options, now: Date.now(), source });
			polls += 1;
			// Carry the state over as n8n does: through JSON in the node's static data.
			const stored = JSON.stringify(result.nextState);
			state = JSON.parse(stored) as PollState;
			peakState = Math.max(peakState, stored.length);
			for (const item of result.items as EmitItem[]) {
				counts.set(item._defender.key, (counts.get(item._defender.key) ?? 0) + 1);
				emittedIds.add(item.id as string);
			}
			const memory = process.memoryUsage();
			peakRss = Math.max(peakRss, memory.rss);
			peakHeap = Math.max(peakHeap, memory.heapUsed);
			if (result.items.length === 0 && !result.stats.capped) break;
		}
		const seconds = (Date.now() - started) / 1000;

		const log = emulator.requests.list();
		const graphRequests = log.filter((entry) => entry.path.includes('/security/alerts_v2')).length;
		const tokenRequests = log.filter((entry) => entry.path.endsWith('/oauth2/v2.0/token')).length;
		let duplicates = 0;
		for (const count of counts.values()) duplicates += count - 1;
		let misses = 0;
		for (const id of emulator.state.alerts.keys()) if (!emittedIds.has(id)) misses += 1;
		return {
			name,
			polls,
			graphRequests,
			tokenRequests,
			floor: Math.ceil(emulator.state.alerts.size / flags.pageSize),
			emitted: [...counts.values()].reduce((sum, count) => sum + count, 0),
			duplicates,
			misses,
			peakRssMb: megabytes(peakRss),
			peakHeapMb: megabytes(peakHeap),
			peakStateKb: Math.round(peakState / 1024),
			seconds,
			runnerSeconds: seconds - timer.fetchMs / 1000,
		};
	} finally {
		await emulator.stop();
	}
}

function report(flags: BenchFlags, result: ScenarioResult, maxItems: number): void {
	const pollFloor = Math.ceil(flags.alerts / maxItems) + 1;
	console.log(`\n${result.name}`);
	console.log(
		`  Graph requests   ${result.graphRequests} in ${result.polls} polls (floor: ceil(${flags.alerts} / ${flags.pageSize}) = ${result.floor} pages; at most ${maxItems} items per poll also needs >= ${pollFloor} polls, the last one empty)`,
	);
	console.log(`  token requests   ${result.tokenRequests} (floor 1)`);
	console.log(`  alerts emitted   ${result.emitted} of ${flags.alerts}`);
	console.log(`  duplicates       ${result.duplicates} (target 0)`);
	console.log(`  misses           ${result.misses} (target 0, against the emulator's stored ids)`);
	console.log(
		`  peak memory      rss ${result.peakRssMb} MB, heap ${result.peakHeapMb} MB (emulator in the same process); stored state ${result.peakStateKb} KB`,
	);
	console.log(
		`  time             ${result.seconds.toFixed(1)} s, of which ${result.runnerSeconds.toFixed(1)} s outside page fetches (runner and state round trip)`,
	);
}

async function main(): Promise<void> {
	const flags = readFlags(process.argv.slice(2));
	console.log(
		`bench:poll: ${flags.alerts} alerts (seed ${flags.seed}), $top ${flags.pageSize}, rate limits ${flags.throttle ? 'on' : 'off'}`,
	);
	const scenarios: Array<[string, boolean, number]> = [
		[`alerts_v2 with @odata.nextLink, at most ${flags.maxItems} per poll`, true, flags.maxItems],
		[
			`alerts_v2 without @odata.nextLink (boundary paging), at most ${flags.maxItems} per poll`,
			false,
			flags.maxItems,
		],
		['alerts_v2 with @odata.nextLink, one poll takes everything', true, flags.alerts],
	];
	let clean = true;
	for (const [name, nextLink, maxItems] of scenarios) {
		const result = await runScenario(name, flags, nextLink, maxItems);
		report(flags, result, maxItems);
		clean &&= result.duplicates === 0 && result.misses === 0;
	}
	console.log(`\n${clean ? 'OK: no duplicates, no misses' : 'FAILED: duplicates or misses above'}`);
	process.exitCode = clean ? 0 : 1;
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
});
