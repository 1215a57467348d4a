import type { IDataObject } from 'n8n-workflow';

import { jsonOf, pairing, runNode, runNodeError } from '../helpers';
import { mde, mdeError } from '../mdeHelpers';

const sync = {
	resource: 'indicator',
	operation: 'sync',
	sourceTag: 'feed-a',
	action: 'Block',
	expiresInDays: 0,
	removal: 'delete',
};

function owned(id: string, value: string, extra: IDataObject = {}): IDataObject {
	return {
		id,
		indicatorValue: value,
		indicatorType: 'IpAddress',
		action: 'Block',
		title: `feed-a: IpAddress ${value}`,
		description: '[n8n:feed-a] Synced from feed-a.',
		severity: 'Informational',
		generateAlert: false,
		creationTimeDateTimeUtc: '2026-01-01T00:00:00Z',
		...extra,
	};
}

const feed: IDataObject[] = [
	{ ioc: { value: '203.0.113.1', kind: 'ipv4' }, score: 90 },
	{ ioc: { value: 'evil[.]example', kind: 'domain' }, score: 80 },
	{ ioc: { value: 'd41d8cd98f00b204e9800998ecf8427e', kind: 'md5' }, score: 95 },
	{ ioc: { value: '203.0.113.9', kind: 'ipv4' }, score: 10 },
];

const fields = { valueField: 'ioc.value', typeField: 'ioc.kind', confidenceField: 'score' };
const filters = { minConfidence: 50, excludeWeakHashes: true };

describe('Defender › Indicator › Sync', () => {
	it('makes Defender match the feed from all items and returns one report paired with every item', async () => {
		const scope = mde()
			.get('/api/indicators')
			.query({ $top: '10000' })
			.reply(200, {
				value: [
					owned('1', '203.0.113.1'),
					owned('3', '203.0.113.3'),
					owned('4', '198.51.100.4', { description: 'Manual' }),
				],
			})
			.post('/api/indicators/BatchDelete', { IndicatorIds: ['3'] })
			.reply(204)
			.post('/api/indicators/import', {
				Indicators: [
					{
						indicatorValue: 'evil.example',
						indicatorType: 'DomainName',
						action: 'Block',
						title: 'feed-a: DomainName evil.example',
						description: '[n8n:feed-a] Synced from feed-a.',
						severity: 'Informational',
						generateAlert: false,
					},
				],
			})
			.reply(200, {
				value: [{ id: '10', indicator: 'evil.example', isFailed: false, failureReason: null }],
			});

		const items = await runNode({
			parameters: { ...sync, fields, filters },
			items: feed,
		});

		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(1);
		expect(pairing(items)).toEqual([[{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]]);
		const report = jsonOf(items)[0] as IDataObject;
		expect(report).toMatchObject({
			sourceTag: 'feed-a',
			dryRun: false,
			counts: { created: 1, updated: 0, deleted: 1, skipped: 2, failed: 0, unchanged: 1 },
		});
		expect(report.created).toEqual([
			expect.objectContaining({ item: 2, id: '10', value: 'evil.example' }),
		]);
		expect(report.deleted).toEqual([expect.objectContaining({ id: '3', code: 'removed' })]);
		expect(report.skipped).toEqual([
			expect.objectContaining({ item: 3, code: 'weakHash' }),
			expect.objectContaining({ item: 4, code: 'belowConfidence' }),
		]);
	});

	it('dry run lists and reports but writes nothing', async () => {
		const scope = mde()
			.get('/api/indicators')
			.query({ $top: '10000' })
			.reply(200, { value: [owned('3', '203.0.113.3')] });
		const items = await runNode({
			parameters: { ...sync, fields, filters, options: { dryRun: true } },
			items: feed,
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({
			dryRun: true,
			counts: { created: 2, deleted: 1 },
			requests: { import: 0, delete: 0 },
		});
	});

	it('refuses an empty feed instead of removing every indicator of the source', async () => {
		const error = await runNodeError({ parameters: sync, items: [{}, { other: 1 }] });
		expect(error.message).toMatch(/^The feed is empty/);
		expect(error.message).toContain("'feed-a'");
	});

	it('refuses over the cap before any write, as one error item paired with all inputs under Continue On Fail', async () => {
		const scope = mde()
			.get('/api/indicators')
			.query({ $top: '10000' })
			.reply(200, { value: [owned('9', '198.51.100.9', { description: 'Manual' })] });
		const items = await runNode({
			parameters: { ...sync, options: { capLimit: 2 } },
			items: [{ value: '203.0.113.1' }, { value: '203.0.113.2' }],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(pairing(items)).toEqual([[{ item: 0 }, { item: 1 }]]);
		expect(jsonOf(items)[0]).toMatchObject({
			kind: 'validation',
			error: expect.stringMatching(/^Refusing to sync: 2 indicators from 'feed-a' do not fit/),
		});
	});

	it('names Ti.ReadWrite.All on 403 and retries a 429 on the list', async () => {
		const scope = mde()
			.get('/api/indicators')
			.query(true)
			.reply(429, mdeError('TooManyRequests', 'slow'), { 'Retry-After': '0' })
			.get('/api/indicators')
			.query(true)
			.reply(403, mdeError('Forbidden', 'Missing role'));
		const error = await runNodeError({ parameters: sync, items: [{ value: '203.0.113.1' }] });
		expect(scope.isDone()).toBe(true);
		expect(error.httpCode).toBe('403');
		expect(error.description).toContain('Ti.ReadWrite.All');
	});

	it('fails a bad source tag before any request', async () => {
		const error = await runNodeError({
			parameters: { ...sync, sourceTag: 'bad tag!' },
			items: [{ value: '203.0.113.1' }],
		});
		expect(error.message).toBe("The source tag 'bad tag!' is not valid.");
	});
});
