import { parseIsoDuration, parseTimespan, splitRange } from '../../../lib/hunting/timespan';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const DAY = 86_400_000;

describe('hunting timespans', () => {
	it.each([
		['P7D', 7 * DAY],
		['PT12H', 12 * 3_600_000],
		['P1DT30M', DAY + 30 * 60_000],
		['P2W', 14 * DAY],
		['PT0.5S', 500],
	])('duration %s is %d ms', (text, ms) => {
		expect(parseIsoDuration(text)).toBe(ms);
	});

	it.each(['P', 'PT', '7D', 'P0D', 'P1Y'])('%s is not a usable duration', (text) => {
		expect(parseIsoDuration(text)).toBeUndefined();
	});

	it.each([
		['P7D', NOW - 7 * DAY, NOW],
		[
			'2025-02-01T00:00:00Z/2025-02-08T00:00:00Z',
			Date.parse('2025-02-01T00:00:00Z'),
			Date.parse('2025-02-08T00:00:00Z'),
		],
		[
			'P1D/2025-02-08T00:00:00Z',
			Date.parse('2025-02-07T00:00:00Z'),
			Date.parse('2025-02-08T00:00:00Z'),
		],
		[
			'2025-02-01T00:00:00Z/PT6H',
			Date.parse('2025-02-01T00:00:00Z'),
			Date.parse('2025-02-01T06:00:00Z'),
		],
		[
			'2025-02-08T00:00:00Z',
			Date.parse('2025-01-09T00:00:00Z'),
			Date.parse('2025-02-08T00:00:00Z'),
		],
	])('%s covers the right range', (text, from, to) => {
		expect(parseTimespan(text, NOW)).toEqual({ from, to });
	});

	it.each([
		['', /empty/],
		['last week', /not an ISO 8601 timespan/],
		['P1M', /months or years/],
		['2025-02-08T00:00:00Z/2025-02-01T00:00:00Z', /ends before it starts/],
	])('%s is refused with a clear message', (text, message) => {
		expect(() => parseTimespan(text, NOW)).toThrow(message);
	});

	it('splits a range into back-to-back slices one tick apart', () => {
		const slices = splitRange(
			{ from: Date.parse('2025-02-01T00:00:00Z'), to: Date.parse('2025-02-04T00:00:00Z') },
			3,
		);
		expect(slices.map((s) => s.timespan)).toEqual([
			'2025-02-01T00:00:00.000Z/2025-02-01T23:59:59.9999999Z',
			'2025-02-02T00:00:00.000Z/2025-02-02T23:59:59.9999999Z',
			'2025-02-03T00:00:00.000Z/2025-02-04T00:00:00.000Z',
		]);
		expect(() => splitRange({ from: 0, to: DAY }, 0)).toThrow(/1 to 100/);
		expect(() => splitRange({ from: 0, to: DAY }, 101)).toThrow(/1 to 100/);
	});
});
