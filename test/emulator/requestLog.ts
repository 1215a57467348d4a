/**
 * What tests and benchmarks count: one entry per API request (admin calls excluded). The token
 * request body and the Authorization header are never recorded.
 */

export interface RequestLogEntry {
	/** Sequence number, unique per emulator run. */
	seq: number;
	method: string;
	path: string;
	query: Record<string, string>;
	status: number;
	/** ISO time the request arrived. */
	time: string;
	durationMs: number;
	/** `seq` of the `$batch` request this one was part of. */
	batchParent?: number;
}

export class RequestLog {
	private entries: RequestLogEntry[] = [];
	private seq = 0;
	/** Oldest entries are dropped past this size, so long benchmarks do not grow without bound. */
	private readonly limit = 200000;

	nextSeq(): number {
		this.seq += 1;
		return this.seq;
	}

	add(entry: RequestLogEntry): void {
		this.entries.push(entry);
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
	}

	list(): RequestLogEntry[] {
		return this.entries.map((e) => ({ ...e, query: { ...e.query } }));
	}

	clear(): void {
		this.entries = [];
	}
}

export function queryRecord(params: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of params) out[k] = v;
	return out;
}
