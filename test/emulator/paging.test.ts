import { startEmulator, type RunningEmulator } from './index';
import { call, tokenFor } from './testClient';

const PAGE = 5;
const SIZES = [0, 1, PAGE - 1, PAGE, PAGE + 1, 2 * PAGE];

/** Empties the tenant, then creates `n` alerts (each in its own new incident). */
function fill(emu: RunningEmulator, n: number): string[] {
	emu.admin.seed(1, 0);
	const ids: string[] = [];
	for (let i = 0; i < n; i += 1) ids.push(emu.admin.createAlert({}).id);
	return ids;
}

async function follow(
	emu: RunningEmulator,
	token: string,
	first: string,
): Promise<{ ids: string[]; pages: number; lastPageSizes: number[] }> {
	const ids: string[] = [];
	const sizes: number[] = [];
	let next: string | undefined = first;
	let pages = 0;
	while (next) {
		const res = await call(emu, 'GET', next, { token });
		expect(res.status).toBe(200);
		pages += 1;
		sizes.push(res.body.value.length);
		ids.push(...res.body.value.map((v: { id: string }) => v.id));
		next = res.body['@odata.nextLink'];
		if (pages > 100) throw new Error('nextLink loop');
	}
	return { ids, pages, lastPageSizes: sizes };
}

