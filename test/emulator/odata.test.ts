import { ALERT_SCHEMA, INCIDENT_SCHEMA } from './graph/schemas';
import { MACHINE_SCHEMA } from './mde/schemas';
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
		expect(errorOf(() => parseFilter("substringof('x', title)"))).toMatch(
			/unknown function with name 'substringof'/,
		);
		// Graph routes do not take the string functions; only the MDE routes do.
		expect(errorOf(() => ids("contains(title,'x')"))).toMatch(
			/unknown function with name 'contains'/,
		);
		expect(errorOf(() => ids("evidence/any(e: startswith(e/remediationStatus, 'x'))"))).toMatch(
			/unknown function with name 'startswith'/,
		);
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

describe('OData string functions on MDE routes', () => {
	const machines = [
		{
			id: 'm1',
			computerDnsName: 'web-0001.contoso.com',
			riskScore: 'High',
			rbacGroupId: 7,
			machineTags: ['Finance', 'VIP'],
		},
		{
			id: 'm2',
			computerDnsName: "o'neil-laptop.contoso.com",
			riskScore: 'Low',
			rbacGroupId: 8,
			machineTags: ['Test Machine'],
		},
		{
			id: 'm3',
			computerDnsName: 'SQL-0002.fabrikam.com',
			riskScore: 'Medium',
			rbacGroupId: 9,
			machineTags: [],
		},
		{
			id: 'm4',
			computerDnsName: 'odd(name).contoso.com',
			riskScore: 'None',
			rbacGroupId: 7,
			machineTags: ['a)b'],
		},
		{ id: 'm5', computerDnsName: null, riskScore: 'None', rbacGroupId: 7, machineTags: [] },
	];
	const mde = (filter: string): string[] =>
		machines
			.filter(
				compileFilter(filter, MACHINE_SCHEMA, { includeEvolved: true, stringFunctions: true }),
			)
			.map((m) => m.id);

	it('matches prefixes, suffixes and substrings, case-insensitively, skipping nulls', () => {
		expect(mde("startswith(computerDnsName, 'web-')")).toEqual(['m1']);
		expect(mde("startswith(computerDnsName, 'sql')")).toEqual(['m3']);
		expect(mde("endswith(computerDnsName, '.contoso.com')")).toEqual(['m1', 'm2', 'm4']);
		expect(mde("contains(computerDnsName, 'LAPTOP')")).toEqual(['m2']);
		expect(mde("contains(computerDnsName, '')")).toEqual(['m1', 'm2', 'm3', 'm4']);
		expect(mde("StartsWith(computerDnsName, 'web')")).toEqual(['m1']);
	});

	it('combines with and/or/not, eq true/false, and works inside any()', () => {
		expect(mde("endswith(computerDnsName, 'contoso.com') and riskScore eq 'High'")).toEqual(['m1']);
		expect(mde("not endswith(computerDnsName, 'contoso.com')")).toEqual(['m3', 'm5']);
		expect(mde("startswith(computerDnsName, 'web') eq false and rbacGroupId eq 7")).toEqual([
			'm4',
			'm5',
		]);
		expect(
			mde("startswith(computerDnsName, 'web') eq true or contains(computerDnsName, 'sql')"),
		).toEqual(['m1', 'm3']);
		expect(mde("startswith(computerDnsName, 'web') ne true and rbacGroupId eq 7")).toEqual([
			'm4',
			'm5',
		]);
		expect(mde("machineTags/any(t: startswith(t, 'fin'))")).toEqual(['m1']);
		expect(mde("machineTags/any(t: contains(t, 'machine') or t eq 'VIP')")).toEqual(['m1', 'm2']);
	});

	it('treats quotes and parentheses inside the string as data', () => {
		expect(mde("startswith(computerDnsName, 'o''neil')")).toEqual(['m2']);
		expect(mde("contains(computerDnsName, '(name)')")).toEqual(['m4']);
		expect(mde("contains(computerDnsName, ')')")).toEqual(['m4']);
		expect(mde("machineTags/any(t: endswith(t, ')b'))")).toEqual(['m4']);
		expect(mde("contains(computerDnsName, 'x'') or startswith(computerDnsName, ''')")).toEqual([]);
		expect(mde("startswith(computerDnsName, ''' or 1 eq 1 or ''')")).toEqual([]);
	});

	it.each([
		[
			"startswith(computerDnsName, 'x'",
			/expected '\)' after the second argument of startswith\(\)/,
		],
		["startswith(computerDnsName 'x')", /expected ',' between the two arguments of startswith\(\)/],
		['startswith(computerDnsName)', /expected ',' between the two arguments/],
		["startswith(computerDnsName, 'a', 'b')", /expected '\)' after the second argument/],
		[
			"startswith('web', computerDnsName)",
			/expected a property name as the first argument of startswith\(\)/,
		],
		["startswith(tolower(computerDnsName), 'web')", /expected ',' between the two arguments/],
		["startswith((computerDnsName), 'web')", /expected a property name as the first argument/],
		['startswith(computerDnsName, web)', /quote strings with single quotes/],
		['startswith(computerDnsName, 3)', /second argument of startswith\(\) must be a quoted string/],
		["endswith(computerDnsName, 'x') eq 'yes'", /compare it with true or false/],
		["startswith(nope, 'x')", /Could not find a property named 'nope'/],
		["contains(osVersion, 'x')", /'osVersion' cannot be used in the \$filter/],
		[
			"contains(machineTags, 'VIP')",
			/collection; filter it with machineTags\/any\(x: contains\(x, 'value'\)\)/,
		],
		[
			"startswith(rbacGroupId, '7')",
			/needs a string property; 'rbacGroupId' is of type 'Edm.Int64'/,
		],
		["startswith(computerDnsName, 'x'); DROP TABLE machines", /character ';' is not valid/],
		["substring(computerDnsName, 1) eq 'eb'", /unknown function with name 'substring'/],
		["startswith(computerDnsName, '\u0000') ${x}", /not valid/],
	])('rejects %s with a clear message', (filter, message) => {
		expect(errorOf(() => mde(filter))).toMatch(message);
	});

	it('fails fast on hostile sizes built from functions', () => {
		const wide = Array.from({ length: 120 }, () => "contains(computerDnsName, 'a')").join(' or ');
		expect(errorOf(() => mde(wide))).toMatch(/node count limit of '100'/);
		const nested = `${'('.repeat(60)}startswith(computerDnsName, 'a')${')'.repeat(60)}`;
		expect(errorOf(() => mde(nested))).toMatch(/recursion limit/);
		const long = `contains(computerDnsName, '${'a'.repeat(MAX_FILTER_LENGTH)}')`;
		expect(errorOf(() => mde(long))).toMatch(/limit is 8000/);
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
