import { ALERT_SCHEMA, INCIDENT_SCHEMA } from './graph/schemas';
import { ODataError } from './odata/errors';
import { compileFilter } from './odata/evaluator';
import { tokenize } from './odata/lexer';
import { MAX_FILTER_LENGTH, parseFilter } from './odata/parser';
import { parseOrderBy, parseQueryOptions } from './odata/queryOptions';

const opts = { includeEvolved: false };

const rows = [
	{
		id: 'a',
		status: 'new',
		severity: 'high',
		assignedTo: null,
		serviceSource: 'microsoftDefenderForEndpoint',
		createdDateTime: '2025-01-01T10:00:00.0000000Z',
		lastUpdateDateTime: '2025-01-02T10:00:00.1234567Z',
		classification: 'unknown',
		determination: 'unknown',
		evidence: [],
	},
	{
		id: 'b',
		status: 'inProgress',
		severity: 'low',
		assignedTo: "o'brien@contoso.com",
		serviceSource: 'microsoftSentinel',
		createdDateTime: '2025-01-03T10:00:00.0000000Z',
		lastUpdateDateTime: '2025-01-03T10:00:00.1234568Z',
		classification: 'unknown',
		determination: 'unknown',
		evidence: [
			{
				'@odata.type': '#microsoft.graph.security.userEvidence',
				userAccount: { userPrincipalName: 'alice@contoso.com' },
			},
		],
	},
	{
		id: 'c',
		status: 'resolved',
		severity: 'medium',
		assignedTo: 'Analyst@Contoso.com',
		serviceSource: 'microsoftDefenderForOffice365',
		createdDateTime: '2025-01-05T10:00:00.0000000Z',
		lastUpdateDateTime: '2025-01-06T00:00:00.0000000Z',
		classification: 'truePositive',
		determination: 'phishing',
		evidence: [
			{
				'@odata.type': '#microsoft.graph.security.deviceEvidence',
				deviceDnsName: 'pc123.contoso.com',
			},
		],
	},
];

function ids(filter: string, includeEvolved = false): string[] {
	const predicate = compileFilter(filter, ALERT_SCHEMA, { includeEvolved });
	return rows.filter(predicate).map((r) => r.id);
}

function errorOf(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(ODataError);
		return (e as Error).message;
	}
	throw new Error('expected an ODataError');
}

