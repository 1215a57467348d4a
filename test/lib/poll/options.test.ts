import { DefenderError } from '../../../lib/errors';
import { resolvePollOptions, type PollOptionsInput } from '../../../lib/poll/options';

function errorOf(input: PollOptionsInput): DefenderError {
	try {
		resolvePollOptions(input);
	} catch (error) {
		return error as DefenderError;
	}
	throw new Error('expected a validation error');
}

describe('resolvePollOptions', () => {
	it('fills the documented defaults', () => {
		expect(resolvePollOptions({ resource: 'alerts', event: 'createdOrUpdated' })).toEqual({
			resource: 'alerts',
			event: 'createdOrUpdated',
			field: 'lastUpdateDateTime',
			filters: {},
			lookBackMs: 0,
			maxLookBackMs: 30 * 24 * 3_600_000,
			overlapMs: 120_000,
			maxItems: 500,
			dedupBound: 2_000,
			pageSize: 1000,
		});
	});

	it('uses createdDateTime for created-only and 50 per page for incidents', () => {
		const options = resolvePollOptions({ resource: 'incidents', event: 'created' });
		expect(options.field).toBe('createdDateTime');
		expect(options.pageSize).toBe(50);
	});

	it('drops empty filter lists and trims values', () => {
		const options = resolvePollOptions({
			resource: 'alerts',
			event: 'created',
			filters: { status: [], severity: [' high '] },
		});
		expect(options.filters).toEqual({ severity: ['high'] });
	});

	it.each<[string, PollOptionsInput, RegExp]>([
		[
			'an unknown resource',
			{ resource: 'machines' as 'alerts', event: 'created' },
			/Unknown trigger resource "machines"/,
		],
		[
			'an unknown event',
			{ resource: 'alerts', event: 'deleted' as 'created' },
			/Unknown trigger event "deleted"/,
		],
		[
			'a negative look-back',
			{ resource: 'alerts', event: 'created', lookBackMs: -1 },
			/"lookBack" must be a number of at least 0/,
		],
		[
			'look-back beyond the maximum',
			{ resource: 'alerts', event: 'created', lookBackMs: 40 * 86_400_000 },
			/"lookBack" is longer than "maxLookBack"/,
		],
		[
			'incidents page above 50',
			{ resource: 'incidents', event: 'created', pageSize: 100 },
			/from 1 to 50 for incidents/,
		],
		[
			'alerts page above 1000',
			{ resource: 'alerts', event: 'created', pageSize: 2000 },
			/from 1 to 1000 for alerts/,
		],
		[
			'zero max items',
			{ resource: 'alerts', event: 'created', maxItems: 0 },
			/"maxItems" must be a number of at least 1/,
		],
		[
			'a NaN overlap',
			{ resource: 'alerts', event: 'created', overlapMs: Number.NaN },
			/"overlap" must be a number/,
		],
		[
			'an empty filter value',
			{ resource: 'alerts', event: 'created', filters: { status: ['new', ''] } },
			/filter "status" must be a list of non-empty values/,
		],
	])('rejects %s with a validation error and a hint', (_label, input, message) => {
		const error = errorOf(input);
		expect(error).toBeInstanceOf(DefenderError);
		expect(error.kind).toBe('validation');
		expect(error.message).toMatch(message);
		expect(error.hint).toEqual(expect.any(String));
	});
});
