/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test harness, not shipped */
/**
 * Puts this package where a user's n8n has community packages: the published tarball (npm pack of
 * the current build) unpacked into <user folder>/.n8n/nodes/node_modules/n8n-nodes-defender-xdr.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-defender-xdr';

function newestMtime(dir: string): number {
	let newest = 0;
	const walk = (path: string) => {
		const stat = statSync(path);
		if (stat.isDirectory()) {
			for (const entry of readdirSync(path)) walk(join(path, entry));
		} else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
	};
	walk(dir);
	return newest;
}

/** Builds unless dist/ is newer than every source file. */
export function buildIfStale(): void {
	const dist = join(repoRoot, 'dist');
	const sources = ['lib', 'nodes', 'credentials', 'icons'].map((d) => join(repoRoot, d));
	const stale =
		!existsSync(dist) || Math.max(...sources.map(newestMtime)) > newestMtime(dist);
	if (stale) execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function installPackage(userFolder: string): string {
	buildIfStale();
	const packDir = mkdtempSync(join(tmpdir(), 'defender-xdr-pack-'));
	try {
		const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], {
			cwd: repoRoot,
			encoding: 'utf8',
		})
			.trim()
			.split('\n')
			.pop()!;
		const target = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		execFileSync('tar', ['-xzf', join(packDir, tarball), '-C', target, '--strip-components=1']);
		return target;
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}
