/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/**
 * A private PostgreSQL cluster for n8n: initdb into a temporary folder, listening on 127.0.0.1 on
 * a free port with its unix socket in that folder, a database and a password login for n8n, and
 * everything removed on stop. PostgreSQL refuses to run as root, so as root the cluster belongs
 * to the `postgres` user the Debian package creates.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './n8n';

const SYSTEM_USER = 'postgres';

export interface RunningPostgres {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	/** Runs one SQL statement in n8n's database as the superuser; returns the unaligned rows. */
	sql(statement: string): string;
	stop(): Promise<void>;
}

const asRoot = () => process.getuid?.() === 0;

function run(dir: string, command: string, args: string[]): string {
	const [file, argv] = asRoot()
		? ['runuser', ['-u', SYSTEM_USER, '--', command, ...args]]
		: [command, args];
	const result = spawnSync(file, argv, {
		cwd: dir,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (result.status !== 0) {
		const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`;
		throw new Error(
			`${command.split('/').pop()} ${args[0] ?? ''} failed (exit ${result.status}):\n${output.split('\n').slice(-15).join('\n')}`,
		);
	}
	return result.stdout;
}

function ownFolderForPostgres(dir: string): void {
	if (!asRoot()) return;
	const id = (flag: string) =>
		Number(execFileSync('id', [flag, SYSTEM_USER], { encoding: 'utf8' }).trim());
	chownSync(dir, id('-u'), id('-g'));
}

export async function startPostgres(bin: string): Promise<RunningPostgres> {
	const dir = mkdtempSync(join(tmpdir(), 'defender-xdr-pg-'));
	const data = join(dir, 'data');
	const logFile = join(dir, 'postgres.log');
	const port = await freePort();
	const password = randomBytes(18).toString('hex');
	let started = false;

	const psql = (database: string, statement: string) =>
		run(dir, join(bin, 'psql'), [
			'-h',
			dir,
			'-p',
			String(port),
			'-U',
			'postgres',
			'-d',
			database,
			'-v',
			'ON_ERROR_STOP=1',
			'-At',
			'-c',
			statement,
		]);
	const stop = async () => {
		if (started) {
			try {
				run(dir, join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
			} catch {
				run(dir, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
			}
			started = false;
		}
		rmSync(dir, { recursive: true, force: true });
	};

	try {
		ownFolderForPostgres(dir);
		// Trust on the unix socket in the private folder (the harness); a password over TCP (n8n).
		run(dir, join(bin, 'initdb'), [
			'-D',
			data,
			'-U',
			'postgres',
			'--auth-local=trust',
			'--auth-host=scram-sha-256',
			'-E',
			'UTF8',
			'--no-locale',
		]);
		// A throwaway cluster: durability settings off, so n8n's writes do not wait for the disk.
		const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
		started = true;
		run(dir, join(bin, 'pg_ctl'), [
			'-D',
			data,
			'-l',
			logFile,
			'-w',
			'-t',
			'120',
			'-o',
			settings,
			'start',
		]);
		psql('postgres', `CREATE ROLE n8n LOGIN PASSWORD '${password}'`);
		psql('postgres', 'CREATE DATABASE n8n OWNER n8n');
	} catch (error) {
		let tail = '';
		try {
			tail = readFileSync(logFile, 'utf8').split('\n').slice(-10).join('\n');
		} catch {
			// no log yet
		}
		await stop().catch(() => undefined);
		throw new Error(
			`PostgreSQL did not start: ${(error as Error).message}${tail ? `\n${tail}` : ''}`,
		);
	}
	return {
		host: '127.0.0.1',
		port,
		database: 'n8n',
		user: 'n8n',
		password,
		sql: (statement) => psql('n8n', statement),
		stop,
	};
}
