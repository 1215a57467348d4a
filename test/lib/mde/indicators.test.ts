import { DefenderError } from '../../../lib/errors';
import {
	batchDeleteIndicators,
	deleteIndicator,
	importIndicators,
	indicatorBody,
	listIndicators,
	submitIndicator,
	type IndicatorInput,
} from '../../../lib/mde/indicators';
import { makeClient, mdeError, mdeScope } from './helpers';

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function indicator(id: string | number, value: string, extra: Record<string, unknown> = {}) {
	return {
		id,
		indicatorValue: value,
		indicatorType: 'IpAddress',
		action: 'Block',
		title: 't',
		description: 'd',
		severity: 'High',
		creationTimeDateTimeUtc: '2025-01-10T00:00:00Z',
		...extra,
	};
}

const input = (n: number): IndicatorInput => ({
	value: `198.51.${Math.floor(n / 250)}.${n % 250}`,
	type: 'ipv4',
	action: 'Block',
	title: `IP ${n}`,
	description: 'feed',
});

describe('submitIndicator', () => {
	it('posts the exact body: Defender type names, ISO expiry, severity casing', async () => {
		const scope = mdeScope()
			.post('/api/indicators', {
				indicatorValue: SHA256,
				indicatorType: 'FileSha256',
				action: 'BlockAndRemediate',
				title: 'Dropper',
				description: 'Seen in INC-42',
				expirationTime: '2025-02-01T00:00:00.000Z',
				severity: 'High',
				recommendedActions: 'Reimage',
				generateAlert: true,
				rbacGroupNames: ['Servers'],
			})
			.reply(200, indicator('995', SHA256, { indicatorType: 'FileSha256' }));
		const { client } = makeClient();

		const result = await submitIndicator(client, {
			value: SHA256.toUpperCase(),
			type: 'sha256',
			action: 'blockandremediate',
			title: 'Dropper',
			description: ' Seen in INC-42 ',
			expirationTime: new Date('2025-02-01T00:00:00Z'),
			severity: 'high',
			recommendedActions: 'Reimage',
			generateAlert: true,
			rbacGroupNames: ['Servers'],
		});
		expect(result).toMatchObject({ id: '995', indicatorType: 'FileSha256' });
		expect(scope.isDone()).toBe(true);
	});

	it('turns on generateAlert for Audit and refuses Audit with generateAlert false', () => {
		const audit = { value: 'evil.example', action: 'Audit', title: 't', description: 'd' };
		expect(indicatorBody(audit)).toMatchObject({
			indicatorType: 'DomainName',
			action: 'Audit',
			generateAlert: true,
		});
		expect(() => indicatorBody({ ...audit, generateAlert: false })).toThrow(
			/Audit indicators must generate alerts/,
		);
	});

	it('refuses retired actions, actions that do not fit the type, missing titles', () => {
		const base = { value: '203.0.113.9', title: 't', description: 'd' };
		expect(() => indicatorBody({ ...base, action: 'AlertAndBlock' })).toThrow(/retired/);
		expect(() => indicatorBody({ ...base, action: 'BlockAndRemediate' })).toThrow(
			/IpAddress indicators take/,
		);
		expect(() => indicatorBody({ ...base, action: 'Nuke' })).toThrow(/Allowed values/);
		expect(() => indicatorBody({ ...base, action: 'Block', title: ' ' })).toThrow(
			/title is required/,
		);
		expect(() => indicatorBody({ ...base, action: 'Block', expirationTime: 'soon' })).toThrow(
			/ISO 8601/,
		);
	});

	it('names Ti.ReadWrite.All on a 403 and passes on the API reason for a 400', async () => {
		mdeScope()
			.post('/api/indicators')
			.reply(403, mdeError('Forbidden', 'no role'))
			.post('/api/indicators')
			.reply(400, mdeError('InvalidIpAddress', 'Invalid ip address'));
		const { client } = makeClient();
		const body = { value: '203.0.113.9', action: 'Block', title: 't', description: 'd' };

		await expect(submitIndicator(client, body)).rejects.toMatchObject({
			kind: 'forbidden',
			hint: expect.stringContaining('Ti.ReadWrite.All'),
		});
		await expect(submitIndicator(client, body)).rejects.toMatchObject({
			kind: 'validation',
			code: 'InvalidIpAddress',
			apiMessage: 'Invalid ip address',
		});
	});

	it('waits out a 429 per Retry-After', async () => {
		const scope = mdeScope()
			.post('/api/indicators')
			.reply(429, mdeError('TooManyRequests', 'quota'), { 'Retry-After': '12' })
			.post('/api/indicators')
			.reply(200, indicator('1', '203.0.113.9'));
		const { client, sleep } = makeClient();

		await submitIndicator(client, {
			value: '203.0.113.9',
			action: 'Block',
			title: 't',
			description: 'd',
		});
		expect(sleep.waits).toEqual([12_000]);
		expect(scope.isDone()).toBe(true);
	});
});

