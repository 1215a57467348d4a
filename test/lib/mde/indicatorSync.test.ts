import { syncIndicators } from '../../../lib/mde/indicatorSync';
import { manualClock } from '../http/axiosTransport';
import { makeClient, mdeError, mdeScope } from './helpers';

const clock = manualClock(Date.parse('2025-03-01T12:00:00Z'));

function indicator(
	id: string,
	value: string,
	description: string,
	extra: Record<string, unknown> = {},
) {
	return {
		id,
		indicatorValue: value,
		indicatorType: 'IpAddress',
		action: 'Block',
		title: `feed-a: IpAddress ${value}`,
		description,
		severity: 'Informational',
		generateAlert: false,
		creationTimeDateTimeUtc: '2025-02-01T00:00:00Z',
		...extra,
	};
}

describe('syncIndicators', () => {
	it('lists, deletes stale ones first, then imports creations and updates; reports every indicator', async () => {
		const calls: string[] = [];
		const scope = mdeScope()
			.get('/api/indicators')
			.query({ $top: '10000' })
			.reply(200, () => {
				calls.push('list');
				return {
					value: [
						indicator('1', '203.0.113.1', '[n8n:feed-a] Synced from feed-a.'),
						indicator('2', '203.0.113.2', '[n8n:feed-a] Synced from feed-a.', { action: 'Warn' }),
						indicator('3', '203.0.113.3', '[n8n:feed-a] Synced from feed-a.'),
						indicator('4', '203.0.113.4', 'Manual', { createdByDisplayName: 'Analyst' }),
					],
				};
			})
			.post('/api/indicators/BatchDelete', { IndicatorIds: ['3'] })
			.reply(204, () => {
				calls.push('delete');
				return '';
			})
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
					{
						indicatorValue: '203.0.113.2',
						indicatorType: 'IpAddress',
						action: 'Block',
						title: 'feed-a: IpAddress 203.0.113.2',
						description: '[n8n:feed-a] Synced from feed-a.',
						severity: 'Informational',
						generateAlert: false,
					},
				],
			})
			.reply(200, () => {
				calls.push('import');
				return {
					value: [
						{ id: '10', indicator: 'evil.example', isFailed: false, failureReason: null },
						{ id: '2', indicator: '203.0.113.2', isFailed: false, failureReason: null },
					],
				};
			});
		const { client } = makeClient();

		const report = await syncIndicators(
			client,
			[
				{ value: '203.0.113.1', type: 'ipv4' },
				{ value: '203.0.113.2', type: 'ipv4' },
				{ value: 'evil.example', type: 'domain' },
				{ value: '203.0.113.4', type: 'ipv4' },
			],
			{ sourceTag: 'feed-a', action: 'Block' },
			{ clock },
		);

		expect(calls).toEqual(['list', 'delete', 'import']);
		expect(report.counts).toEqual({
			created: 1,
			updated: 1,
			deleted: 1,
			expired: 0,
			skipped: 1,
			failed: 0,
			unchanged: 1,
		});
		expect(report.created).toEqual([
			expect.objectContaining({ item: 3, id: '10', value: 'evil.example', type: 'DomainName' }),
		]);
		expect(report.updated).toEqual([
			expect.objectContaining({ item: 2, id: '2', changes: ['action'] }),
		]);
		expect(report.deleted).toEqual([expect.objectContaining({ id: '3', code: 'removed' })]);
		expect(report.skipped).toEqual([
			expect.objectContaining({
				item: 4,
				code: 'otherSource',
				reason: expect.stringContaining("'Analyst'"),
			}),
		]);
		expect(report.requests).toEqual({ import: 1, delete: 1 });
		expect(scope.isDone()).toBe(true);
	});

	it('dry run lists and plans but writes nothing', async () => {
		mdeScope()
			.get('/api/indicators')
			.query(true)
			.reply(200, { value: [indicator('3', '203.0.113.3', '[n8n:feed-a] x')] });
		const { client, transport } = makeClient();

		const report = await syncIndicators(
			client,
			[{ value: '203.0.113.9' }],
			{ sourceTag: 'feed-a', action: 'Block' },
			{ dryRun: true, clock },
		);

		expect(report).toMatchObject({
			dryRun: true,
			counts: { created: 1, deleted: 1 },
			requests: { import: 0, delete: 0 },
		});
		expect(transport.requests.map((r) => r.method)).toEqual(['GET']);
	});

	it('reports indicators Defender refused as failed, with its reason', async () => {
		mdeScope()
			.get('/api/indicators')
			.query(true)
			.reply(200, { value: [] })
			.post('/api/indicators/import')
			.reply(200, {
				value: [
					{ id: '11', indicator: '203.0.113.1', isFailed: false, failureReason: null },
					{
						id: null,
						indicator: '203.0.113.2',
						isFailed: true,
						failureReason: 'The tenant has reached the limit',
					},
				],
			});
		const { client } = makeClient();

		const report = await syncIndicators(
			client,
			[{ value: '203.0.113.1' }, { value: '203.0.113.2' }],
			{ sourceTag: 'feed-a', action: 'Block' },
			{ clock },
		);

		expect(report.created.map((c) => c.value)).toEqual(['203.0.113.1']);
		expect(report.failed).toEqual([
			expect.objectContaining({
				item: 2,
				value: '203.0.113.2',
				code: 'created',
				reason: 'Defender refused it: The tenant has reached the limit',
			}),
		]);
	});

	it('says deletions already went through when the import then fails', async () => {
		mdeScope()
			.get('/api/indicators')
			.query(true)
			.reply(200, { value: [indicator('3', '203.0.113.3', '[n8n:feed-a] x')] })
			.post('/api/indicators/BatchDelete', { IndicatorIds: ['3'] })
			.reply(204)
			.post('/api/indicators/import')
			.reply(500, mdeError('InternalServerError', 'boom'));
		const { client } = makeClient({ maxAttempts: 1 });

		await expect(
			syncIndicators(
				client,
				[{ value: '203.0.113.9' }],
				{ sourceTag: 'feed-a', action: 'Block' },
				{ clock },
			),
		).rejects.toMatchObject({
			kind: 'server',
			message: expect.stringMatching(
				/\(the 1 indicator deletion of this sync had already gone through\)\.$/,
			),
			hint: expect.stringContaining('Run the sync again'),
		});
	});

	it('refuses invalid settings before listing, and a full cap before writing', async () => {
		const { client, transport } = makeClient();
		await expect(syncIndicators(client, [], { sourceTag: '', action: 'Block' })).rejects.toThrow(
			/source tag/,
		);
		expect(transport.requests).toHaveLength(0);

		mdeScope()
			.get('/api/indicators')
			.query(true)
			.reply(200, { value: [indicator('1', '198.51.100.1', 'other')] });
		await expect(
			syncIndicators(
				client,
				[{ value: '203.0.113.1' }],
				{ sourceTag: 'feed-a', action: 'Block', cap: { limit: 1 } },
				{ clock },
			),
		).rejects.toThrow(/Refusing to sync.*Nothing was changed/);
		expect(transport.requests.map((r) => r.method)).toEqual(['GET']);
	});

	it('names Ti.ReadWrite.All when listing is forbidden', async () => {
		mdeScope().get('/api/indicators').query(true).reply(403, mdeError('Forbidden', 'no role'));
		const { client } = makeClient();
		await expect(
			syncIndicators(client, [], { sourceTag: 'feed-a', action: 'Block' }),
		).rejects.toMatchObject({
			kind: 'forbidden',
			hint: expect.stringContaining('Ti.ReadWrite.All'),
		});
	});
});
