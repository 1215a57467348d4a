import { isoBefore, maxKey, msToTimeKey, timeKeyToMs, toTimeKey } from '../../../lib/poll/time';

describe('toTimeKey', () => {
	it('keeps Graph 7-digit precision and pads shorter fractions', () => {
		expect(toTimeKey('2021-05-02T14:19:01.3266667Z')).toBe('2021-05-02T14:19:01.3266667Z');
		expect(toTimeKey('2021-05-02T14:19:01.5Z')).toBe('2021-05-02T14:19:01.5000000Z');
		expect(toTimeKey('2021-05-02T14:19:01Z')).toBe('2021-05-02T14:19:01.0000000Z');
		expect(toTimeKey('2021-05-02T14:19Z')).toBe('2021-05-02T14:19:00.0000000Z');
	});

	it('converts offsets to UTC so equal instants get equal keys', () => {
		expect(toTimeKey('2021-05-02T16:19:01.3266667+02:00')).toBe('2021-05-02T14:19:01.3266667Z');
		expect(toTimeKey('2021-05-02T09:49:01.1-0430')).toBe('2021-05-02T14:19:01.1000000Z');
		expect(toTimeKey('2021-05-02T00:30:00+01:00')).toBe('2021-05-01T23:30:00.0000000Z');
	});

	it('orders sub-millisecond differences correctly as strings', () => {
		const earlier = toTimeKey('2021-05-02T14:19:01.3266667Z') as string;
		const later = toTimeKey('2021-05-02T14:19:01.3266668Z') as string;
		expect(earlier < later).toBe(true);
		// Date.parse would see these two as the same millisecond.
		expect(Date.parse('2021-05-02T14:19:01.3266667Z')).toBe(
			Date.parse('2021-05-02T14:19:01.3266668Z'),
		);
	});

	it.each([
		['no zone', '2021-05-02T14:19:01.3266667'],
		['date only', '2021-05-02'],
		['month 13', '2021-13-02T14:19:01Z'],
		['30 February', '2021-02-30T10:00:00Z'],
		['hour 24', '2021-05-02T24:00:00Z'],
		['garbage', 'yesterday'],
		['a number', 1620000000000],
		['null', null],
	])('rejects %s', (_label, value) => {
		expect(toTimeKey(value)).toBeUndefined();
	});

	it('converts to and from milliseconds, truncating sub-millisecond digits', () => {
		const key = toTimeKey('2021-05-02T14:19:01.3266667Z') as string;
		expect(timeKeyToMs(key)).toBe(Date.UTC(2021, 4, 2, 14, 19, 1, 326));
		expect(msToTimeKey(Date.UTC(2021, 4, 2, 14, 19, 1, 326))).toBe('2021-05-02T14:19:01.3260000Z');
	});

	it('isoBefore rounds down to the millisecond so a ge window only widens', () => {
		expect(isoBefore('2021-05-02T14:19:01.3266667Z', 0)).toBe('2021-05-02T14:19:01.326Z');
		expect(isoBefore('2021-05-02T14:19:01.3266667Z', 120_000)).toBe('2021-05-02T14:17:01.326Z');
	});

	it('maxKey ignores undefined', () => {
		expect(maxKey(undefined, 'b')).toBe('b');
		expect(maxKey('a', undefined)).toBe('a');
		expect(maxKey('2021-01-01T00:00:00.0000001Z', '2021-01-01T00:00:00.0000000Z')).toBe(
			'2021-01-01T00:00:00.0000001Z',
		);
	});
});
