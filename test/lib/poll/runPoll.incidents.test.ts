import { DefenderError } from '../../../lib/errors';
import type { PollOptionsInput } from '../../../lib/poll/options';
import { runPoll } from '../../../lib/poll/runPoll';
import { freshState, type PollState } from '../../../lib/poll/state';
import { alert, at, FakeGraph, incident, nowAt, recordingLogger } from './fakeGraph';

const options: PollOptionsInput = {
	resource: 'incidents',
	event: 'createdOrUpdated',
	lookBackMs: 3_600_000,
};

function alertsOf(incidentId: string, count: number, extra: Record<string, unknown> = {}) {
	return Array.from({ length: count }, (_, i) =>
		alert(`${incidentId}-a${i}`, at(i), at(i), { incidentId, ...extra }),
	);
}

describe('runPoll for incidents', () => {
	it('asks for 50 per page and fetches each incident’s alerts in a second step', async () => {
		const graph = new FakeGraph([incident('1', at(1)), incident('2', at(2))]);
		const requested: string[] = [];
		const enrich = async (record: Record<string, unknown>) => {
			requested.push(record.id as string);
			return alertsOf(record.id as string, 2);
		};
		const { items } = await runPoll({
			state: freshState(),
			options,
			now: nowAt(10),
			source: graph.source,
			enrich,
		});
		expect(graph.queries[0].top).toBe(50);
		expect(requested).toEqual(['1', '2']);
		expect(items.map((item) => (item.alerts as unknown[]).length)).toEqual([2, 2]);
	});

	it('emits an incident whose alerts failed with alertsError and no alerts, and moves on', async () => {
		const graph = new FakeGraph([incident('1', at(1)), incident('2', at(2)), incident('3', at(3))]);
		const logger = recordingLogger();
		const enrich = async (record: Record<string, unknown>) => {
			if (record.id === '2') {
				throw new DefenderError('server', 'Microsoft Graph returned a server error.', {
					status: 500,
				});
			}
			return alertsOf(record.id as string, 1);
		};
		const first = await runPoll({
			state: freshState(),
			options,
			now: nowAt(10),
			source: graph.source,
			enrich,
			logger,
		});
		expect(first.items.map((item) => item.id)).toEqual(['1', '2', '3']);
		const failed = first.items[1];
		expect(failed).not.toHaveProperty('alerts');
		expect(failed._defender.alertsError).toBe(
			"Microsoft Graph returned a server error. The incident's alerts could not be fetched; they will not be retried for this version.",
		);
		expect(first.stats.enrichFailures).toBe(1);
		expect(first.nextState.cursor).toBe(at(3));
		expect(logger.warnings).toEqual([
			expect.stringContaining('Emitting incident 2 without its alerts'),
		]);
		const second = await runPoll({
			state: first.nextState,
			options,
			now: nowAt(20),
			source: graph.source,
			enrich,
		});
		expect(second.items).toEqual([]);
	});

	it('never copies a non-library error text into alertsError', async () => {
		const graph = new FakeGraph([incident('1', at(1))]);
		const enrich = async () => {
			throw new Error('socket hang up: Authorization: Bearer test-access-token-value');
		};
		const { items } = await runPoll({
			state: freshState(),
			options,
			now: nowAt(10),
			source: graph.source,
			enrich,
		});
		expect(items[0]._defender.alertsError).toBe(
			"The incident's alerts could not be fetched; they will not be retried for this version.",
		);
	});

	it('treats an enrichment result that is not a list as a failure', async () => {
		const graph = new FakeGraph([incident('1', at(1))]);
		const enrich = async () => ({ value: [] }) as unknown as unknown[];
		const { items } = await runPoll({
			state: freshState(),
			options,
			now: nowAt(10),
			source: graph.source,
			enrich,
		});
		expect(items[0]._defender.alertsError).toMatch(
			/^The incident alerts response was not a list\./,
		);
	});

	it('emits a redirected incident as merged, naming its target, without fetching alerts', async () => {
		const graph = new FakeGraph([incident('7', at(1))]);
		const enrich = jest.fn(async () => [] as unknown[]);
		const first = await runPoll({
			state: freshState(),
			options,
			now: nowAt(10),
			source: graph.source,
			enrich,
		});
		expect(first.items[0]._defender.event).toBe('created');
		graph.update('7', {
			lastUpdateDateTime: at(20),
			status: 'redirected',
			redirectIncidentId: '9',
		});
		enrich.mockClear();
		const second = await runPoll({
			state: first.nextState,
			options,
			now: nowAt(30),
			source: graph.source,
			enrich,
		});
		expect(second.items[0]._defender).toMatchObject({ event: 'merged', mergedInto: '9' });
		// The merged version has no alerts, so an unknown count is not reported as a change.
		expect(second.items[0]._defender.changes).toEqual({ status: ['active', 'redirected'] });
		expect(enrich).not.toHaveBeenCalled();
	});

	it('reports a changed alert count between versions', async () => {
		const graph = new FakeGraph([incident('1', at(1))]);
		let count = 1;
		const enrich = async () => alertsOf('1', count);
		const first = await runPoll({
			state: freshState(),
			options,
			now: nowAt(10),
			source: graph.source,
			enrich,
		});
		graph.update('1', { lastUpdateDateTime: at(20) });
		count = 3;
		const second = await runPoll({
			state: first.nextState,
			options,
			now: nowAt(30),
			source: graph.source,
			enrich,
		});
		expect(second.items[0]._defender.changes).toEqual({ alertCount: [1, 3] });
	});

	it('filters incidents on category and service source through their alerts', async () => {
		const graph = new FakeGraph([incident('mde', at(1)), incident('mdo', at(2))]);
		const enrich = async (record: Record<string, unknown>) =>
			record.id === 'mde'
				? alertsOf('mde', 1)
				: alertsOf('mdo', 1, {
						serviceSource: 'microsoftDefenderForOffice365',
						category: 'InitialAccess',
					});
		const run = (filters: PollOptionsInput['filters'], state: PollState = freshState()) =>
			runPoll({
				state,
				options: { ...options, filters },
				now: nowAt(10),
				source: graph.source,
				enrich,
			});
		const bySource = await run({ serviceSource: ['microsoftDefenderForOffice365'] });
		expect(bySource.items.map((item) => item.id)).toEqual(['mdo']);
		expect(graph.queries[0].filters).toEqual({});
		const byCategory = await run({ category: ['execution'] });
		expect(byCategory.items.map((item) => item.id)).toEqual(['mde']);
		expect(byCategory.stats.filtered).toBe(1);
	});

	it('keeps an incident whose alerts are unknown when filtering by alert fields', async () => {
		const graph = new FakeGraph([incident('1', at(1))]);
		const enrich = async () => {
			throw new DefenderError('network', 'The connection to Microsoft Graph failed.');
		};
		const { items } = await runPoll({
			state: freshState(),
			options: { ...options, filters: { category: ['Execution'] } },
			now: nowAt(10),
			source: graph.source,
			enrich,
		});
		expect(items.map((item) => item.id)).toEqual(['1']);
	});

	it('skips the alert lookup for incidents a status filter rejects', async () => {
		const graph = new FakeGraph([incident('1', at(1), at(1), { status: 'resolved' })]);
		graph.ignoreFilters = true;
		const enrich = jest.fn(async () => [] as unknown[]);
		const { items } = await runPoll({
			state: freshState(),
			options: { ...options, filters: { status: ['active'] } },
			now: nowAt(10),
			source: graph.source,
			enrich,
		});
		expect(items).toEqual([]);
		expect(enrich).not.toHaveBeenCalled();
	});

	it('uses alerts already present on the incident instead of fetching them', async () => {
		const graph = new FakeGraph([incident('1', at(1), at(1), { alerts: alertsOf('1', 2) })]);
		const enrich = jest.fn(async () => [] as unknown[]);
		const { items } = await runPoll({
			state: freshState(),
			options,
			now: nowAt(10),
			source: graph.source,
			enrich,
		});
		expect((items[0].alerts as unknown[]).length).toBe(2);
		expect(enrich).not.toHaveBeenCalled();
	});
});
