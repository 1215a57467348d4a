import { latestItems } from '../../../lib/poll/runPoll';
import { alert, at, FakeGraph, incident } from './fakeGraph';

describe('latestItems (manual run)', () => {
	const graph = () =>
		new FakeGraph([
			alert('old', at(1)),
			alert('mid', at(2), at(5), { category: 'Discovery' }),
			alert('new', at(3), at(3), { severity: 'high' }),
		]);

	it('asks for the newest record only, with no time bound, newest first', async () => {
		const fake = graph();
		const { items } = await latestItems({
			options: { resource: 'alerts', event: 'createdOrUpdated' },
			source: fake.source,
		});
		expect(fake.queries).toEqual([
			{
				resource: 'alerts',
				filters: {},
				orderBy: { field: 'lastUpdateDateTime', direction: 'desc' },
				top: 1,
			},
		]);
		expect(items.map((item) => item.id)).toEqual(['mid']);
		expect(items[0]._defender).toEqual({
			origin: 'manual',
			resource: 'alert',
			event: 'updated',
			key: `mid|${at(5)}`,
			cursor: at(5),
		});
	});

	it('returns the newest N by creation for created-only, labelled created', async () => {
		const fake = graph();
		const { items } = await latestItems({
			options: { resource: 'alerts', event: 'created' },
			limit: 2,
			source: fake.source,
		});
		expect(fake.queries[0].orderBy).toEqual({ field: 'createdDateTime', direction: 'desc' });
		expect(items.map((item) => [item.id, item._defender.event])).toEqual([
			['new', 'created'],
			['mid', 'created'],
		]);
	});

	it('applies client-side filters with larger pages and stops after maxPages', async () => {
		const fake = graph();
		const { items, stats } = await latestItems({
			options: {
				resource: 'alerts',
				event: 'createdOrUpdated',
				filters: { category: ['Execution'] },
			},
			source: fake.source,
		});
		expect(fake.queries[0].top).toBe(50);
		expect(items.map((item) => item.id)).toEqual(['new']);
		expect(stats.filtered).toBe(1);
	});

	it('stops reading pages at maxPages when nothing matches', async () => {
		const many = new FakeGraph(
			Array.from({ length: 30 }, (_, i) => alert(`d${i}`, at(i), at(i), { category: 'Discovery' })),
		);
		const { items, stats } = await latestItems({
			options: {
				resource: 'alerts',
				event: 'created',
				filters: { category: ['Execution'] },
				pageSize: 5,
			},
			source: many.source,
			maxPages: 3,
		});
		expect(items).toEqual([]);
		expect(stats).toMatchObject({ pages: 3, read: 15, filtered: 15 });
	});

	it('enriches incidents and labels merged ones', async () => {
		const fake = new FakeGraph([
			incident('1', at(1)),
			incident('2', at(2), at(3), { status: 'redirected', redirectIncidentId: '1' }),
		]);
		const enrich = jest.fn(async () => [alert('x', at(1))] as unknown[]);
		const { items } = await latestItems({
			options: { resource: 'incidents', event: 'createdOrUpdated' },
			limit: 2,
			source: fake.source,
			enrich,
		});
		expect(items.map((item) => [item.id, item._defender.event])).toEqual([
			['2', 'merged'],
			['1', 'created'],
		]);
		expect(items[0]._defender.mergedInto).toBe('1');
		expect(enrich).toHaveBeenCalledTimes(1);
		expect((items[1].alerts as unknown[]).length).toBe(1);
	});

	it('takes no state and returns none, so a manual run cannot move the cursor', async () => {
		const result = await latestItems({
			options: { resource: 'alerts', event: 'created' },
			source: graph().source,
		});
		expect(Object.keys(result).sort()).toEqual(['items', 'stats']);
	});

	it('rejects a limit below 1', async () => {
		await expect(
			latestItems({
				options: { resource: 'alerts', event: 'created' },
				limit: 0,
				source: graph().source,
			}),
		).rejects.toMatchObject({ kind: 'validation' });
	});
});
