import type { IDataObject } from 'n8n-workflow';

import { jsonOf, pairing, runNode, runNodeError } from '../helpers';
import { mde, mdeError } from '../mdeHelpers';

const create = {
	resource: 'indicator',
	operation: 'create',
	indicatorValue: 'hxxps://evil[.]example/login',
	indicatorType: '',
	action: 'Block',
	title: 'Phishing page',
	indicatorDescription: 'Reported by the TI feed',
	additionalFields: { severity: 'High', rbacGroupNames: 'Finance, HR' },
};

function stored(id: string, body: IDataObject): IDataObject {
	return { id, ...body, createdBy: 'app', creationTimeDateTimeUtc: '2026-01-01T00:00:00Z' };
}

describe('Defender › Indicator › Create or Update', () => {
	it('submits the refanged value with the exact body and returns the indicator', async () => {
		const body = {
			indicatorValue: 'https://evil.example/login',
			indicatorType: 'Url',
			action: 'Block',
			title: 'Phishing page',
			description: 'Reported by the TI feed',
			severity: 'High',
			rbacGroupNames: ['Finance', 'HR'],
		};
		const scope = mde().post('/api/indicators', body).reply(200, stored('995', body));
		const items = await runNode({ parameters: create });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([expect.objectContaining({ id: '995', indicatorType: 'Url' })]);
	});

	it('fails an invalid indicator before any request, naming the problem', async () => {
		const error = await runNodeError({
			parameters: { ...create, indicatorValue: 'not a value', indicatorType: 'FileSha256' },
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/SHA-256|FileSha256/i);
	});

	it('names Ti.ReadWrite.All on 403 and retries a 429', async () => {
		const scope = mde()
			.post('/api/indicators')
			.reply(429, mdeError('TooManyRequests', 'slow down'), { 'Retry-After': '0' })
			.post('/api/indicators')
			.reply(403, mdeError('Forbidden', 'Missing role'));
		const error = await runNodeError({ parameters: create });
		expect(scope.isDone()).toBe(true);
		expect(error.httpCode).toBe('403');
		expect(error.description).toContain('Ti.ReadWrite.All');
	});
});

describe('Defender › Indicator › Get Many', () => {
	it('filters by type, action and value', async () => {
		const scope = mde()
			.get('/api/indicators')
			.query({
				$top: '10',
				$filter:
					"(indicatorType eq 'IpAddress' or indicatorType eq 'DomainName') and action eq 'Block' and indicatorValue eq 'evil.example'",
			})
			.reply(200, {
				value: [
					stored('1', {
						indicatorValue: 'evil.example',
						indicatorType: 'DomainName',
						action: 'Block',
					}),
				],
			});
		const items = await runNode({
			parameters: {
				resource: 'indicator',
				operation: 'getMany',
				returnAll: false,
				limit: 10,
				filters: { types: ['IpAddress', 'DomainName'], actions: ['Block'], value: 'evil.example' },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([expect.objectContaining({ id: '1' })]);
	});
});

describe('Defender › Indicator › Delete', () => {
	const del = { resource: 'indicator', operation: 'delete' };

	it('deletes one indicator with DELETE; a missing one is reported, not failed', async () => {
		const scope = mde().delete('/api/indicators/995').reply(204);
		const items = await runNode({ parameters: { ...del, indicatorId: '995' } });
		expect(jsonOf(items)).toEqual([{ id: '995', deleted: true }]);
		mde().delete('/api/indicators/996').reply(404, mdeError('NotFound', 'not found'));
		const gone = await runNode({ parameters: { ...del, indicatorId: '996' } });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(gone)[0]).toMatchObject({ id: '996', deleted: false });
	});

	it('deletes the ids of all items with one BatchDelete, each item paired', async () => {
		const scope = mde()
			.post('/api/indicators/BatchDelete', { IndicatorIds: ['1', '2'] })
			.reply(204);
		const items = await runNode({
			parameters: del,
			items: [{}, {}, {}],
			itemParameters: [{ indicatorId: '1' }, { indicatorId: ' ' }, { indicatorId: 2 }],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(jsonOf(items)).toEqual([
			{ id: '1', deleted: true },
			expect.objectContaining({ error: 'Indicator ID is empty.' }),
			{ id: '2', deleted: true },
		]);
	});

	it('a forbidden BatchDelete fails every item with the permission named', async () => {
		mde().post('/api/indicators/BatchDelete').reply(403, mdeError('Forbidden', 'Missing role'));
		const items = await runNode({
			parameters: del,
			items: [{}, {}],
			itemParameters: [{ indicatorId: '1' }, { indicatorId: '2' }],
			continueOnFail: true,
		});
		for (const json of jsonOf(items)) {
			expect(json).toMatchObject({
				status: 403,
				hint: expect.stringContaining('Ti.ReadWrite.All'),
			});
		}
	});
});

describe('Defender › Indicator › Import', () => {
	const base = {
		resource: 'indicator',
		operation: 'import',
		indicatorType: '',
		action: 'Audit',
		title: 'Feed',
		indicatorDescription: 'From the feed',
	};

	it('imports all items in chunks of 500 and pairs each result with its item', async () => {
		const values = Array.from({ length: 501 }, (_v, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`);
		const sizes: number[] = [];
		const scope = mde()
			.post('/api/indicators/import')
			.times(2)
			.reply(200, (_uri, body) => {
				const sent = (body as { Indicators: IDataObject[] }).Indicators;
				sizes.push(sent.length);
				return {
					value: sent.map((indicator, i) => ({
						id: `${sizes.length}-${i}`,
						indicator: indicator.indicatorValue,
						isFailed: false,
						failureReason: null,
					})),
				};
			});
		const items = await runNode({
			parameters: base,
			items: values.map(() => ({})),
			itemParameters: values.map((indicatorValue) => ({ indicatorValue })),
		});
		expect(scope.isDone()).toBe(true);
		expect(sizes).toEqual([500, 1]);
		expect(items).toHaveLength(501);
		expect(items[500]).toEqual({
			json: expect.objectContaining({ id: '2-0', value: '10.0.2.0', isFailed: false }),
			pairedItem: { item: 500 },
		});
	});

	it('fails invalid and repeated items on their own; an indicator Defender refuses becomes an error item', async () => {
		const scope = mde()
			.post(
				'/api/indicators/import',
				(body: { Indicators: IDataObject[] }) =>
					body.Indicators.map((i) => i.indicatorValue).join() === '203.0.113.1,203.0.113.2',
			)
			.reply(200, {
				value: [
					{ id: '7', indicator: '203.0.113.1', isFailed: false, failureReason: null },
					{ id: null, indicator: '203.0.113.2', isFailed: true, failureReason: 'Not allowed' },
				],
			});
		const items = await runNode({
			parameters: base,
			items: [{}, {}, {}, {}],
			itemParameters: [
				{ indicatorValue: '203.0.113.1' },
				{ indicatorValue: 'not an indicator' },
				{ indicatorValue: '203.0.113.1' },
				{ indicatorValue: '203.0.113.2' },
			],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(jsonOf(items)[0]).toMatchObject({ id: '7', isFailed: false });
		expect(jsonOf(items)[1]?.error).toBeDefined();
		expect(jsonOf(items)[2]?.error).toBe('Item #3 repeats item #1 (IpAddress 203.0.113.1).');
		expect(jsonOf(items)[3]).toMatchObject({
			error: expect.stringContaining('Not allowed'),
			hint: expect.stringContaining('The other 1 indicator was imported'),
		});
	});

	it('without Continue On Fail an invalid item stops the node before any request', async () => {
		const error = await runNodeError({
			parameters: base,
			items: [{}, {}],
			itemParameters: [{ indicatorValue: '203.0.113.1' }, { indicatorValue: '' }],
		});
		expect(error.constructor.name).toBe('NodeOperationError');
	});
});
