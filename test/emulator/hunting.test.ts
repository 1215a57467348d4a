import { startEmulator, type RunningEmulator } from './index';
import { call, tokenFor } from './testClient';

describe('runHuntingQuery (graph-api.md §6)', () => {
	let emu: RunningEmulator;
	let token: string;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 80, seed: 6, httpsPort: false, rateLimits: false });
		token = await tokenFor(emu);
	});
	afterAll(() => emu.stop());

	const hunt = (body: unknown) =>
		call(emu, 'POST', '/v1.0/security/runHuntingQuery', { token, body });

	it('returns schema and results for a table with where, project and take', async () => {
		const res = await hunt({
			Query: 'AlertInfo | where Severity == "High" | project AlertId, Title, Severity | take 5',
		});
		expect(res.status).toBe(200);
		expect(res.body['@odata.context']).toMatch(/huntingQueryResults$/);
		expect(res.body.schema).toEqual([
			{ name: 'AlertId', type: 'String' },
			{ name: 'Title', type: 'String' },
			{ name: 'Severity', type: 'String' },
		]);
		expect(res.body.results.length).toBeGreaterThan(0);
		expect(res.body.results.length).toBeLessThanOrEqual(5);
		for (const row of res.body.results) {
			expect(row.Severity).toBe('High');
			expect(emu.state.alerts.get(row.AlertId)?.severity).toBe('high');
			expect(Object.keys(row)).toEqual(['AlertId', 'Title', 'Severity']);
		}
	});

	it('derives AlertEvidence and DeviceInfo from the tenant and filters by ago()', async () => {
		const evidence = await hunt({ query: 'AlertEvidence | where EntityType == "File" | limit 3' });
		expect(evidence.body.results.length).toBeGreaterThan(0);
		for (const row of evidence.body.results) expect(row.SHA256).toMatch(/^[0-9a-f]{64}$/);
		const devices = await hunt({ Query: 'DeviceInfo | count' });
		expect(devices.body.results).toEqual([{ Count: emu.state.machines.size }]);
		const recent = await hunt({ Query: 'AlertInfo | where Timestamp > ago(1d) | count' });
		const dayAgo = Date.now() - 86400000;
		const expected = [...emu.state.alerts.values()].filter(
			(a) => Date.parse(a.createdDateTime) > dayAgo,
		).length;
		expect(recent.body.results[0].Count).toBe(expected);
		const all = await hunt({ Query: 'AlertInfo | count', Timespan: 'P2D' });
		const twoDays = [...emu.state.alerts.values()].filter(
			(a) => Date.parse(a.createdDateTime) >= Date.now() - 2 * 86400000,
		).length;
		expect(all.body.results[0].Count).toBe(twoDays);
	});

	it.each([
		['Foo | take 1', /Failed to resolve table or column expression named 'Foo'/],
		['AlertInfo | where Nope == "x"', /Failed to resolve scalar expression named 'Nope'/],
		['AlertInfo | summarize count() by Severity', /operator 'summarize' is not supported/],
		['AlertInfo | take many', /expected a row count/],
		['AlertInfo | where Title == "unterminated', /unterminated string literal/],
	])('answers 400 BadRequest for %s', async (query, message) => {
		const res = await hunt({ Query: query });
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('BadRequest');
		expect(res.body.error.message).toMatch(message);
	});

	it('needs a query and a valid timespan', async () => {
		expect((await hunt({})).body.error.message).toMatch(/'Query' is required/);
		expect((await hunt({ Query: 'AlertInfo', Timespan: 'yesterday' })).body.error.message).toMatch(
			/Timespan/,
		);
	});

	it('throttles at 45 calls per minute per tenant with 429 and Retry-After', async () => {
		const limited = await startEmulator({ alerts: 1, httpsPort: false });
		try {
			const t = await tokenFor(limited);
			const statuses: number[] = [];
			for (let i = 0; i < 46; i += 1) {
				statuses.push(
					(
						await call(limited, 'POST', '/v1.0/security/runHuntingQuery', {
							token: t,
							body: { Query: 'DeviceInfo | take 1' },
						})
					).status,
				);
			}
			expect(statuses.slice(0, 45).every((s) => s === 200)).toBe(true);
			const last = await call(limited, 'POST', '/v1.0/security/runHuntingQuery', {
				token: t,
				body: { Query: 'DeviceInfo | take 1' },
			});
			expect(last.status).toBe(429);
			expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
		} finally {
			await limited.stop();
		}
	});
});
