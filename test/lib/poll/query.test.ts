import { toODataParams } from '../../../lib/poll/query';

describe('toODataParams', () => {
	it('builds the poll window query: OR within a filter, AND across filters, then the time bound', () => {
		expect(
			toODataParams({
				resource: 'alerts',
				since: { field: 'lastUpdateDateTime', value: '2024-03-01T09:58:00.000Z' },
				filters: {
					status: ['new', 'InProgress'],
					severity: ['high'],
					serviceSource: ['microsoftDefenderForEndpoint'],
				},
				orderBy: { field: 'lastUpdateDateTime', direction: 'asc' },
				top: 1000,
			}),
		).toEqual({
			$filter:
				"(status eq 'new' or status eq 'inProgress') and severity eq 'high' and serviceSource eq 'microsoftDefenderForEndpoint' and lastUpdateDateTime ge 2024-03-01T09:58:00.000Z",
			$orderby: 'lastUpdateDateTime asc',
			$top: '1000',
		});
	});

	it('omits $filter for an unfiltered newest-first query', () => {
		expect(
			toODataParams({
				resource: 'incidents',
				filters: {},
				orderBy: { field: 'createdDateTime', direction: 'desc' },
				top: 1,
			}),
		).toEqual({ $orderby: 'createdDateTime desc', $top: '1' });
	});

	it('never sends serviceSource for incidents (Graph cannot filter it)', () => {
		expect(
			toODataParams({
				resource: 'incidents',
				filters: { status: ['active'], serviceSource: ['microsoftDefenderForEndpoint'] },
				orderBy: { field: 'createdDateTime', direction: 'asc' },
				top: 50,
			}).$filter,
		).toBe("status eq 'active'");
	});

	it('rejects a value the field does not accept, with a validation error', () => {
		expect(() =>
			toODataParams({
				resource: 'alerts',
				filters: { severity: ["high' or 1 eq 1"] },
				orderBy: { field: 'createdDateTime', direction: 'desc' },
				top: 1,
			}),
		).toThrow(expect.objectContaining({ kind: 'validation' }));
	});
});
