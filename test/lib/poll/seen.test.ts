import { SeenSet, dedupKey } from '../../../lib/poll/seen';
import { at } from './fakeGraph';

describe('dedupKey', () => {
	it('is the id for created-only and id|timestamp for updates', () => {
		expect(dedupKey('created', 'a1', at(1))).toBe('a1');
		expect(dedupKey('createdOrUpdated', 'a1', at(1))).toBe(`a1|${at(1)}`);
	});
});

describe('SeenSet', () => {
	it('answers both key rules from one entry', () => {
		const seen = new SeenSet([['a1', at(1)]]);
		expect(seen.has('created', 'a1', at(99))).toBe(true);
		expect(seen.has('createdOrUpdated', 'a1', at(1))).toBe(true);
		expect(seen.has('createdOrUpdated', 'a1', at(2))).toBe(false);
		expect(seen.has('created', 'a2', at(1))).toBe(false);
	});

	it('keeps a fingerprint only on the newest version of an id', () => {
		const seen = new SeenSet();
		seen.add('a1', at(1), ['new', null, null, null, 'low', null]);
		seen.add('a1', at(2), ['inProgress', null, null, null, 'low', null]);
		seen.add('a1', at(0), ['resolved', null, null, null, 'low', null]);
		expect(seen.previousFingerprint('a1')).toEqual(['inProgress', null, null, null, 'low', null]);
		expect(seen.toJSON()).toEqual([
			['a1', at(1)],
			['a1', at(2), ['inProgress', null, null, null, 'low', null]],
			['a1', at(0)],
		]);
	});

	it('ignores a version added twice', () => {
		const seen = new SeenSet();
		seen.add('a1', at(1));
		seen.add('a1', at(1));
		expect(seen.size).toBe(1);
	});

	it('evicts the oldest timestamps first, not the first inserted', () => {
		const seen = new SeenSet([
			['late', at(5)],
			['old', at(1)],
			['mid', at(3)],
		]);
		const result = seen.evict(2);
		expect(result).toEqual({ evicted: 1, newestEvicted: at(1) });
		expect(seen.has('created', 'old', at(1))).toBe(false);
		expect(seen.toJSON()).toEqual([
			['mid', at(3)],
			['late', at(5)],
		]);
	});

	it('never evicts entries at or after the protected timestamp, even above the bound', () => {
		const seen = new SeenSet([
			['a', at(1)],
			['b', at(2)],
			['c', at(2)],
			['d', at(2)],
		]);
		const result = seen.evict(1, at(2));
		expect(result).toEqual({ evicted: 1, newestEvicted: at(1) });
		expect(seen.size).toBe(3);
		expect(seen.knowsId('b') && seen.knowsId('c') && seen.knowsId('d')).toBe(true);
	});

	it('forgets the fingerprint and id when the last version of an id is evicted', () => {
		const seen = new SeenSet();
		seen.add('a1', at(1), ['new', null, null, null, 'low', null]);
		seen.add('a2', at(2));
		seen.evict(1);
		expect(seen.knowsId('a1')).toBe(false);
		expect(seen.previousFingerprint('a1')).toBeUndefined();
		expect(seen.knowsId('a2')).toBe(true);
	});

	it('does nothing at or below the bound', () => {
		const seen = new SeenSet([['a', at(1)]]);
		expect(seen.evict(1)).toEqual({ evicted: 0 });
		expect(seen.size).toBe(1);
	});
});