describe('OData $filter', () => {
	it('evaluates eq, ne and enum ordering comparisons', () => {
		expect(ids("status eq 'new'")).toEqual(['a']);
		expect(ids("status ne 'new'")).toEqual(['b', 'c']);
		expect(ids("severity ge 'medium'")).toEqual(['a', 'c']);
		expect(ids("severity lt 'medium'")).toEqual(['b']);
	});

	it('compares timestamps with all 7 fractional digits', () => {
		expect(ids('lastUpdateDateTime gt 2025-01-03T10:00:00.1234567Z')).toEqual(['b', 'c']);
		expect(ids('lastUpdateDateTime ge 2025-01-03T10:00:00.1234568Z')).toEqual(['b', 'c']);
		expect(ids('lastUpdateDateTime le 2025-01-02T10:00:00.1234567Z')).toEqual(['a']);
		expect(ids('createdDateTime lt 2025-01-03T12:00:01+02:00')).toEqual(['a', 'b']);
		expect(ids('createdDateTime lt 2025-01-03T12:00:00+02:00')).toEqual(['a']);
	});

	it('combines and/or/not with parentheses and precedence', () => {
		expect(ids("status eq 'new' or status eq 'resolved' and severity eq 'low'")).toEqual(['a']);
		expect(ids("(status eq 'new' or status eq 'resolved') and severity ne 'low'")).toEqual([
			'a',
			'c',
		]);
		expect(ids("not (status eq 'new')")).toEqual(['b', 'c']);
	});

	it('supports in, null and case-insensitive strings, and the doubled quote escape', () => {
		expect(ids("status in ('new', 'resolved')")).toEqual(['a', 'c']);
		expect(ids('assignedTo eq null')).toEqual(['a']);
		expect(ids("assignedTo eq 'analyst@contoso.com'")).toEqual(['c']);
		expect(ids("assignedTo eq 'o''brien@contoso.com'")).toEqual(['b']);
	});

	it('filters evidence with any() and type casts (migration doc, graph-api.md §3.1)', () => {
		expect(
			ids(
				"evidence/any(e: e/microsoft.graph.security.userEvidence/userAccount/userPrincipalName eq 'alice@contoso.com')",
			),
		).toEqual(['b']);
		expect(
			ids(
				"evidence/any(e: e/microsoft.graph.security.deviceEvidence/deviceDnsName eq 'pc123.contoso.com')",
			),
		).toEqual(['c']);
		expect(ids('evidence/any()')).toEqual(['b', 'c']);
	});

	it('refuses evolved enum members unless the Prefer header was sent (§5.2)', () => {
		expect(errorOf(() => ids("serviceSource eq 'microsoftSentinel'"))).toMatch(
			/include-unknown-enum-members/,
		);
		expect(ids("serviceSource eq 'microsoftSentinel'", true)).toEqual(['b']);
	});

	it('rejects unknown and non-filterable properties like Graph does', () => {
		expect(errorOf(() => ids("foo eq 'x'"))).toBe(
			"Could not find a property named 'foo' on type 'microsoft.graph.security.alert'.",
		);
		expect(errorOf(() => ids("investigationState eq 'running'"))).toMatch(
			/cannot be used in the \$filter/,
		);
		expect(errorOf(() => ids("title eq 'x'"))).toMatch(/'title' cannot be used in the \$filter/);
		expect(errorOf(() => compileFilter("classification eq 'x'", INCIDENT_SCHEMA, opts))).toMatch(
			/not a valid enumeration/,
		);
	});

	it('rejects quoted timestamps and other type mismatches', () => {
		expect(errorOf(() => ids("createdDateTime ge '2025-01-01T00:00:00Z'"))).toMatch(
			/incompatible types.*Edm.DateTimeOffset.*Edm.String/,
		);
		expect(errorOf(() => ids('status eq 3'))).toMatch(/incompatible types/);
		expect(errorOf(() => ids('createdDateTime ge 2025-13-45T00:00:00Z'))).toMatch(
			/not a valid DateTimeOffset/,
		);
	});

	it('reports syntax errors with a position', () => {
		expect(errorOf(() => parseFilter("status eq 'new"))).toMatch(
			/unterminated string literal at position 10/,
		);
		expect(errorOf(() => parseFilter("(status eq 'new'"))).toMatch(/expected '\)'/);
		expect(errorOf(() => parseFilter("status eq 'new')"))).toMatch(/position 15/);
		expect(errorOf(() => parseFilter('status eq'))).toMatch(/expected a literal value/);
		expect(errorOf(() => parseFilter("status equals 'new'"))).toMatch(/comparison operator/);
		expect(errorOf(() => parseFilter('status eq new'))).toMatch(/quote strings/);
		expect(errorOf(() => parseFilter('   '))).toMatch(/must not be empty/);
		expect(errorOf(() => parseFilter("contains(title,'x')"))).toMatch(/unknown function/);
	});

	it('treats injection attempts as data or syntax errors, never as code', () => {
		expect(ids("assignedTo eq 'x'' or status eq ''new'")).toEqual([]);
		expect(errorOf(() => parseFilter("status eq 'new'; DROP TABLE alerts"))).toMatch(
			/character ';' is not valid/,
		);
		expect(errorOf(() => parseFilter("status eq 'new' or 1 eq 1"))).toMatch(/property name/);
		expect(errorOf(() => ids("__proto__ eq 'x'"))).toMatch(
			/Could not find a property named '__proto__'/,
		);
		expect(errorOf(() => ids("constructor eq 'x'"))).toMatch(/Could not find a property/);
		expect(errorOf(() => parseFilter("status eq '\u0000' ${x}"))).toMatch(/not valid/);
	});

	it('fails fast on hostile sizes: long input, deep nesting, many nodes', () => {
		const long = `assignedTo eq '${'a'.repeat(MAX_FILTER_LENGTH)}'`;
		expect(errorOf(() => parseFilter(long))).toMatch(/limit is 8000/);
		const deep = `${'('.repeat(5000)}status eq 'new'${')'.repeat(5000)}`;
		expect(errorOf(() => parseFilter(deep))).toMatch(/(recursion limit|limit is 8000)/);
		const nested = `${'('.repeat(60)}status eq 'new'${')'.repeat(60)}`;
		expect(errorOf(() => parseFilter(nested))).toMatch(/recursion limit/);
		const wide = Array.from({ length: 120 }, () => "status eq 'new'").join(' or ');
		expect(errorOf(() => parseFilter(wide))).toMatch(/node count limit of '100'/);
		const unbalanced = "((status eq 'new')";
		expect(errorOf(() => parseFilter(unbalanced))).toMatch(/expected '\)'/);
		expect(errorOf(() => parseFilter(`'${"''".repeat(3000)}`))).toMatch(/unterminated/);
	});

	it('tokenizes qualified enum literals and datetimes', () => {
		const kinds = tokenize(
			"severity eq microsoft.graph.security.alertSeverity'high' and createdDateTime gt 2024-01-01Z",
		).map((t) => t.kind);
		expect(kinds).toEqual(['ident', 'ident', 'enum', 'ident', 'ident', 'ident', 'datetime', 'eof']);
		expect(ids("severity eq microsoft.graph.security.alertSeverity'high'")).toEqual(['a']);
	});
});

