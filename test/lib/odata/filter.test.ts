import { DefenderError } from '../../../lib/errors';
import { andFilters, buildListFilter, filterFor, quoteString } from '../../../lib/odata/filter';
import { normalizeIsoDateTime } from '../../../lib/odata/values';

const alerts = filterFor('alerts');
const incidents = filterFor('incidents');

function validationError(fn: () => unknown): DefenderError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(DefenderError);
		expect((error as DefenderError).kind).toBe('validation');
		return error as DefenderError;
	}
	throw new Error('expected a validation error');
}

describe('comparisons', () => {
	it('quotes strings and enums, leaves dates, numbers and booleans bare', () => {
		expect(alerts.eq('status', 'new').text).toBe("status eq 'new'");
		expect(alerts.ne('assignedTo', 'soc@contoso.com').text).toBe("assignedTo ne 'soc@contoso.com'");
		expect(alerts.ge('lastUpdateDateTime', '2025-01-15T10:00:00.1234567Z').text).toBe(
			'lastUpdateDateTime ge 2025-01-15T10:00:00.1234567Z',
		);
		expect(alerts.lt('createdDateTime', new Date(Date.UTC(2025, 0, 2, 3, 4, 5))).text).toBe(
			'createdDateTime lt 2025-01-02T03:04:05.000Z',
		);
		expect(filterFor('machines').eq('rbacGroupId', 75).text).toBe('rbacGroupId eq 75');
		expect(filterFor('indicators').eq('generateAlert', true).text).toBe('generateAlert eq true');
		expect(alerts.eq('assignedTo', null).text).toBe('assignedTo eq null');
	});

	it('keeps an offset and full precision of a timestamp', () => {
		expect(incidents.gt('createdDateTime', '2025-03-01T08:00:00+02:00').text).toBe(
			'createdDateTime gt 2025-03-01T08:00:00+02:00',
		);
	});

	it('uses any() for collection fields', () => {
		expect(filterFor('machines').anyEq('machineTags', "Tier'0").text).toBe(
			"machineTags/any(x: x eq 'Tier''0')",
		);
		expect(validationError(() => filterFor('machines').eq('machineTags', 'x')).message).toContain(
			"anyEq('machineTags', value)",
		);
	});

	it('allows ordering operators only on dates and numbers', () => {
		expect(validationError(() => alerts.gt('status', 'new')).message).toBe(
			"'gt' only works on dates and numbers; status takes eq or ne.",
		);
	});
});

describe('hostile values cannot change the query', () => {
	it.each([
		["x') or (status eq 'new", "assignedTo eq 'x'') or (status eq ''new'"],
		[')', "assignedTo eq ')'"],
		["'", "assignedTo eq ''''"],
		['a\nb\r\nc', "assignedTo eq 'a\nb\r\nc'"],
		['Ünïcødé 😀 名前', "assignedTo eq 'Ünïcødé 😀 名前'"],
		['%27 or 1 eq 1', "assignedTo eq '%27 or 1 eq 1'"],
		["' or assignedTo ne '", "assignedTo eq ''' or assignedTo ne '''"],
	])('%j', (value, expected) => {
		expect(alerts.eq('assignedTo', value).text).toBe(expected);
	});

	it('an OR of hostile values stays one grouped term inside AND', () => {
		const text = alerts.and(
			alerts.eq('status', 'new'),
			alerts.inList('assignedTo', ["a') or (1 eq 1", 'b']),
		).text;
		expect(text).toBe("status eq 'new' and (assignedTo eq 'a'') or (1 eq 1' or assignedTo eq 'b')");
	});

	it('rejects hostile text in enum and date fields', () => {
		validationError(() => alerts.eq('status', "new' or '1' eq '1"));
		validationError(() => alerts.ge('createdDateTime', '2025-01-01T00:00:00Z or 1 eq 1'));
	});

	it('doubles quotes in quoteString', () => {
		expect(quoteString("O'Brien")).toBe("'O''Brien'");
	});
});

