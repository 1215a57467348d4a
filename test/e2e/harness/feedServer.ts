/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test harness, not shipped */
/** A stand-in for a threat-intelligence feed: GET /iocs.json answers the fixture feed as JSON. */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

export interface FeedServer {
	url: string;
	/** The feed as served (the fixture's entries). */
	entries: Array<Record<string, unknown>>;
	/** How many times the feed was downloaded. */
	downloads(): number;
	stop(): Promise<void>;
}

export const feedFixture = join(__dirname, '..', 'fixtures', 'ti-feed.json');

export async function startFeedServer(): Promise<FeedServer> {
	const text = readFileSync(feedFixture, 'utf8');
	let downloads = 0;
	const server: Server = createServer((req, res) => {
		if (req.method !== 'GET' || req.url !== '/iocs.json') {
			res.writeHead(404).end();
			return;
		}
		downloads++;
		res.writeHead(200, { 'content-type': 'application/json' }).end(text);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}/iocs.json`,
		entries: JSON.parse(text) as Array<Record<string, unknown>>,
		downloads: () => downloads,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
