import { canonicalTime, formatTicks, StampClock } from './time';

describe('Graph timestamps', () => {
	it('formats epoch milliseconds with 7 fractional digits, like Date would', () => {
		expect(formatTicks(Date.UTC(2021, 4, 2, 14, 19, 1, 326), 6667)).toBe(
			'2021-05-02T14:19:01.3266667Z',
		);
		for (const ms of [0, 951782400000, 1709251199999, 4102444800000]) {
			expect(formatTicks(ms)).toBe(new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z'));
		}
	});

	it('canonicalises ISO input: offsets, missing parts and extra digits', () => {
		expect(canonicalTime('2021-05-02T16:19:01.3266667+02:00')).toBe('2021-05-02T14:19:01.3266667Z');
		expect(canonicalTime('2018-08-01Z')).toBe('2018-08-01T00:00:00.0000000Z');
		expect(canonicalTime('2021-05-02T14:19:01.123456789Z')).toBe('2021-05-02T14:19:01.1234567Z');
		expect(canonicalTime('2021-05-02T14:19')).toBe('2021-05-02T14:19:00.0000000Z');
		expect(canonicalTime('yesterday')).toBeUndefined();
		expect(canonicalTime('2021-13-02T00:00:00Z')).toBeUndefined();
	});

	it('hands out strictly increasing stamps within one millisecond and after observed ones', () => {
		let now = Date.UTC(2025, 0, 1);
		const clock = new StampClock(() => now);
		const stamps = [clock.next(), clock.next(), clock.next()];
		expect(stamps).toEqual([
			'2025-01-01T00:00:00.0000000Z',
			'2025-01-01T00:00:00.0000001Z',
			'2025-01-01T00:00:00.0000002Z',
		]);
		clock.observe('2025-01-01T00:00:05.0000009Z');
		expect(clock.next()).toBe('2025-01-01T00:00:05.0000010Z');
		now += 10000;
		expect(clock.next()).toBe('2025-01-01T00:00:10.0000000Z');
	});
});
