/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/**
 * n8n in queue mode against the emulator: a private Redis and PostgreSQL, one main process (API,
 * editor, polling triggers; production webhooks switched off), one webhook process and workers,
 * all from the cached runtime and all with this package installed in their own user folder.
 * stop() tears down whatever was started, also after a failed start.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import { emulatorCredentialFields } from '../../nodes/emulatorCredential';
import { freePort, N8nInstance, type N8nCommand } from './n8n';
import { installPackage, PACKAGE_NAME } from './package';
import { ensureQueuePackages } from './queuePackages';
import { startPostgres, type RunningPostgres } from './queuePostgres';
import { startRedis, type RunningRedis } from './queueRedis';
import { ensureRuntime } from './runtime';
import { CREDENTIAL_NAMES, type CredentialRef } from './stack';

export interface QueueStack {
	emulator: RunningEmulator;
	redis: RunningRedis;
	postgres: RunningPostgres;
	/** `n8n start`: public API, activation, polling triggers. */
	main: N8nInstance;
	/** `n8n webhook`: the only process that answers production webhooks. */
	webhook: N8nInstance;
	/** `n8n worker`: every production execution runs on one of them. */
	workers: N8nInstance[];
	credentials: { defenderXdrApi: CredentialRef; defenderWebhookApi: CredentialRef };
	webhookKey: string;
	stop(): Promise<void>;
}

export interface QueueStackOptions {
	emulator?: EmulatorOptions;
	/** Default 2. */
	workers?: number;
}

/** Start-up takes longer in queue mode: migrations run against PostgreSQL on a busy machine. */
const READY_TIMEOUT_MS = 300_000;

async function createCredential(
	n8n: N8nInstance,
	type: string,
	name: string,
	data: Record<string, unknown>,
): Promise<CredentialRef> {
	const response = await n8n.api().post('/credentials', { name, type, data });
	if (response.status !== 200) {
		throw new Error(
			`creating the ${type} credential failed: ${response.status} ${JSON.stringify(response.data)}`,
		);
	}
	return { id: String(response.data.id), name, data };
}

/** What every process of one installation shares: mode, database, queue, encryption key. */
function sharedEnvironment(
	redis: RunningRedis,
	postgres: RunningPostgres,
	webhookUrl: string,
): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		// Production webhooks are answered by the webhook process only; the editor shows its URL.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		WEBHOOK_URL: `${webhookUrl}/`,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
}

export async function startQueueStack(options: QueueStackOptions = {}): Promise<QueueStack> {
	const started: Array<() => Promise<void>> = [];
	const stop = async () => {
		for (const step of started.reverse()) await step().catch(() => undefined);
	};
	try {
		const binaries = ensureQueuePackages();
		const emulator = await startEmulator({ alerts: 0, ...options.emulator });
		started.push(() => emulator.stop());
		const redis = await startRedis(binaries.redisServer);
		started.push(() => redis.stop());
		const postgres = await startPostgres(binaries.postgresBin);
		started.push(() => postgres.stop());

		const runtime = ensureRuntime();
		const root = mkdtempSync(join(tmpdir(), 'defender-xdr-queue-'));
		started.push(async () => rmSync(root, { recursive: true, force: true }));
		// Each process loads community packages from its own user folder: install once, copy.
		const installed = installPackage(join(root, 'main'));
		const userFolder = (name: string) => {
			const folder = join(root, name);
			if (name !== 'main') {
				cpSync(installed, join(folder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME), {
					recursive: true,
				});
			}
			return folder;
		};

		const webhookPort = await freePort();
		const env = sharedEnvironment(redis, postgres, `http://127.0.0.1:${webhookPort}`);
		const startProcess = async (command: N8nCommand, name: string, port?: number) => {
			const instance = await N8nInstance.start({
				runtime,
				command,
				userFolder: userFolder(name),
				port,
				env,
				readyTimeoutMs: READY_TIMEOUT_MS,
			});
			started.push(() => instance.stop());
			return instance;
		};

		// Main first: it runs the database migrations the others expect.
		const main = await startProcess('start', 'main');
		await main.setUp();
		const [webhook, ...workers] = await Promise.all([
			startProcess('webhook', 'webhook', webhookPort),
			...Array.from({ length: options.workers ?? 2 }, (_, i) =>
				startProcess('worker', `worker-${i + 1}`),
			),
		]);

		const webhookKey = randomBytes(24).toString('hex');
		const credentials = {
			defenderXdrApi: await createCredential(
				main,
				'defenderXdrApi',
				CREDENTIAL_NAMES.defenderXdrApi,
				emulatorCredentialFields(emulator),
			),
			defenderWebhookApi: await createCredential(
				main,
				'defenderWebhookApi',
				CREDENTIAL_NAMES.defenderWebhookApi,
				{
					apiKey: webhookKey,
				},
			),
		};
		return { emulator, redis, postgres, main, webhook, workers, credentials, webhookKey, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The last lines of every process log, for a failure report. */
export function logTails(stack: QueueStack, lines = 40): string {
	const processes: Array<[string, N8nInstance]> = [
		['main', stack.main],
		['webhook', stack.webhook],
		...stack.workers.map((worker, i): [string, N8nInstance] => [`worker-${i + 1}`, worker]),
	];
	return processes
		.map(
			([name, instance]) =>
				`--- ${name} ---\n${instance.logText().split('\n').slice(-lines).join('\n')}`,
		)
		.join('\n');
}

/** Execution ids a worker ran, from its log ("Worker finished execution <id> (job <n>)"). */
export function executionsFinishedBy(worker: N8nInstance): string[] {
	return [...worker.logText().matchAll(/Worker finished execution (\d+)/g)].map(
		(match) => match[1],
	);
}
