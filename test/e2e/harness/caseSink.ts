/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, not shipped */
/**
 * A stand-in for the case system (TheHive, Jira, ServiceNow…) the example workflows post to:
 * POST /cases and POST /notifications store the JSON body; GET lists what arrived.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface CaseSink {
	url: string;
	cases: Array<Record<string, unknown>>;
	notifications: Array<Record<string, unknown>>;
	clear(): void;
	stop(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? JSON.parse(text) : {};
}

export async function startCaseSink(port = 0): Promise<CaseSink> {
	const cases: CaseSink['cases'] = [];
	const notifications: CaseSink['notifications'] = [];
	const server: Server = createServer(async (req, res) => {
		const list = req.url?.startsWith('/cases') ? cases : req.url?.startsWith('/notifications') ? notifications : undefined;
		if (!list) {
			res.writeHead(404).end();
			return;
		}
		if (req.method === 'GET') {
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
			return;
		}
		try {
			const body = (await readJson(req)) as Record<string, unknown>;
			list.push(body);
			res
				.writeHead(201, { 'content-type': 'application/json' })
				.end(JSON.stringify({ id: `case-${list.length}`, ...(list === cases ? { status: 'Open' } : {}) }));
		} catch {
			res.writeHead(400).end();
		}
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.address();
	const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
	return {
		url,
		cases,
		notifications,
		clear: () => {
			cases.length = 0;
			notifications.length = 0;
		},
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
