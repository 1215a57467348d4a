/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/**
 * A real n8n process on loopback with a fresh user folder: start, wait until ready, create the
 * owner and an API key, and stop (always, also on failure).
 */
import axios, { type AxiosInstance } from 'axios';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import type { N8nRuntime } from './runtime';

export const OWNER = { email: 'owner@example.com', password: 'Demo-Passw0rd!', firstName: 'SOC', lastName: 'Owner' };

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Which n8n process: the main instance (default), a webhook process or a queue worker. */
export type N8nCommand = 'start' | 'webhook' | 'worker';

export interface N8nOptions {
	runtime: N8nRuntime;
	/** `n8n <command>`; default `start`. Workers answer on `port` through their health server. */
	command?: N8nCommand;
	/** N8N_USER_FOLDER: n8n keeps `.n8n/` (database, community packages) in it. */
	userFolder: string;
	port?: number;
	env?: Record<string, string>;
	/** How long to wait for readiness (default 120 s). */
	readyTimeoutMs?: number;
}

export class N8nInstance {
	readonly baseUrl: string;
	readonly logFile: string;
	private child?: ChildProcess;
	private cookie = '';
	apiKey = '';
	/** Starts after which n8n exited in its own crash recovery and was started once more. */
	recoveryCrashStarts = 0;

	private constructor(
		readonly options: N8nOptions,
		readonly port: number,
		private readonly brokerPort: number,
	) {
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.logFile = join(options.userFolder, '.n8n', 'n8n.log');
	}

	static async start(options: N8nOptions): Promise<N8nInstance> {
		const instance = new N8nInstance(options, options.port ?? (await freePort()), await freePort());
		try {
			await instance.spawn();
		} catch (error) {
			// A process that never became ready is still running: stop it before reporting.
			await instance.stop();
			throw error;
		}
		return instance;
	}

