import { freshState, parseState } from '../../../lib/poll/state';

const CURSOR = '2024-03-01T10:00:00.1234567Z';

describe('parseState', () => {
	it.each([
		['undefined', undefined],
		['null', null],
		['an empty object (fresh static data)', {}],
	])('starts fresh without a warning from %s', (_label, raw) => {
		expect(parseState(raw)).toEqual({ state: freshState() });
	});

	it('reads a valid version-1 state unchanged', () => {
		const raw = {
			v: 1,
			field: 'lastUpdateDateTime',
			cursor: CURSOR,
			evictedThrough: '2024-03-01T09:59:00.0000000Z',
			pendingClamp: { from: '2024-01-01T00:00:00.0000000Z', to: '2024-01-31T00:00:00.0000000Z' },
			seen: [
				['a1', CURSOR, ['new', null, null, null, 'high', null]],
				['a2', CURSOR],
			],
		};
		const { state, warning } = parseState(JSON.parse(JSON.stringify(raw)));
		expect(warning).toBeUndefined();
		expect(state).toEqual(raw);
	});

	it.each([
		['a string', 'corrupt'],
		['an array', [1, 2]],
		['a number', 42],
	])('starts fresh with a warning when the state is %s', (_label, raw) => {
		const { state, warning } = parseState(raw);
		expect(state).toEqual(freshState());
		expect(warning).toMatch(/not an object; starting fresh/);
	});

	it('starts fresh with a warning for an unknown version', () => {
		const { state, warning } = parseState({ v: 2, cursor: CURSOR, seen: [] });
		expect(state).toEqual(freshState());
		expect(warning).toMatch(/unknown version 2/);
	});

	it('starts fresh with a warning for a state without a version', () => {
		const { state, warning } = parseState({ lastTimeChecked: 123 });
		expect(state.cursor).toBeUndefined();
		expect(warning).toMatch(/unknown version null/);
	});

	it('keeps the valid parts of a damaged state and names what was dropped', () => {
		const { state, warning } = parseState({
			v: 1,
			field: 'modifiedTime',
			cursor: CURSOR,
			pendingClamp: { from: 'x' },
			seen: [
				['a1', CURSOR],
				['a2'],
				[3, CURSOR],
				['a3', 'not a time'],
				['a4', CURSOR, ['bad']],
				'junk',
			],
		});
		expect(state.cursor).toBe(CURSOR);
		expect(state.field).toBeUndefined();
		expect(state.pendingClamp).toBeUndefined();
		expect(state.seen).toEqual([['a1', CURSOR]]);
		expect(warning).toBe(
			'Stored trigger state had unusable data that was dropped: field, pendingClamp, seen (5 entries).',
		);
	});

	it('says when no valid cursor remains', () => {
		const { state, warning } = parseState({ v: 1, cursor: 'soon', seen: [] });
		expect(state.cursor).toBeUndefined();
		expect(warning).toMatch(
			/cursor\. No valid cursor remains; starting from the look-back window\./,
		);
	});

	it('never throws, whatever the input', () => {
		const inputs: unknown[] = [
			{ v: 1, seen: 'x' },
			{ v: 1, seen: [[null, null, null, null]] },
			{ v: 1, cursor: {}, evictedThrough: [] },
			Object.create(null),
			new Date(),
		];
		for (const raw of inputs) expect(() => parseState(raw)).not.toThrow();
	});

	it('does not share arrays with the stored data', () => {
		const raw = {
			v: 1,
			cursor: CURSOR,
			seen: [['a1', CURSOR, ['new', null, null, null, 'low', 2]]],
		};
		const { state } = parseState(raw);
		(state.seen[0][2] as unknown[])[0] = 'changed';
		expect(raw.seen[0][2]).toEqual(['new', null, null, null, 'low', 2]);
	});
});

describe('parseState: window bounds', () => {
	it('reads floor and checkedAt, and drops them when damaged', () => {
		const good = parseState({ v: 1, cursor: CURSOR, floor: CURSOR, checkedAt: CURSOR, seen: [] });
		expect(good.state).toMatchObject({ floor: CURSOR, checkedAt: CURSOR });
		expect(good.warning).toBeUndefined();
		const bad = parseState({ v: 1, cursor: CURSOR, floor: 5, checkedAt: 'later', seen: [] });
		expect(bad.state.floor).toBeUndefined();
		expect(bad.state.checkedAt).toBeUndefined();
		expect(bad.warning).toMatch(/floor, checkedAt/);
	});
});