describe('grouping', () => {
	it('groups an OR inside an AND and flattens same operators', () => {
		const a = alerts.eq('status', 'new');
		const b = alerts.eq('severity', 'high');
		const c = alerts.eq('severity', 'medium');
		expect(alerts.and(a, alerts.or(b, c)).text).toBe(
			"status eq 'new' and (severity eq 'high' or severity eq 'medium')",
		);
		expect(alerts.and(alerts.and(a, b), c).text).toBe(
			"status eq 'new' and severity eq 'high' and severity eq 'medium'",
		);
		expect(alerts.or(alerts.and(a, b), c).text).toBe(
			"(status eq 'new' and severity eq 'high') or severity eq 'medium'",
		);
	});

	it('skips undefined conditions and returns a single one unchanged', () => {
		const a = alerts.eq('status', 'new');
		expect(alerts.and(undefined, a, undefined)).toBe(a);
		validationError(() => alerts.and(undefined));
	});

	it('inList with one value is a plain eq, duplicates collapse', () => {
		expect(alerts.inList('severity', ['high']).text).toBe("severity eq 'high'");
		expect(alerts.inList('severity', ['high', 'High', 'low']).text).toBe(
			"severity eq 'high' or severity eq 'low'",
		);
		validationError(() => alerts.inList('severity', []));
	});
});

describe('field allowlist', () => {
	it('names the allowed fields when a field is not filterable', () => {
		const error = validationError(() => alerts.eq('investigationState', 'running'));
		expect(error.message).toBe(
			"Cannot filter alerts by 'investigationState'. Allowed fields: assignedTo, classification, determination, createdDateTime, lastUpdateDateTime, severity, serviceSource, status.",
		);
	});

	it('suggests the right casing', () => {
		expect(validationError(() => alerts.eq('Severity', 'high')).message).toContain(
			"Did you mean 'severity'?",
		);
	});

	it('incidents cannot be filtered by serviceSource', () => {
		expect(validationError(() => incidents.eq('serviceSource', 'microsoftSentinel')).message).toBe(
			"Cannot filter incidents by 'serviceSource'. Allowed fields: assignedTo, classification, createdDateTime, determination, lastUpdateDateTime, severity, status.",
		);
	});

	it('knows the MDE machine and indicator fields', () => {
		const machines = filterFor('machines');
		expect(
			machines.and(machines.eq('riskScore', 'high'), machines.ne('healthStatus', 'Active')).text,
		).toBe("riskScore eq 'High' and healthStatus ne 'Active'");
		const indicators = filterFor('indicators');
		expect(indicators.eq('indicatorType', 'FileSha256').text).toBe("indicatorType eq 'FileSha256'");
		validationError(() => indicators.eq('computerDnsName', 'x'));
	});

	it('rejects an unknown entity', () => {
		validationError(() => filterFor('users' as never));
	});
});

describe('enum values', () => {
	it('lists the allowed values for an unknown member', () => {
		expect(validationError(() => alerts.eq('status', 'closed')).message).toBe(
			"alerts status cannot be 'closed'. Allowed values: unknown, new, inProgress, resolved.",
		);
	});

	it('never accepts unknownFutureValue', () => {
		validationError(() => alerts.eq('severity', 'unknownFutureValue'));
	});

	it('normalizes doc aliases of determinations to CSDL names', () => {
		expect(alerts.eq('determination', 'compromisedUser').text).toBe(
			"determination eq 'compromisedAccount'",
		);
		expect(alerts.eq('determination', 'clean').text).toBe("determination eq 'notMalicious'");
		expect(alerts.eq('determination', 'insufficientData').text).toBe(
			"determination eq 'notEnoughDataToValidate'",
		);
		expect(incidents.eq('determination', 'confirmedUserActivity').text).toBe(
			"determination eq 'confirmedActivity'",
		);
	});

	it('accepts PascalCase from older docs', () => {
		expect(alerts.eq('classification', 'TruePositive').text).toBe(
			"classification eq 'truePositive'",
		);
	});

	it('accepts evolvable members such as microsoftSentinel and awaitingAction', () => {
		expect(alerts.eq('serviceSource', 'microsoftSentinel').text).toBe(
			"serviceSource eq 'microsoftSentinel'",
		);
		expect(incidents.eq('status', 'awaitingAction').text).toBe("status eq 'awaitingAction'");
	});
});

