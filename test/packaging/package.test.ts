/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code, not shipped */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	name: string;
	dependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
};

/**
 * What n8n does with a community package: unpack the published tarball and load every file named
 * in `n8n.nodes` / `n8n.credentials`, with only n8n-workflow resolvable next to it.
 */
describe('published package', () => {
	let workDir: string;
	let packageDir: string;
	let tarballPath: string;

	beforeAll(() => {
		if (!existsSync(join(root, 'dist'))) {
			throw new Error('dist/ is missing: run `npm run build` before this test (npm test does it).');
		}
		workDir = mkdtempSync(join(tmpdir(), 'defender-xdr-pack-'));
		const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', workDir], {
			cwd: root,
			encoding: 'utf8',
		})
			.trim()
			.split('\n')
			.pop()!;
		tarballPath = join(workDir, tarball);
		execFileSync('tar', ['-xzf', tarballPath, '-C', workDir]);
		packageDir = join(workDir, 'package');
		mkdirSync(join(workDir, 'node_modules'));
		symlinkSync(join(root, 'node_modules', 'n8n-workflow'), join(workDir, 'node_modules', 'n8n-workflow'));
	}, 120_000);

	afterAll(() => {
		if (workDir) rmSync(workDir, { recursive: true, force: true });
	});

	it('declares no runtime dependencies', () => {
		expect(Object.keys(manifest.dependencies ?? {})).toEqual([]);
	});

	it('ships only dist and the package metadata', () => {
		const listing = execFileSync('tar', ['-tzf', tarballPath], { encoding: 'utf8' })
			.trim()
			.split('\n')
			.map((entry) => entry.replace(/^package\//, ''));
		const outside = listing.filter(
			(entry) => !entry.startsWith('dist/') && !/^(package\.json|README\.md|LICEN[CS]E(\.md)?)$/.test(entry),
		);
		expect(outside).toEqual([]);
	});

	const entries = () => [...manifest.n8n.nodes, ...manifest.n8n.credentials];

	it('lists at least one node and the credential', () => {
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		expect(manifest.n8n.credentials.length).toBeGreaterThan(0);
	});

	it.each(entries())('loads %s with only n8n-workflow installed', (entry) => {
		const file = join(packageDir, entry);
		expect(existsSync(file)).toBe(true);
		const probe = `
			const mod = require(${JSON.stringify(file)});
			const exported = Object.values(mod).filter((value) => typeof value === 'function');
			if (exported.length !== 1) throw new Error('expected one exported class, got ' + exported.length);
			const instance = new exported[0]();
			const name = instance.description ? instance.description.name : instance.name;
			if (!name) throw new Error('the exported class has no name');
			process.stdout.write(name);
		`;
		const result = spawnSync(process.execPath, ['-e', probe], { cwd: workDir, encoding: 'utf8' });
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout.length).toBeGreaterThan(0);
	});
});
