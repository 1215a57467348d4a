import { startEmulator } from './index';
import { RateLimiter } from './rateLimit';
import { call, tokenFor } from './testClient';

describe('rate limits (graph-api.md §7.1, §7.2)', () => {
	it('allows 150 Graph security calls per minute per app, then 429 with Retry-After, then recovers', async () => {
		let now = 1_700_000_000_000;
		const emu = await startEmulator({ alerts: 3, httpsPort: false, now: () => now });
		try {
			const token = await tokenFor(emu);
			for (let i = 0; i < 150; i += 1)
				expect((await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=1', { token })).status).toBe(
					200,
				);
			const limited = await call(emu, 'GET', '/v1.0/security/incidents?$top=1', { token });
			expect(limited.status).toBe(429);
			expect(limited.body.error).toMatchObject({
				code: 'TooManyRequests',
				message: 'Please retry again later.',
			});
			expect(limited.headers.get('retry-after')).toBe('60');
			const other = emu.registerApp({ clientSecret: 'test-secret-value' });
			const otherToken = await tokenFor(emu, undefined, {
				clientId: other.clientId,
				clientSecret: 'test-secret-value',
			});
			expect(
				(await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=1', { token: otherToken })).status,
			).toBe(200);
			now += 30_000;
			expect(
				(await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=1', { token })).headers.get(
					'retry-after',
				),
			).toBe('30');
			now += 30_001;
			expect((await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=1', { token })).status).toBe(
				200,
			);
		} finally {
			await emu.stop();
		}
	});

	it('applies MDE limits per minute and per hour, in the MDE error shape', async () => {
		let now = 1_700_000_000_000;
		const emu = await startEmulator({
			alerts: 3,
			httpsPort: false,
			now: () => now,
			rateLimits: {
				mde: [
					{ limit: 3, windowMs: 60000 },
					{ limit: 4, windowMs: 3600000 },
				],
			},
		});
		try {
			const token = await tokenFor(emu, 'https://api.securitycenter.microsoft.com/.default');
			for (let i = 0; i < 3; i += 1)
				expect((await call(emu, 'GET', '/api/machines', { token })).status).toBe(200);
			const minute = await call(emu, 'GET', '/api/machines', { token });
			expect(minute.status).toBe(429);
			expect(minute.body.error.code).toBe('TooManyRequests');
			expect(minute.body.error.target).toBeDefined();
			now += 61_000;
			expect((await call(emu, 'GET', '/api/machines', { token })).status).toBe(200);
			now += 61_000;
			const hour = await call(emu, 'GET', '/api/machines', { token });
			expect(hour.status).toBe(429);
			expect(Number(hour.headers.get('retry-after'))).toBeGreaterThan(3000);
		} finally {
			await emu.stop();
		}
	});

	it('can be disabled entirely or per bucket', () => {
		const off = new RateLimiter(false, () => 0);
		for (let i = 0; i < 1000; i += 1) expect(off.hit('graphSecurity', 'app')).toBeUndefined();
		const partial = new RateLimiter({ graphSecurity: false }, () => 0);
		for (let i = 0; i < 200; i += 1) expect(partial.hit('graphSecurity', 'app')).toBeUndefined();
		for (let i = 0; i < 45; i += 1) expect(partial.hit('hunting', 't')).toBeUndefined();
		expect(partial.hit('hunting', 't')).toBe(60);
	});
});
