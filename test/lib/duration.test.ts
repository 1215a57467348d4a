import { DefenderError } from '../../lib/errors';
import { parseDuration } from '../../lib/duration';

describe('parseDuration', () => {
	it.each([
		['0', 0],
		['45', 45 * 60_000],
		['90s', 90_000],
		['30m', 30 * 60_000],
		['24h', 24 * 3_600_000],
		['7d', 7 * 86_400_000],
		['2w', 14 * 86_400_000],
		['1h30m', 90 * 60_000],
		[' 1H 30M ', 90 * 60_000],
		['1.5h', 90 * 60_000],
	])('reads %j', (text, expected) => {
		expect(parseDuration(text, 'Look Back')).toBe(expected);
	});

	it('treats a number as minutes', () => {
		expect(parseDuration(5, 'Overlap')).toBe(300_000);
	});

	it.each(['', 'abc', '5 minutes', '-5m', '5x', '1h-30m'])('refuses %j naming the field', (text) => {
		expect(() => parseDuration(text, 'Look Back')).toThrow(DefenderError);
		expect(() => parseDuration(text, 'Look Back')).toThrow(/Look Back/);
	});
});
