/**
 * A comment must never be added twice: the client does not send a comment POST again after an
 * answer that may hide a processed request (reset, 504, broken body), nor a $batch holding one.
 * Answers that say the request was not run (429, 503) are still retried. Checked against the
 * emulator with faults that run the request first and then lose its answer.
 */
import { resolveCloudEndpoints } from '../../../lib/auth/clouds';
import { EntraTokenProvider } from '../../../lib/auth/tokenCache';
import { DefenderClient } from '../../../lib/client/DefenderClient';
import { DefenderError } from '../../../lib/errors';
import { withRetry } from '../../../lib/http/retry';
import { systemClock } from '../../../lib/ports';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createAxiosTransport, recordingSleep } from '../http/axiosTransport';

let emu: RunningEmulator;

function clientFor(emulator: RunningEmulator) {
	const endpoints = resolveCloudEndpoints('custom', {
		loginHost: emulator.url,
		graphBaseUrl: emulator.graphBaseUrl,
		mdeBaseUrl: emulator.mdeBaseUrl,
	});
	const tokens = new EntraTokenProvider(createAxiosTransport(), systemClock, {
		endpoints,
		tenantId: emulator.tenantId,
		clientId: emulator.defaultClient.clientId,
		auth: { type: 'secret', secret: emulator.defaultClient.clientSecret },
	});
	const sleep = recordingSleep();
	return {
		client: new DefenderClient({ transport: createAxiosTransport(), endpoints, tokens, sleep }),
		sleep,
	};
}

function openAlertId(offset = 0): string {
	const open = [...emu.state.alerts.values()].filter((alert) => alert.status !== 'resolved');
	return (open[offset] as { id: string }).id;
}

function commentsOn(id: string, text: string): number {
	return (emu.state.alerts.get(id)?.comments ?? []).filter((c) => c.comment === text).length;
}

function commentPosts(id: string): number {
	return emu.requests
		.list()
		.filter((e) => e.method === 'POST' && e.path === `/v1.0/security/alerts_v2/${id}/comments`)
		.length;
}

async function failure(promise: Promise<unknown>): Promise<DefenderError> {
	const error = await promise.then(
		() => undefined,
		(rejection: unknown) => rejection,
	);
	expect(error).toBeInstanceOf(DefenderError);
	return error as DefenderError;
}

