/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test harness, not shipped */
/** Waits for a line in a growing log file, reading only what was appended since a given size. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

export function logSize(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

export async function waitForLogLine(
	file: string,
	pattern: RegExp,
	fromSize: number,
	timeoutMs = 60_000,
): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	let offset = fromSize;
	let tail = '';
	while (Date.now() < deadline) {
		const size = logSize(file);
		if (size > offset) {
			const buffer = Buffer.alloc(size - offset);
			const fd = openSync(file, 'r');
			try {
				readSync(fd, buffer, 0, buffer.length, offset);
			} finally {
				closeSync(fd);
			}
			offset = size;
			tail = (tail + buffer.toString('utf8')).slice(-100_000);
			if (pattern.test(tail)) return Date.now();
		}
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
	throw new Error(`no log line matching ${pattern} within ${timeoutMs} ms`);
}