describe('OData query options', () => {
	const params = (q: string) => new URLSearchParams(q);

	it('parses the supported options', () => {
		const o = parseQueryOptions(
			params('$top=10&$skip=5&$count=true&$orderby=lastUpdateDateTime asc&other=ignored'),
			['$top', '$skip', '$count', '$orderby'],
			ALERT_SCHEMA,
		);
		expect(o).toEqual({
			top: 10,
			skip: 5,
			count: true,
			orderby: [{ field: 'lastUpdateDateTime', descending: false }],
		});
	});

	it('rejects unsupported, duplicated and malformed options', () => {
		expect(
			errorOf(() => parseQueryOptions(params('$expand=alerts'), ['$top'], ALERT_SCHEMA)),
		).toMatch(/'\$expand' is not supported/);
		expect(
			errorOf(() => parseQueryOptions(params('$top=1&$top=2'), ['$top'], ALERT_SCHEMA)),
		).toMatch(/more than once/);
		expect(errorOf(() => parseQueryOptions(params('$top=-1'), ['$top'], ALERT_SCHEMA))).toMatch(
			/non-negative integer/,
		);
		expect(errorOf(() => parseQueryOptions(params('$top=1e3'), ['$top'], ALERT_SCHEMA))).toMatch(
			/non-negative integer/,
		);
		expect(
			errorOf(() => parseQueryOptions(params('$count=yes'), ['$count'], ALERT_SCHEMA)),
		).toMatch(/not a valid count option/);
	});

	it('allows $orderby only on the time fields (graph-api.md §3.1)', () => {
		expect(parseOrderBy('createdDateTime desc, lastUpdateDateTime', ALERT_SCHEMA)).toEqual([
			{ field: 'createdDateTime', descending: true },
			{ field: 'lastUpdateDateTime', descending: false },
		]);
		expect(errorOf(() => parseOrderBy('severity desc', ALERT_SCHEMA))).toMatch(
			/'severity' cannot be used in the \$orderby/,
		);
		expect(errorOf(() => parseOrderBy('nope', ALERT_SCHEMA))).toMatch(
			/Could not find a property named 'nope'/,
		);
		expect(errorOf(() => parseOrderBy('createdDateTime sideways', ALERT_SCHEMA))).toMatch(
			/expected 'asc' or 'desc'/,
		);
	});
});
