#!/usr/bin/env node
// `npm run demo`: works on a fresh clone. Installs the dev dependencies if they are missing, then
// hands over to the TypeScript demo (emulator + real n8n + example workflows).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false' };

function run(command, args) {
	const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(root, 'node_modules', '.bin', 'tsx'))) {
	console.log('Installing development dependencies (first run only)…');
	run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund']);
}
run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'demo.ts'), ...process.argv.slice(2)]);