beforeAll(async () => {
	emu = await startEmulator({ alerts: 30, seed: 11, httpsPort: false, rateLimits: false });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => {
	emu.admin.reset();
});

describe('comment POST is never sent twice after a lost answer', () => {
	it.each([
		['a reset after the comment was stored', { reset: true }, 'network'],
		['a 504 after the comment was stored', { status: 504 }, 'server'],
		['a 500 after the comment was stored', { status: 500 }, 'server'],
	])(
		'%s: one POST, one comment, an error that says it may be there',
		async (_name, fault, kind) => {
			const id = openAlertId();
			const { client } = clientFor(emu);
			emu.faults.add({
				method: 'POST',
				path: `/v1.0/security/alerts_v2/${id}/comments`,
				afterProcessing: true,
				...fault,
			});
			const error = await failure(client.addAlertComment(id, 'audit note'));
			expect(error.kind).toBe(kind);
			expect(error.hint).toMatch(
				`may have been added all the same: look at the comments of alert ${id}`,
			);
			expect(commentPosts(id)).toBe(1);
			expect(commentsOn(id, 'audit note')).toBe(1);
		},
	);

	it('a broken answer to a stored comment is not sent again either', async () => {
		const id = openAlertId(1);
		const { client } = clientFor(emu);
		emu.faults.add({
			method: 'POST',
			path: `/v1.0/security/alerts_v2/${id}/comments`,
			malformed: true,
		});
		const error = await failure(client.addAlertComment(id, 'audit note'));
		expect(error.hint).toMatch(/may have been added all the same/);
		expect(commentPosts(id)).toBe(1);
	});

	it.each([
		['429 with Retry-After', { status: 429, retryAfter: '0' }],
		['503', { status: 503, retryAfter: '0' }],
	])('retries a comment POST after %s (it was not run) and adds it once', async (_name, fault) => {
		const id = openAlertId(2);
		const { client } = clientFor(emu);
		emu.faults.add({
			method: 'POST',
			path: `/v1.0/security/alerts_v2/${id}/comments`,
			times: 2,
			...fault,
		});
		const comments = await client.addAlertComment(id, 'after a busy answer');
		expect(comments.filter((c) => c.comment === 'after a busy answer')).toHaveLength(1);
		expect(commentPosts(id)).toBe(3);
		expect(commentsOn(id, 'after a busy answer')).toBe(1);
	});

	it('still retries reads and PATCHes after a reset (they are safe to repeat)', async () => {
		const id = openAlertId(3);
		const { client } = clientFor(emu);
		emu.faults.add({ method: 'GET', path: `/v1.0/security/alerts_v2/${id}`, reset: true });
		emu.faults.add({
			method: 'PATCH',
			path: `/v1.0/security/alerts_v2/${id}`,
			reset: true,
			afterProcessing: true,
		});
		expect((await client.getAlert(id)).id).toBe(id);
		const updated = await client.updateAlert(id, { status: 'inProgress' });
		expect(updated.status).toBe('inProgress');
		const patches = emu.requests.list().filter((e) => e.method === 'PATCH');
		expect(patches.map((e) => e.status)).toEqual([0, 200]);
	});
});

describe('$batch holding a comment POST', () => {
	const batchCalls = () => emu.requests.list().filter((e) => e.path === '/v1.0/$batch');

	it('is not sent again after its answer was lost; one holding only reads and PATCHes is', async () => {
		const id = openAlertId(4);
		const { client } = clientFor(emu);
		emu.faults.add({
			method: 'POST',
			path: '/v1.0/$batch',
			reset: true,
			afterProcessing: true,
			times: 2,
		});
		const error = await failure(
			client.batch([
				{ method: 'PATCH', url: `/security/alerts_v2/${id}`, body: { status: 'inProgress' } },
				{
					method: 'POST',
					url: `/security/alerts_v2/${id}/comments`,
					body: { '@odata.type': 'microsoft.graph.security.alertComment', comment: 'batched' },
				},
			]),
		);
		expect(error.kind).toBe('network');
		expect(batchCalls()).toHaveLength(1);
		expect(commentsOn(id, 'batched')).toBe(1);

		const results = await client.batch([
			{ method: 'GET', url: `/security/alerts_v2/${id}` },
			{ method: 'PATCH', url: `/security/alerts_v2/${id}`, body: { status: 'inProgress' } },
		]);
		expect(results.map((r) => r.status)).toEqual([200, 200]);
		expect(batchCalls().map((e) => e.status)).toEqual([0, 0, 200]);
	});

	it('sends an inner 503 again after its Retry-After, and an inner 504 comment not at all', async () => {
		const id = openAlertId(5);
		const { client, sleep } = clientFor(emu);
		emu.faults.add({
			method: 'PATCH',
			path: `/v1.0/security/alerts_v2/${id}`,
			status: 503,
			retryAfter: '2',
		});
		emu.faults.add({
			method: 'POST',
			path: `/v1.0/security/alerts_v2/${id}/comments`,
			status: 504,
			afterProcessing: true,
		});
		const results = await client.batch([
			{ method: 'PATCH', url: `/security/alerts_v2/${id}`, body: { status: 'inProgress' } },
			{
				method: 'POST',
				url: `/security/alerts_v2/${id}/comments`,
				body: { '@odata.type': 'microsoft.graph.security.alertComment', comment: 'inner' },
			},
		]);
		expect(results[0]?.status).toBe(200);
		expect(results[1]?.status).toBe(504);
		expect(results[1]?.error?.kind).toBe('server');
		expect(sleep.waits).toEqual([2000]);
		expect(commentsOn(id, 'inner')).toBe(1);
		expect(commentPosts(id)).toBe(1);
	});
});

describe('withRetry for a call that must not run twice (idempotent: false)', () => {
	const ok = { status: 200, headers: {}, body: {} };

	function flaky(failures: Array<{ status: number } | { code: string }>) {
		let calls = 0;
		const fn = async () => {
			const failure = failures[calls++];
			if (failure === undefined) return ok;
			if ('code' in failure)
				throw Object.assign(new Error('transport failed'), { code: failure.code });
			return { status: failure.status, headers: { 'retry-after': '0' }, body: {} };
		};
		return { fn, calls: () => calls };
	}

	it.each([
		['ECONNREFUSED (never connected)', { code: 'ECONNREFUSED' }, 2],
		['EAI_AGAIN (name not resolved)', { code: 'EAI_AGAIN' }, 2],
		['429', { status: 429 }, 2],
		['503', { status: 503 }, 2],
	])('sends again after %s', async (_name, failure, calls) => {
		const call = flaky([failure]);
		const response = await withRetry(call.fn, { sleep: recordingSleep(), idempotent: false });
		expect(response.status).toBe(200);
		expect(call.calls()).toBe(calls);
	});

	it.each([
		['ECONNRESET', { code: 'ECONNRESET' }],
		['ECONNABORTED (timeout)', { code: 'ECONNABORTED' }],
		['ETIMEDOUT', { code: 'ETIMEDOUT' }],
	])('does not send again after %s: the request may have run', async (_name, transportFailure) => {
		const call = flaky([transportFailure]);
		const error = await failure(withRetry(call.fn, { sleep: recordingSleep(), idempotent: false }));
		expect(error.kind).toBe('network');
		expect(call.calls()).toBe(1);
	});

	it('returns a 504 as it is (the caller maps it), without a second try', async () => {
		const call = flaky([{ status: 504 }]);
		const response = await withRetry(call.fn, { sleep: recordingSleep(), idempotent: false });
		expect(response.status).toBe(504);
		expect(call.calls()).toBe(1);
	});

	it('the default (idempotent) still retries resets and 504', async () => {
		const call = flaky([{ code: 'ECONNRESET' }, { status: 504 }]);
		const response = await withRetry(call.fn, { sleep: recordingSleep() });
		expect(response.status).toBe(200);
		expect(call.calls()).toBe(3);
	});
});