describe('listIndicators and deleteIndicator', () => {
	it('reads all pages with $top/$skip and filters by type aliases and action', async () => {
		const filter =
			"(indicatorType eq 'IpAddress' or indicatorType eq 'DomainName') and action eq 'Block'";
		const scope = mdeScope()
			.get('/api/indicators')
			.query({ $top: '2', $filter: filter })
			.reply(200, { value: [indicator('1', '203.0.113.1'), indicator(2, '203.0.113.2')] })
			.get('/api/indicators')
			.query({ $top: '2', $filter: filter, $skip: '2' })
			.reply(200, { value: [] });
		const { client } = makeClient();

		const list = await listIndicators(client, {
			filters: { types: ['ipv4', 'domain'], actions: ['Block'] },
			pageSize: 2,
		});
		expect(list.map((i) => i.id)).toEqual(['1', '2']);
		expect(scope.isDone()).toBe(true);
	});

	it('deletes one indicator, and names the indicator on a 404', async () => {
		const scope = mdeScope()
			.delete('/api/indicators/995')
			.reply(204)
			.delete('/api/indicators/996')
			.reply(404, mdeError('ResourceNotFound', 'Indicator 996 was not found'));
		const { client } = makeClient();

		await expect(deleteIndicator(client, 995)).resolves.toBeUndefined();
		await expect(deleteIndicator(client, '996')).rejects.toMatchObject({
			kind: 'notFound',
			message: expect.stringContaining('indicator was not found'),
		});
		expect(scope.isDone()).toBe(true);
	});
});

describe('importIndicators', () => {
	it('sends chunks of at most 500 and returns one result per indicator in order', async () => {
		const inputs = Array.from({ length: 1001 }, (_, i) => input(i));
		const sizes: number[] = [];
		const scope = mdeScope()
			.post('/api/indicators/import')
			.times(3)
			.reply(200, (_uri, body) => {
				const sent = (body as { Indicators: Array<{ indicatorValue: string }> }).Indicators;
				sizes.push(sent.length);
				return {
					value: sent.map((s, i) => ({
						id: String(sizes.length * 1000 + i),
						indicator: s.indicatorValue,
						isFailed: s.indicatorValue.endsWith('.7'),
						failureReason: s.indicatorValue.endsWith('.7') ? 'Invalid' : null,
					})),
				};
			});
		const { client } = makeClient();

		const outcome = await importIndicators(client, inputs);

		expect(sizes).toEqual([500, 500, 1]);
		expect(outcome.requests).toBe(3);
		expect(outcome.results).toHaveLength(1001);
		expect(outcome.results[0]).toMatchObject({
			id: '1000',
			value: '198.51.0.0',
			type: 'IpAddress',
			isFailed: false,
		});
		expect(outcome.results[1000]).toMatchObject({ id: '3000', value: '198.51.4.0' });
		expect(outcome.failed).toBe(outcome.results.filter((r) => r.value.endsWith('.7')).length);
		expect(outcome.failed).toBeGreaterThan(0);
		expect(scope.isDone()).toBe(true);
	});

	it('validates every indicator before sending anything', async () => {
		const { client, transport } = makeClient();
		await expect(
			importIndicators(client, [input(1), { ...input(2), value: '10.0.0.0/8' }]),
		).rejects.toThrow('Indicator #2: ');
		await expect(importIndicators(client, [input(1), input(1)])).rejects.toThrow(
			/#2 repeats indicator #1/,
		);
		await expect(importIndicators(client, [])).rejects.toThrow(/no indicators to import/);
		expect(transport.requests).toHaveLength(0);
	});

	it('says how far it got when a later chunk fails', async () => {
		mdeScope()
			.post('/api/indicators/import')
			.reply(200, (_u, body) => ({
				value: (body as { Indicators: unknown[] }).Indicators.map(() => ({
					id: '1',
					isFailed: false,
				})),
			}))
			.post('/api/indicators/import')
			.reply(400, mdeError('MaximumBatchSizeExceeded', 'Received: 501, allowed: 500'));
		const { client } = makeClient();

		const error = await importIndicators(
			client,
			Array.from({ length: 600 }, (_, i) => input(i)),
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DefenderError);
		expect((error as DefenderError).message).toMatch(
			/indicator import: 1 of 2 requests had gone through, 500 indicators/,
		);
	});
});

describe('batchDeleteIndicators', () => {
	it('sends chunks of 500 IDs', async () => {
		const sizes: number[] = [];
		const scope = mdeScope()
			.post('/api/indicators/BatchDelete')
			.times(2)
			.reply(204, (_u, body) => {
				sizes.push((body as { IndicatorIds: string[] }).IndicatorIds.length);
				return '';
			});
		const { client } = makeClient();

		const ids = Array.from({ length: 700 }, (_, i) => i + 1);
		const outcome = await batchDeleteIndicators(client, [...ids, 1]);
		expect(sizes).toEqual([500, 200]);
		expect(outcome).toMatchObject({ requests: 2, alreadyGone: [] });
		expect(outcome.deleted).toHaveLength(700);
		expect(scope.isDone()).toBe(true);
	});

	it('falls back to one-by-one deletes when a chunk answers 404, reporting IDs already gone', async () => {
		const scope = mdeScope()
			.post('/api/indicators/BatchDelete', { IndicatorIds: ['1', '2', '3'] })
			.reply(404, mdeError('ResourceNotFound', 'Indicators 2 was not found'))
			.delete('/api/indicators/1')
			.reply(204)
			.delete('/api/indicators/2')
			.reply(404, mdeError('ResourceNotFound', 'gone'))
			.delete('/api/indicators/3')
			.reply(204);
		const { client } = makeClient();

		expect(await batchDeleteIndicators(client, ['1', '2', '3'])).toEqual({
			deleted: ['1', '3'],
			alreadyGone: ['2'],
			requests: 4,
		});
		expect(scope.isDone()).toBe(true);
	});

	it('refuses a blank ID', async () => {
		const { client } = makeClient();
		await expect(batchDeleteIndicators(client, ['1', ' '])).rejects.toThrow(
			/Indicator ID #2 is empty/,
		);
	});
});
