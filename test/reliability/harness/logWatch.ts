/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test harness, not shipped */
/** Waits for a line in a growing log file, reading only what was appended since a given size. */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

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

const ANSI = new RegExp(String.raw`\x1b\[[0-9;]*m`, 'g');

function clockMs(line: string): number | undefined {
	const match = /^(\d{2}):(\d{2}):(\d{2})\.(\d{3})/.exec(line);
	if (!match) return undefined;
	const [, h, m, s, ms] = match.map(Number);
	return ((h * 60 + m) * 60 + s) * 1000 + ms;
}

/**
 * Times n8n began a poll of `workflowName` while its previous poll, begun less than `maxGapMs`
 * earlier, had not emitted yet: two polls reading the same stored state (n8n 2.41 does this when
 * it activates a workflow twice at start-up). Read from n8n's debug log.
 */
export function overlappingPolls(file: string, workflowName: string, maxGapMs = 700): string[] {
	const text = readFileSync(file, 'utf8').replace(ANSI, '');
	const begun = `Poll trigger initiated for workflow "${workflowName}"`;
	const emitted = `Received event to trigger execution for workflow "${workflowName}"`;
	const overlaps: string[] = [];
	let previous: { at: number; emitted: boolean } | undefined;
	for (const line of text.split('\n')) {
		const at = clockMs(line);
		if (at === undefined) continue;
		if (line.includes(emitted) && previous) previous.emitted = true;
		if (!line.includes(begun)) continue;
		if (previous && !previous.emitted && at - previous.at >= 0 && at - previous.at < maxGapMs) {
			overlaps.push(`${line.slice(0, 12)} (${at - previous.at} ms after the one before)`);
		}
		previous = { at, emitted: false };
	}
	return overlaps;
}
