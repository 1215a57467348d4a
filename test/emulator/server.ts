/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, not shipped */
/**
 * HTTP and HTTPS listeners on 127.0.0.1 feeding the admin API or the API pipeline, plus the
 * transport side of faults (dropped connections, malformed bodies).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

import { handleAdmin, type AdminHooks } from './admin';
import type { EmuContext } from './context';
import { json, type EmuRequest, type EmuResponse } from './http';
import { runPipeline } from './pipeline';
import type { Router } from './router';

const MAX_BODY_BYTES = 20 * 1024 * 1024;
export const LOOPBACK = '127.0.0.1';

function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				resolve(undefined);
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function write(res: http.ServerResponse, response: EmuResponse): void {
	const headers = { ...(response.headers ?? {}) };
	let payload: string | Buffer | undefined;
	if (response.body === undefined) payload = undefined;
	else if (typeof response.body === 'string' || Buffer.isBuffer(response.body))
		payload = response.body;
	else payload = JSON.stringify(response.body);
	if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
	res.writeHead(response.status, headers);
	res.end(payload);
}

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export function createHandler(
	ctx: EmuContext,
	router: Router,
	hooks: AdminHooks,
	scheme: 'http' | 'https',
	port: () => number,
): RequestHandler {
	return (req, res) => {
		void (async () => {
			const body = await readBody(req);
			if (body === undefined) {
				write(res, json(413, { error: `Request body larger than ${MAX_BODY_BYTES} bytes` }));
				return;
			}
			// Links the emulator returns point back at the address that was called.
			const host = /^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(req.headers.host ?? '')
				? (req.headers.host as string)
				: `${LOOPBACK}:${port()}`;
			const url = new URL(req.url ?? '/', `${scheme}://${host}`);
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(req.headers))
				if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
			const emuReq: EmuRequest = {
				method: (req.method ?? 'GET').toUpperCase(),
				path: url.pathname,
				query: url.searchParams,
				rawQuery: url.search.replace(/^\?/, ''),
				headers,
				body,
				origin: `${scheme}://${host}`,
			};
			if (/^\/_emulator(\/|$)/.test(url.pathname)) {
				write(res, await handleAdmin(ctx, hooks, emuReq));
				return;
			}
			const result = await runPipeline(ctx, router, emuReq);
			if (result.kind === 'reset') {
				req.socket.destroy();
				return;
			}
			if (result.kind === 'malformed') {
				write(res, {
					status: 200,
					headers: { 'content-type': 'application/json; charset=utf-8' },
					body: '{"@odata.context":"x","value":[{"id":"trunc',
				});
				return;
			}
			write(res, result.response);
		})().catch((error: unknown) => {
			if (res.headersSent) {
				res.destroy();
				return;
			}
			write(
				res,
				json(500, {
					error: {
						code: 'InternalServerError',
						message: `Emulator error: ${(error as Error).message ?? String(error)}`,
					},
				}),
			);
		});
	};
}

export function listen(server: http.Server | https.Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, LOOPBACK, () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

export function close(server: http.Server | https.Server): Promise<void> {
	return new Promise((resolve) => {
		server.close(() => resolve());
		server.closeAllConnections();
	});
}

export { http, https };
