/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test harness, not shipped */
/**
 * Redis and PostgreSQL for n8n's queue mode come from the Debian packages. On a machine without
 * them the harness installs them with apt-get when it runs as root (CI), and otherwise says what
 * to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const POSTGRES_ROOT = '/usr/lib/postgresql';
const PACKAGES = ['redis-server', 'postgresql'];

export interface QueueBinaries {
	redisServer: string;
	/** The newest /usr/lib/postgresql/<version>/bin with initdb, pg_ctl and psql. */
	postgresBin: string;
}

function onPath(name: string): string | undefined {
	const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/usr/sbin'].filter((d) =>
		d.startsWith('/'),
	);
	return dirs.map((d) => join(d, name)).find((path) => existsSync(path));
}

function postgresBin(): string | undefined {
	if (!existsSync(POSTGRES_ROOT)) return undefined;
	const complete = (version: string) =>
		['initdb', 'pg_ctl', 'psql'].every((tool) =>
			existsSync(join(POSTGRES_ROOT, version, 'bin', tool)),
		);
	const [newest] = readdirSync(POSTGRES_ROOT)
		.filter((version) => /^\d+$/.test(version) && complete(version))
		.sort((a, b) => Number(b) - Number(a));
	return newest ? join(POSTGRES_ROOT, newest, 'bin') : undefined;
}

function find(): Partial<QueueBinaries> {
	return { redisServer: onPath('redis-server'), postgresBin: postgresBin() };
}

function missingOf(found: Partial<QueueBinaries>): string[] {
	return [
		...(found.redisServer ? [] : ['redis-server']),
		...(found.postgresBin
			? []
			: [`PostgreSQL (initdb, pg_ctl, psql under ${POSTGRES_ROOT}/<version>/bin)`]),
	];
}

function aptGet(args: string[]): { ok: boolean; output: string } {
	const result = spawnSync('apt-get', args, {
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`;
	return { ok: result.status === 0, output: output.split('\n').slice(-20).join('\n') };
}

/** Finds redis-server and the PostgreSQL binaries, installing the Debian packages if needed. */
export function ensureQueuePackages(): QueueBinaries {
	const found = find();
	if (found.redisServer && found.postgresBin) return found as QueueBinaries;
	const missing = missingOf(found).join(', ');
	if (process.getuid?.() !== 0) {
		throw new Error(
			`Queue mode needs Redis and PostgreSQL from the Debian packages, and ${missing} is missing. ` +
				`Install them with \`sudo apt-get install -y ${PACKAGES.join(' ')}\` (as root the test installs them itself).`,
		);
	}
	const started = Date.now();
	process.stderr.write(
		`[queue] installing ${PACKAGES.join(' ')} with apt-get (missing: ${missing})\n`,
	);
	const install = ['install', '-y', '--no-install-recommends', ...PACKAGES];
	let result = aptGet(install);
	// A clean machine may have no package lists yet.
	if (!result.ok) {
		const update = aptGet(['update']);
		if (!update.ok) throw new Error(`apt-get update failed:\n${update.output}`);
		result = aptGet(install);
	}
	if (!result.ok)
		throw new Error(`apt-get install ${PACKAGES.join(' ')} failed:\n${result.output}`);
	const installed = find();
	const stillMissing = missingOf(installed);
	if (stillMissing.length > 0) {
		throw new Error(
			`apt-get installed ${PACKAGES.join(' ')}, but ${stillMissing.join(', ')} is still missing`,
		);
	}
	process.stderr.write(
		`[queue] apt-get install done in ${Math.round((Date.now() - started) / 1000)} s\n`,
	);
	return installed as QueueBinaries;
}