	private environment(): NodeJS.ProcessEnv {
		const base = this.baseUrl;
		return {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.options.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${base}/`,
			WEBHOOK_URL: `${base}/`,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			GENERIC_TIMEZONE: 'UTC',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			...this.commandEnvironment(),
			...this.options.env,
		};
	}

	/** A worker has no REST API: its health server (on `port`) tells when it is ready. */
	private commandEnvironment(): Record<string, string> {
		if (this.options.command !== 'worker') return {};
		return {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(this.port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		};
	}

	private async spawn(): Promise<void> {
		mkdirSync(join(this.options.userFolder, '.n8n'), { recursive: true });
		const log = createWriteStream(this.logFile, { flags: 'a' });
		const child = spawn(this.options.runtime.node, [this.options.runtime.n8nBin, this.options.command ?? 'start'], {
			env: this.environment(),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		child.stdout?.pipe(log);
		child.stderr?.pipe(log);
		this.child = child;
		await this.waitReady(child, this.options.readyTimeoutMs);
	}

	private async waitReady(child: ChildProcess, timeoutMs = 120_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		const logStart = this.logText().length;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) {
				// The log stream may still hold n8n's last lines.
				await delay(1_000);
				throw new N8nExitedError(child.exitCode, this.logFile, this.logText().slice(logStart));
			}
			const ready = await this.probeReady();
			if (ready) return;
			await delay(300);
		}
		throw new Error(`n8n did not become ready in ${timeoutMs / 1000} s; see ${this.logFile}`);
	}

	private async probeReady(): Promise<boolean> {
		const readiness = axios
			.get(`${this.baseUrl}/healthz/readiness`, { validateStatus: () => true, timeout: 2_000 })
			.then((r) => r.status === 200)
			.catch(() => false);
		// Webhook processes and workers have no settings API: their readiness endpoint is enough.
		if (this.options.command && this.options.command !== 'start') return await readiness;
		// /healthz answers before migrations finish; readiness and a JSON settings answer mean the API is up.
		if (!(await readiness)) return false;
		const settings = await axios
			.get(`${this.baseUrl}/rest/settings`, { validateStatus: () => true })
			.catch(() => undefined);
		return settings?.status === 200 && typeof settings.data === 'object';
	}

	/** Owner account, a session cookie for the internal REST API, and a public-API key. */
	async setUp(): Promise<void> {
		const rest = axios.create({ baseURL: this.baseUrl, validateStatus: () => true });
		const setup = await rest.post('/rest/owner/setup', OWNER);
		if (setup.status !== 200) throw new Error(`owner setup failed: ${setup.status} ${JSON.stringify(setup.data)}`);
		await this.login();
		const scopes = await this.rest().get('/rest/api-keys/scopes');
		const created = await this.rest().post('/rest/api-keys', {
			label: 'defender-e2e',
			scopes: scopes.data.data,
			expiresAt: null,
		});
		const data = created.data?.data ?? created.data;
		const key = data?.rawApiKey ?? data?.apiKey;
		if (created.status !== 200 || typeof key !== 'string') {
			throw new Error(`API key creation failed: ${created.status} ${String(JSON.stringify(created.data)).slice(0, 300)}`);
		}
		this.apiKey = key;
	}

	async login(): Promise<void> {
		const response = await axios.post(
			`${this.baseUrl}/rest/login`,
			{ emailOrLdapLoginId: OWNER.email, password: OWNER.password },
			{ validateStatus: () => true },
		);
		if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
		this.cookie = (response.headers['set-cookie'] ?? []).map((c: string) => c.split(';')[0]).join('; ');
	}

	/** The editor's internal API (session cookie). */
	rest(): AxiosInstance {
		return axios.create({
			baseURL: this.baseUrl,
			headers: { cookie: this.cookie, 'accept-encoding': 'identity' },
			validateStatus: () => true,
		});
	}

	/** The public API (/api/v1, API key). */
	api(): AxiosInstance {
		return axios.create({
			baseURL: `${this.baseUrl}/api/v1`,
			headers: { 'X-N8N-API-KEY': this.apiKey },
			validateStatus: () => true,
		});
	}

	logText(): string {
		try {
			return readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	/** SIGKILL of the whole process group, as a crash would: nothing is flushed or shut down. */
	async kill(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			return;
		}
		await exited;
	}

	/**
	 * Starts n8n again on the same user folder (database, static data, credentials, API key) and
	 * port after stop() or kill(), and logs in again.
	 */
	async restart(): Promise<void> {
		// After kill() the process is gone; stop() would wait for an exit that already happened.
		const child = this.child;
		if (child && child.exitCode === null && child.signalCode === null) await this.stop();
		try {
			await this.spawn();
		} catch (error) {
			if (!(error instanceof N8nExitedError) || !error.inCrashRecovery) throw error;
			// n8n marks a failed recovery in its event log and skips it on the next start, as a
			// supervisor (systemd, Docker restart policy) would find.
			this.recoveryCrashStarts++;
			await this.spawn();
		}
		await this.login();
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.pid === undefined) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			return;
		}
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// already gone
			}
		}, 15_000);
		await exited;
		clearTimeout(timer);
	}
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** n8n ended before it was ready; carries the error lines it logged in that start. */
export class N8nExitedError extends Error {
	/** n8n's start-up crash recovery threw (for example its insights hook on an execution that never started). */
	readonly inCrashRecovery: boolean;

	constructor(exitCode: number, logFile: string, startLog: string) {
		const errorLines = startLog
			.split('\n')
			.filter((line) => /\berror\b/i.test(line))
			.slice(0, 3)
			.map((line) => line.replace(ANSI_COLOUR, '').slice(0, 300));
		super(`n8n exited with ${exitCode} while starting; see ${logFile}${errorLines.length ? `:\n${errorLines.join('\n')}` : ''}`);
		this.name = 'N8nExitedError';
		this.inCrashRecovery = /recoverFromLogs|performStartupRecovery/.test(startLog);
	}
}
