/* eslint-disable @n8n/community-nodes/no-restricted-imports -- loopback server for the load generator, not shipped */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep } from 'n8n-workflow';

import { keepAliveAgent, percentile, runRound } from './load';

describe('percentile', () => {
	it('takes the nearest rank', () => {
		const values = Array.from({ length: 100 }, (_, i) => 100 - i);
		expect(percentile(values, 50)).toBe(50);
		expect(percentile(values, 99)).toBe(99);
		expect(percentile(values, 100)).toBe(100);
		expect(percentile([7], 99)).toBe(7);
		expect(percentile([], 50)).toBeNaN();
	});
});

describe('runRound', () => {
	let server: Server;
	let port = 0;
	let inFlight = 0;
	let peak = 0;
	const seenBodies: string[] = [];

	beforeAll(async () => {
		server = createServer((request, response) => {
			inFlight += 1;
			peak = Math.max(peak, inFlight);
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				seenBodies.push(body);
				// Answer a little later so requests overlap; "fail" bodies get a 500.
				void sleep(5).then(() => {
					inFlight -= 1;
					response.statusCode = body.includes('fail') ? 500 : 202;
					response.end(JSON.stringify({ key: request.headers['x-api-key'] }));
				});
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as AddressInfo).port;
	});

	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
	});

	// Socket reuse is not asserted: the test setup's network guard (nock) wraps http.request.
	it('sends every body once, at most `concurrency` at a time', async () => {
		const agent = keepAliveAgent(3);
		const bodies = Array.from({ length: 30 }, (_, i) => Buffer.from(JSON.stringify({ i })));
		const round = await runRound(
			agent,
			{ port, path: '/hook', headers: { 'x-api-key': 'test-key-value' } },
			bodies.map((body, i) => (i === 4 ? Buffer.from('{"fail":true}') : body)),
			3,
		);
		agent.destroy();
		expect(round.answers).toHaveLength(30);
		expect(round.latenciesMs).toHaveLength(30);
		expect(round.transportErrors).toEqual([]);
		expect(round.answers.filter((answer) => answer.status === 500)).toHaveLength(1);
		expect(round.answers[0].body).toBe('{"key":"test-key-value"}');
		expect(new Set(seenBodies).size).toBe(30);
		expect(peak).toBeLessThanOrEqual(3);
		expect(round.wallMs).toBeGreaterThan(0);
	});

	it('reports a request without an answer instead of throwing', async () => {
		const agent = keepAliveAgent(1);
		const round = await runRound(
			agent,
			{ port: 1, path: '/', headers: {} },
			[Buffer.from('{}')],
			1,
		);
		agent.destroy();
		expect(round.answers).toEqual([]);
		expect(round.transportErrors).toHaveLength(1);
	});
});
