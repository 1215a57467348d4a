import { toODataParams } from '../../../lib/poll/query';

describe('toODataParams', () => {
	it('builds the poll window query: time bound, OR within a filter, AND across filters', () => {
		expect(
			toODataParams({
				resource: 'alerts',
				since: { field: 'lastUpdateDateTime', value: '2024-03-01T09:58:00.000Z' },
				filters: {
					status: ['new', 'inProgress'],
					severity: ['high'],
					serviceSource: ['microsoftDefenderForEndpoint'],
				},
				orderBy: { field: 'lastUpdateDateTime', direction: 'asc' },
				top: 1000,
			}),
		).toEqual({
			$filter:
				"lastUpdateDateTime ge 2024-03-01T09:58:00.000Z and (status eq 'new' or status eq 'inProgress') and severity eq 'high' and serviceSource eq 'microsoftDefenderForEndpoint'",
			$orderby: 'lastUpdateDateTime asc',
			$top: '1000',
		});
	});

	it('omits $filter for an unfiltered newest-first query and escapes quotes', () => {
		expect(
			toODataParams({
				resource: 'incidents',
				filters: {},
				orderBy: { field: 'createdDateTime', direction: 'desc' },
				top: 1,
			}),
		).toEqual({ $orderby: 'createdDateTime desc', $top: '1' });
		expect(
			toODataParams({
				resource: 'alerts',
				filters: { status: ["it's"] },
				orderBy: { field: 'createdDateTime', direction: 'desc' },
				top: 1,
			}).$filter,
		).toBe("status eq 'it''s'");
	});
});