describe('dates', () => {
	it.each([
		'2025-02-30T00:00:00Z',
		'2025-13-01T00:00:00Z',
		'2025-01-01T24:00:00Z',
		'2025-01-01T00:00:00',
		'2025-01-01',
		'yesterday',
		'',
	])('rejects %j', (value) => {
		const error = validationError(() => alerts.ge('createdDateTime', value));
		expect(error.message).toBe(
			'The createdDateTime filter value must be an ISO 8601 date and time with a time zone, e.g. 2025-01-15T10:00:00Z.',
		);
	});

	it('rejects an invalid Date', () => {
		validationError(() => alerts.ge('createdDateTime', new Date('nope')));
	});

	it('accepts leap days', () => {
		expect(normalizeIsoDateTime('2024-02-29T00:00:00z')).toBe('2024-02-29T00:00:00Z');
		expect(normalizeIsoDateTime('2023-02-29T00:00:00Z')).toBeUndefined();
	});
});

describe('buildListFilter', () => {
	it('ANDs criteria and ORs the values of one criterion', () => {
		expect(
			buildListFilter({
				entity: 'alerts',
				status: ['new', 'inProgress'],
				severity: ['high'],
				serviceSource: ['microsoftDefenderForEndpoint', 'microsoftSentinel'],
				classification: 'truePositive',
				determination: ['malware', 'compromisedUser'],
				assignedTo: 'soc@contoso.com',
				since: { field: 'lastUpdateDateTime', op: 'ge', value: '2025-01-15T10:00:00Z' },
				until: { field: 'lastUpdateDateTime', op: 'lt', value: '2025-01-16T10:00:00Z' },
			}),
		).toBe(
			"(status eq 'new' or status eq 'inProgress') and severity eq 'high' and " +
				"(serviceSource eq 'microsoftDefenderForEndpoint' or serviceSource eq 'microsoftSentinel') and " +
				"classification eq 'truePositive' and (determination eq 'malware' or determination eq 'compromisedAccount') and " +
				"assignedTo eq 'soc@contoso.com' and lastUpdateDateTime ge 2025-01-15T10:00:00Z and " +
				'lastUpdateDateTime lt 2025-01-16T10:00:00Z',
		);
	});

	it('returns undefined with no criteria and ignores empty lists', () => {
		expect(buildListFilter({ entity: 'incidents' })).toBeUndefined();
		expect(buildListFilter({ entity: 'incidents', status: [], severity: [] })).toBeUndefined();
	});

	it('filters unassigned items with null', () => {
		expect(buildListFilter({ entity: 'incidents', assignedTo: null, status: ['active'] })).toBe(
			"status eq 'active' and assignedTo eq null",
		);
	});

	it('refuses serviceSource for incidents and a wrong bound operator', () => {
		validationError(() =>
			buildListFilter({ entity: 'incidents', serviceSource: ['microsoftSentinel'] }),
		);
		validationError(() =>
			buildListFilter({
				entity: 'alerts',
				since: { field: 'createdDateTime', op: 'lt' as never, value: '2025-01-01T00:00:00Z' },
			}),
		);
	});
});

describe('andFilters', () => {
	it('wraps the original filter before adding a bound', () => {
		expect(andFilters("status eq 'new' or status eq 'inProgress'", 'x ge 1')).toBe(
			"(status eq 'new' or status eq 'inProgress') and x ge 1",
		);
		expect(andFilters(undefined, 'x ge 1')).toBe('x ge 1');
		expect(andFilters('  ', 'x ge 1')).toBe('x ge 1');
	});
});
