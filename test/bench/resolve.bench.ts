/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- benchmark CLI, not shipped */
/**
 * `npm run bench:resolve`: resolves 1,000 emulator alerts with a comment each through the Defender
 * node's bulk path (the node itself, run in the jest harness context with the real credential,
 * over real HTTP on 127.0.0.1). It reports, it does not assert: HTTP requests used against the
 * floor ceil(2N / 20) and the naive 2N, token requests, wall time, and how many alerts the
 * emulator now holds as resolved with the comment.
 *
 * Flags: --alerts N (default 1000), --seed S (default 11).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { emulatorCredential } from '../nodes/emulatorCredential';
// The node's execute is exactly router(); importing Defender.node directly makes tsx pick the .json codex.
import { router } from '../../nodes/Defender/actions/router';
import { startEmulator } from '../emulator';
import { createContext } from '../nodes/n8nHarness';

const COMMENT = 'Resolved in bulk by the benchmark';
// graph-api.md §7.1 allows 150 requests/min; the run measures batching, not waiting.
const RAISED_LIMIT = { limit: 1_000_000, windowMs: 60_000 };

function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	if (index < 0) return fallback;
	const value = Number(process.argv[index + 1]);
	if (!Number.isInteger(value) || value < 1)
		throw new Error(`--${name} needs a whole number of 1 or more`);
	return value;
}

async function main(): Promise<void> {
	const count = flag('alerts', 1000);
	const seed = flag('seed', 11);
	const emulator = await startEmulator({
		alerts: count,
		seed,
		httpsPort: false,
		rateLimits: { graphSecurity: RAISED_LIMIT },
	});
	console.log(
		`emulator: ${count} alerts (seed ${seed}); Graph security rate limit raised from 150/min to ${RAISED_LIMIT.limit}/min for this run`,
	);
	try {
		const alertIds = [...emulator.state.alerts.keys()].slice(0, count);
		const { context } = createContext({
			parameters: {
				resource: 'alert',
				operation: 'resolve',
				classification: 'truePositive',
				determination: 'malware',
				comment: COMMENT,
			},
			items: alertIds.map((alertId) => ({ json: { alertId } })),
			itemParameters: alertIds.map((alertId) => ({ alertId })),
			credentials: {
				defenderXdrApi: emulatorCredential(emulator),
			},
		});
		emulator.requests.clear();

		const started = performance.now();
		const output = (await router.call(context as never)) as INodeExecutionData[][];
		const seconds = (performance.now() - started) / 1000;

		const log = emulator.requests.list();
		const outer = log.filter((entry) => entry.batchParent === undefined);
		const batches = outer.filter((entry) => entry.path.endsWith('/$batch')).length;
		const tokens = outer.filter((entry) => entry.path.endsWith('/oauth2/v2.0/token')).length;
		const inner = log.filter((entry) => entry.batchParent !== undefined);
		const throttled = inner.filter((entry) => entry.status === 429).length;
		const items = output[0] ?? [];
		const failed = items.filter((item) => item.json.error !== undefined).length;
		const resolved = alertIds.filter((id) => {
			const alert = emulator.state.alerts.get(id) as {
				status?: string;
				comments?: Array<{ comment?: string }>;
			};
			return (
				alert?.status === 'resolved' && (alert.comments ?? []).some((c) => c.comment === COMMENT)
			);
		}).length;

		const writes = 2 * count;
		const floor = Math.ceil(writes / 20);
		console.log(
			`alerts resolved with a comment: ${resolved}/${count} (output items ${items.length}, failed ${failed})`,
		);
		console.log(
			`Graph API requests: ${batches} $batch calls carrying ${inner.length} inner requests (${throttled} inner 429s retried)`,
		);
		console.log(
			`  floor ceil(${writes} / 20) = ${floor}: ${(batches / floor).toFixed(2)}x the floor`,
		);
		console.log(
			`  naive one request per write = ${writes}: ${(writes / Math.max(batches, 1)).toFixed(1)}x fewer`,
		);
		console.log(
			`token requests: ${tokens} (Graph and Defender for Endpoint, minted once by the credential)`,
		);
		console.log(`wall time: ${seconds.toFixed(2)} s`);
	} finally {
		await emulator.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
