/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test harness, not shipped */
/**
 * A private Redis for n8n's queue: its own process on a free loopback port, no persistence, its
 * files in a temporary folder removed on stop. The system service (if any) is never used.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './n8n';

export interface RunningRedis {
	host: string;
	port: number;
	stop(): Promise<void>;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1_000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString('utf8');
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

async function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
	await exited;
	clearTimeout(timer);
}

export async function startRedis(redisServer: string, timeoutMs = 30_000): Promise<RunningRedis> {
	const dir = mkdtempSync(join(tmpdir(), 'defender-xdr-redis-'));
	const logFile = join(dir, 'redis.log');
	const port = await freePort();
	const child = spawn(
		redisServer,
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--logfile',
			logFile,
			'--daemonize',
			'no',
			'--protected-mode',
			'yes',
		],
		{ stdio: 'ignore' },
	);
	const stop = async () => {
		await stopProcess(child);
		rmSync(dir, { recursive: true, force: true });
	};
	const deadline = Date.now() + timeoutMs;
	while (!(await ping(port))) {
		const log = () => {
			try {
				return readFileSync(logFile, 'utf8').split('\n').slice(-10).join('\n');
			} catch {
				return '(no log)';
			}
		};
		if (child.exitCode !== null || Date.now() > deadline) {
			const reason =
				child.exitCode !== null
					? `exited with ${child.exitCode}`
					: `did not answer in ${timeoutMs / 1000} s`;
			const tail = log();
			await stop();
			throw new Error(`redis-server on 127.0.0.1:${port} ${reason}:\n${tail}`);
		}
		await delay(100);
	}
	return { host: '127.0.0.1', port, stop };
}
