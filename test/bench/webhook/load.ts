/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark load generator, not shipped */
/**
 * A fixed-concurrency load generator on Node's http with keep-alive: `concurrency` workers send
 * prepared bodies one after another and record each request's latency (first byte written to
 * last byte read) and its answer. Bodies are serialised before the clock starts.
 */
import { Agent, request } from 'node:http';

export interface LoadTarget {
	port: number;
	/** Path on the server, e.g. /webhook/<path>. */
	path: string;
	headers: Record<string, string>;
}

export interface Answer {
	status: number;
	body: string;
}

export interface RoundResult {
	latenciesMs: number[];
	wallMs: number;
	answers: Answer[];
	/** Requests that got no answer at all (socket errors), with the reason. */
	transportErrors: string[];
	/** TCP connections used: at most `concurrency` when keep-alive works. */
	connections: number;
}

export function keepAliveAgent(concurrency: number): Agent {
	return new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

function send(
	agent: Agent,
	target: LoadTarget,
	body: Buffer,
	timeoutMs: number,
	sockets: Set<unknown>,
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const outgoing = request(
			{
				host: '127.0.0.1',
				port: target.port,
				path: target.path,
				method: 'POST',
				agent,
				headers: {
					...target.headers,
					'content-type': 'application/json',
					'content-length': String(body.length),
				},
				timeout: timeoutMs,
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				response.on('error', reject);
			},
		);
		outgoing.on('socket', (socket) => sockets.add(socket));
		outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${timeoutMs / 1000} s`)));
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

/** Sends every body once with `concurrency` requests in flight. */
export async function runRound(
	agent: Agent,
	target: LoadTarget,
	bodies: Buffer[],
	concurrency: number,
	timeoutMs = 120_000,
): Promise<RoundResult> {
	const latenciesMs: number[] = [];
	const answers: Answer[] = [];
	const transportErrors: string[] = [];
	const sockets = new Set<unknown>();
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const body = bodies[next++];
			const started = performance.now();
			try {
				const answer = await send(agent, target, body, timeoutMs, sockets);
				latenciesMs.push(performance.now() - started);
				answers.push(answer);
			} catch (error) {
				transportErrors.push(error instanceof Error ? error.message : String(error));
			}
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
	return {
		latenciesMs,
		wallMs: performance.now() - started,
		answers,
		transportErrors,
		connections: sockets.size,
	};
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
