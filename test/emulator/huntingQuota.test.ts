import { CPU_QUOTA_MESSAGE, PREEMPTED_MESSAGE } from './graph/huntingFaults';
import { startEmulator, type RunningEmulator } from './index';
import { call, MDE_SCOPE, tokenFor } from './testClient';

/** 10:07:30 UTC: the next 15-minute CPU cycle starts 450 s later. */
const NOW = Date.UTC(2025, 0, 15, 10, 7, 30);

describe('runHuntingQuery quota answers (graph-api.md §6)', () => {
	let emu: RunningEmulator;
	let token: string;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 20, httpsPort: false, rateLimits: false, now: () => NOW });
		token = await tokenFor(emu);
	});
	afterAll(() => emu.stop());
	beforeEach(() => emu.faults.clear());

	const hunt = () =>
		call(emu, 'POST', '/v1.0/security/runHuntingQuery', {
			token,
			body: { Query: 'AlertInfo | take 1' },
		});

	it('answers the CPU-quota 429 with Retry-After up to the next 15-minute cycle, then recovers', async () => {
		emu.admin.huntingFault('cpuQuota', { times: 2 });
		for (let i = 0; i < 2; i += 1) {
			const res = await hunt();
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBe('450');
			expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
			expect(res.body.error).toMatchObject({
				code: 'TooManyRequests',
				message: CPU_QUOTA_MESSAGE,
				innerError: { date: '2025-01-15T10:07:30' },
			});
			expect(res.body.error.message).toMatch(/CPU.*15-minute cycle/);
		}
		const ok = await hunt();
		expect(ok.status).toBe(200);
		expect(ok.body.results).toHaveLength(1);
	});

	it('takes a Retry-After override', async () => {
		emu.admin.huntingFault('cpuQuota', { retryAfter: '30' });
		expect((await hunt()).headers.get('retry-after')).toBe('30');
	});

	it('answers the 3-minute timeout as 504 UnknownError with an empty message', async () => {
		emu.admin.huntingFault('timeout');
		const res = await hunt();
		expect(res.status).toBe(504);
		expect(res.headers.get('retry-after')).toBeNull();
		expect(res.body.error).toMatchObject({ code: 'UnknownError', message: '' });
		expect(res.body.error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
		expect((await hunt()).status).toBe(200);
	});

	it('answers a query preempted for CPU as 400 BadRequest', async () => {
		emu.admin.huntingFault('preempted');
		const res = await hunt();
		expect(res.status).toBe(400);
		expect(res.body.error).toMatchObject({ code: 'BadRequest', message: PREEMPTED_MESSAGE });
	});

	it('leaves other routes alone while a hunting fault is pending', async () => {
		emu.admin.huntingFault('timeout');
		expect((await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=1', { token })).status).toBe(200);
		expect(emu.faults.list()).toHaveLength(1);
		expect((await hunt()).status).toBe(504);
		expect(emu.faults.list()).toHaveLength(0);
	});

	it('is available over HTTP as POST /_emulator/faults/hunting, with clear errors', async () => {
		const added = await call(emu, 'POST', '/_emulator/faults/hunting', {
			body: { kind: 'timeout', times: 2 },
		});
		expect(added.status).toBe(201);
		expect(added.body.value).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/v1.0/security/runHuntingQuery',
				status: 504,
				times: 2,
			}),
		]);
		expect((await hunt()).status).toBe(504);
		expect((await hunt()).status).toBe(504);
		expect((await hunt()).status).toBe(200);

		const cpu = await call(emu, 'POST', '/_emulator/faults/hunting', {
			body: { kind: 'cpuQuota' },
		});
		expect(cpu.status).toBe(201);
		expect((await hunt()).status).toBe(429);

		const badKind = await call(emu, 'POST', '/_emulator/faults/hunting', {
			body: { kind: 'slow' },
		});
		expect(badKind.status).toBe(400);
		expect(badKind.body.error).toBe('kind must be one of cpuQuota, preempted, timeout, got "slow"');
		const badTimes = await call(emu, 'POST', '/_emulator/faults/hunting', {
			body: { kind: 'timeout', times: 0 },
		});
		expect(badTimes.status).toBe(400);
		expect(badTimes.body.error).toMatch(/times must be a positive integer/);
		expect(emu.faults.list()).toEqual([]);
	});

	it('puts a custom code and message into the MDE error shape too', async () => {
		emu.faults.add({
			path: '/api/machines',
			status: 403,
			code: 'DisabledFeature',
			message: 'Feature is disabled.',
		});
		const res = await call(emu, 'GET', '/api/machines', { token: await tokenFor(emu, MDE_SCOPE) });
		expect(res.status).toBe(403);
		expect(res.body.error).toMatchObject({
			code: 'DisabledFeature',
			message: 'Feature is disabled.',
		});
		expect(res.body.error.target).toMatch(/^[0-9a-f-]{36}$/);
		expect(() =>
			emu.faults.add({ path: '/api', status: 500, code: 5 as unknown as string }),
		).toThrow('fault.code must be a string');
	});
});
