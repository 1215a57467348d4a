/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, not shipped */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...sourceFiles(path));
		else if (entry.name.endsWith('.ts')) out.push(path);
	}
	return out;
}

const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('layering', () => {
	const libFiles = sourceFiles('lib');

	it('finds the lib sources it checks', () => {
		expect(libFiles.length).toBeGreaterThan(1);
	});

	it('keeps lib/ free of n8n: no import of n8n-workflow or n8n-core', () => {
		const offenders = libFiles.filter((file) =>
			/(from\s+['"](n8n-workflow|n8n-core)['"])|(require\(\s*['"](n8n-workflow|n8n-core)['"]\s*\))/.test(read(file)),
		);
		expect(offenders).toEqual([]);
	});

	it('keeps lib/ independent of the n8n adapters in nodes/ and credentials/', () => {
		const offenders = libFiles.filter((file) =>
			/from\s+['"](\.\.\/)+(nodes|credentials)\//.test(read(file)),
		);
		expect(offenders).toEqual([]);
	});

	it('never switches lint rules off in shipped code', () => {
		const shipped = ['lib', 'nodes', 'credentials'].flatMap((dir) => sourceFiles(dir));
		const offenders = shipped.filter((file) => /eslint-disable/.test(read(file)));
		expect(offenders.map((file) => relative(root, join(root, file)))).toEqual([]);
	});
});