describe('paging with @odata.nextLink', () => {
	let emu: RunningEmulator;
	let token: string;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 0, rateLimits: false, httpsPort: false });
		token = await tokenFor(emu);
	});
	afterAll(() => emu.stop());

	it.each(SIZES)(
		'alerts: %i items in pages of 5 arrive once each, most recent first',
		async (n) => {
			const created = fill(emu, n);
			const { ids, pages, lastPageSizes } = await follow(
				emu,
				token,
				`/v1.0/security/alerts_v2?$top=${PAGE}`,
			);
			expect(ids).toEqual([...created].reverse());
			expect(pages).toBe(Math.max(1, Math.ceil(n / PAGE)));
			expect(
				lastPageSizes.every((s, i) => (i < lastPageSizes.length - 1 ? s === PAGE : s <= PAGE)),
			).toBe(true);
		},
	);

	it.each(SIZES)('incidents: %i items in pages of 5 arrive once each', async (n) => {
		fill(emu, n);
		const expected = emu.state.incidentsByCreatedDesc().map((i) => i.id);
		const { ids, pages } = await follow(emu, token, `/v1.0/security/incidents?$top=${PAGE}`);
		expect(ids).toEqual(expected);
		expect(ids).toHaveLength(n);
		expect(pages).toBe(Math.max(1, Math.ceil(n / PAGE)));
	});

	it('uses 50 as the default incident page and keeps $filter, $orderby and $count in the nextLink', async () => {
		fill(emu, 120);
		const first = await call(emu, 'GET', '/v1.0/security/incidents', { token });
		expect(first.body.value).toHaveLength(50);
		expect(first.body['@odata.nextLink']).toContain('$skiptoken=');
		const filtered = await call(
			emu,
			'GET',
			"/v1.0/security/alerts_v2?$top=7&$count=true&$orderby=lastUpdateDateTime asc&$filter=status eq 'new'",
			{ token },
		);
		expect(filtered.body['@odata.count']).toBe(120);
		const link = new URL(filtered.body['@odata.nextLink']);
		expect(link.searchParams.get('$filter')).toBe("status eq 'new'");
		expect(link.searchParams.get('$orderby')).toBe('lastUpdateDateTime asc');
		expect(link.searchParams.get('$top')).toBe('7');
		const all = await follow(
			emu,
			token,
			"/v1.0/security/alerts_v2?$top=7&$orderby=lastUpdateDateTime asc&$filter=status eq 'new'",
		);
		const times = all.ids.map((id) => emu.state.alerts.get(id)?.lastUpdateDateTime as string);
		expect(times).toEqual([...times].sort());
		expect(new Set(all.ids).size).toBe(120);
	});

	it('pages past the $skip cap through $skiptoken', async () => {
		fill(emu, 620);
		const { ids, pages } = await follow(emu, token, '/v1.0/security/alerts_v2?$top=100');
		expect(ids).toHaveLength(620);
		expect(new Set(ids).size).toBe(620);
		expect(pages).toBe(7);
	});

	it('clamps alerts $top above 1000 (graph-api.md §11) and uses 100 when $top is absent', async () => {
		fill(emu, 1005);
		const big = await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=5000', { token });
		expect(big.status).toBe(200);
		expect(big.body.value).toHaveLength(1000);
		expect(big.body['@odata.nextLink']).toBeDefined();
		const plain = await call(emu, 'GET', '/v1.0/security/alerts_v2', { token });
		expect(plain.body.value).toHaveLength(100);
	});

	it('refuses incidents $top above 50 with the observed body (graph-api.md §3.2)', async () => {
		const res = await call(emu, 'GET', '/v1.0/security/incidents?$top=100', { token });
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('');
		expect(res.body.error.message).toBe(
			"The query specified in the URI is not valid. The limit of '50' for Top query has been exceeded. The value from the incoming request is '100'.",
		);
		expect(res.body.error.details).toEqual([]);
		expect(res.body.error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('refuses $skip above 500 and a tampered $skiptoken', async () => {
		const skip = await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=10&$skip=501', { token });
		expect(skip.status).toBe(400);
		expect(skip.body.error.message).toMatch(/limit of '500' for Skip query/);
		expect(
			(await call(emu, 'GET', '/v1.0/security/alerts_v2?$skip=500&$top=1', { token })).status,
		).toBe(200);
		const bad = await call(emu, 'GET', '/v1.0/security/alerts_v2?$skiptoken=not-a-token', {
			token,
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.message).toMatch(/\$skiptoken is not valid/);
	});

	it('answers 400 for unsupported query options and filter fields', async () => {
		expect(
			(await call(emu, 'GET', '/v1.0/security/alerts_v2?$expand=evidence', { token })).body.error
				.message,
		).toMatch(/'\$expand' is not supported/);
		const res = await call(
			emu,
			'GET',
			"/v1.0/security/alerts_v2?$filter=investigationState eq 'running'",
			{ token },
		);
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('BadRequest');
		expect(res.body.error.message).toMatch(/cannot be used in the \$filter/);
		expect(
			(await call(emu, 'GET', '/v1.0/security/alerts_v2?$orderby=severity', { token })).status,
		).toBe(400);
		expect(
			(await call(emu, 'GET', '/v1.0/security/incidents?$expand=comments', { token })).status,
		).toBe(400);
	});
});

describe('paging when alerts_v2 returns no nextLink (graph-api.md §3.1)', () => {
	let emu: RunningEmulator;
	let token: string;
	beforeAll(async () => {
		emu = await startEmulator({
			alerts: 0,
			alertsNextLink: false,
			rateLimits: false,
			httpsPort: false,
		});
		token = await tokenFor(emu);
	});
	afterAll(() => emu.stop());

	it.each(SIZES)(
		'%i alerts: one page without nextLink; $skip pages reach every alert once',
		async (n) => {
			const created = fill(emu, n);
			const first = await call(emu, 'GET', `/v1.0/security/alerts_v2?$top=${PAGE}`, { token });
			expect(first.body['@odata.nextLink']).toBeUndefined();
			expect(first.body.value).toHaveLength(Math.min(n, PAGE));
			const ids: string[] = [];
			for (let skip = 0; ; skip += PAGE) {
				const page = await call(emu, 'GET', `/v1.0/security/alerts_v2?$top=${PAGE}&$skip=${skip}`, {
					token,
				});
				ids.push(...page.body.value.map((v: { id: string }) => v.id));
				if (page.body.value.length < PAGE) break;
			}
			expect(ids).toEqual([...created].reverse());
		},
	);

	it('still gives incidents a nextLink', async () => {
		fill(emu, 6);
		const res = await call(emu, 'GET', '/v1.0/security/incidents?$top=5', { token });
		expect(res.body['@odata.nextLink']).toBeDefined();
	});
});
