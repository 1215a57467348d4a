import { classifyEvent, computeWindow } from '../../../lib/poll/cursor';
import { resolvePollOptions } from '../../../lib/poll/options';
import { freshState, type PollState } from '../../../lib/poll/state';
import { toTimeKey } from '../../../lib/poll/time';
import { alert, at, incident, nowAt } from './fakeGraph';

const MINUTE = 60_000;
const options = resolvePollOptions({
	resource: 'alerts',
	event: 'createdOrUpdated',
	lookBackMs: 30 * MINUTE,
	overlapMs: 2 * MINUTE,
	maxLookBackMs: 24 * 60 * MINUTE,
});

function stateWith(cursor: string, extra: Partial<PollState> = {}): PollState {
	return { ...freshState(), field: 'lastUpdateDateTime', cursor: toTimeKey(cursor), ...extra };
}

describe('computeWindow', () => {
	it('starts the first poll at now minus the look-back', () => {
		const window = computeWindow(freshState(), options, nowAt(3600));
		expect(window).toMatchObject({
			field: 'lastUpdateDateTime',
			firstRun: true,
			since: new Date(nowAt(3600) - 30 * MINUTE).toISOString(),
			baseCursor: toTimeKey(at(1800)),
		});
		expect(window.clamp).toBeUndefined();
	});

	it('re-reads the overlap before a stored cursor', () => {
		const window = computeWindow(stateWith(at(1000, 1234567)), options, nowAt(2000));
		expect(window.firstRun).toBe(false);
		expect(window.since).toBe(new Date(nowAt(1000) + 123 - 2 * MINUTE).toISOString());
		expect(window.baseCursor).toBe(at(1000, 1234567));
	});

	it('uses the field of the event option', () => {
		const created = resolvePollOptions({ resource: 'alerts', event: 'created' });
		const window = computeWindow(stateWith(at(10)), created, nowAt(20));
		expect(window.field).toBe('createdDateTime');
		expect(window.fieldChanged).toBe(true);
	});

	it('clamps a cursor older than the maximum look-back and reports from/to', () => {
		const now = nowAt(3 * 86_400);
		const window = computeWindow(stateWith(at(0)), options, now);
		const to = toTimeKey(new Date(now - 24 * 60 * MINUTE).toISOString());
		expect(window.clamp).toEqual({ from: at(0), to });
		expect(window.since).toBe(new Date(now - 24 * 60 * MINUTE).toISOString());
		expect(window.baseCursor).toBe(to);
	});

	it('does not clamp a cursor just inside the maximum look-back', () => {
		const now = nowAt(86_400);
		expect(computeWindow(stateWith(at(1)), options, now).clamp).toBeUndefined();
	});

	it('starts after evicted de-dup entries that fall inside the overlap', () => {
		const window = computeWindow(
			stateWith(at(1000), { evictedThrough: toTimeKey(at(990)) }),
			options,
			nowAt(1000),
		);
		expect(window.skipThrough).toBe(at(990));
		expect(window.since).toBe(new Date(nowAt(990)).toISOString());
	});

	it('ignores evicted entries older than the overlap', () => {
		const window = computeWindow(
			stateWith(at(1000), { evictedThrough: toTimeKey(at(100)) }),
			options,
			nowAt(1000),
		);
		expect(window.skipThrough).toBeUndefined();
		expect(window.since).toBe(new Date(nowAt(1000) - 2 * MINUTE).toISOString());
	});
});

describe('classifyEvent', () => {
	const base = {
		resource: 'alerts' as const,
		event: 'createdOrUpdated' as const,
		knownBefore: false,
	};

	it('is created when untouched since creation', () => {
		expect(classifyEvent({ ...base, record: alert('a', at(1)) })).toBe('created');
	});

	it('is updated when an earlier version was emitted', () => {
		expect(classifyEvent({ ...base, knownBefore: true, record: alert('a', at(1)) })).toBe(
			'updated',
		);
	});

	it('is created when first seen and created inside the window, even if updated since', () => {
		const record = alert('a', at(100), at(105));
		expect(classifyEvent({ ...base, record, windowStart: toTimeKey(at(90)) })).toBe('created');
		expect(classifyEvent({ ...base, record, windowStart: toTimeKey(at(101)) })).toBe('updated');
		expect(classifyEvent({ ...base, record })).toBe('updated');
	});

	it('is always created in created-only mode', () => {
		expect(
			classifyEvent({
				...base,
				event: 'created',
				knownBefore: true,
				record: alert('a', at(1), at(9)),
			}),
		).toBe('created');
	});

	it('is merged for a redirected incident', () => {
		const record = incident('7', at(1), at(2), { status: 'redirected', redirectIncidentId: '9' });
		expect(classifyEvent({ ...base, resource: 'incidents', record })).toBe('merged');
		const noTarget = incident('7', at(1), at(2), { status: 'redirected' });
		expect(classifyEvent({ ...base, resource: 'incidents', record: noTarget })).toBe('updated');
	});
});
