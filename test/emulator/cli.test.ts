/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test harness, not shipped: runs the emulator CLI */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function startCli(args: string[]): {
	child: ChildProcessWithoutNullStreams;
	ready: Promise<string>;
} {
	const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/cli.ts', ...args], {
		cwd: ROOT,
	});
	let out = '';
	const ready = new Promise<string>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			if (/emulator ready in \d+ ms/.test(out)) resolve(out);
		});
		child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('exit', (code) => reject(new Error(`emulator exited with ${String(code)}: ${out}`)));
	});
	return { child, ready };
}

function stopCli(child: ChildProcessWithoutNullStreams): Promise<number | null> {
	return new Promise((resolve) => {
		child.removeAllListeners('exit');
		child.on('exit', (code) => resolve(code));
		child.kill('SIGTERM');
	});
}

describe('emulator CLI', () => {
	it('starts with 1,000 alerts, reports its start-up time, prints its URLs but not the secret, stops on SIGTERM', async () => {
		const { child, ready } = startCli([
			'--alerts',
			'1000',
			'--seed',
			'42',
			'--port',
			'0',
			'--https-port',
			'0',
		]);
		try {
			const out = await ready;
			// The figure itself is a benchmark (README); here only that it is reported.
			expect(Number(/emulator ready in (\d+) ms/.exec(out)?.[1])).toBeGreaterThan(0);
			const base = /http:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] as string;
			expect(out).toMatch(/https:\s+https:\/\/127\.0\.0\.1:\d+/);
			expect(out).toMatch(/graph:\s+http:\/\/127\.0\.0\.1:\d+\/v1\.0/);
			expect(out).toMatch(/mde:\s+http:\/\/127\.0\.0\.1:\d+\/api/);
			expect(out).toMatch(/tenant id:\s+[0-9a-f-]{36}/);
			expect(out).toMatch(/client id:\s+[0-9a-f-]{36}/);
			expect(out).not.toContain('emulator-test-secret-not-real');
			const info = (await (await fetch(`${base}/_emulator/info`)).json()) as { alerts: number };
			expect(info.alerts).toBe(1000);
		} finally {
			expect(await stopCli(child)).toBe(0);
		}
	});

	it('prints the secret only when asked and refuses unknown options', async () => {
		const { child, ready } = startCli([
			'--alerts',
			'0',
			'--port',
			'0',
			'--no-https',
			'--print-secret',
		]);
		try {
			expect(await ready).toContain('secret:     emulator-test-secret-not-real');
		} finally {
			await stopCli(child);
		}
		const bad = startCli(['--bogus']);
		await expect(bad.ready).rejects.toThrow(/Unknown option --bogus/);
	});
});
