import { DefenderError } from '../../../lib/errors';
import { errorFromResponse, parseApiErrorBody } from '../../../lib/http/graphErrors';
import { requiredPermission } from '../../../lib/http/permissions';
import type { HttpMethod, HttpResponse } from '../../../lib/ports';

const GRAPH = 'https://graph.microsoft.com/v1.0';
const MDE = 'https://api.securitycenter.microsoft.com/api';
const CONSENT = 'grant admin consent in Entra ID > App registrations > API permissions';

function response(
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): HttpResponse {
	return { status, headers, body };
}

const graphBody = (code: string, message: string) => ({
	error: { code, message, innerError: { date: '2025-01-11T19:43:26', 'request-id': 'req-123' } },
});

describe('errorFromResponse: status to kind', () => {
	it.each([
		[400, 'validation'],
		[401, 'auth'],
		[403, 'forbidden'],
		[404, 'notFound'],
		[405, 'validation'],
		[409, 'conflict'],
		[412, 'validation'],
		[422, 'validation'],
		[429, 'throttled'],
		[500, 'server'],
		[502, 'server'],
		[503, 'server'],
		[504, 'server'],
	])('%i becomes %s', (status, kind) => {
		const error = errorFromResponse(response(status, graphBody('Some', 'text')), {
			method: 'GET',
			url: `${GRAPH}/security/alerts_v2/a1`,
		});
		expect(error).toBeInstanceOf(DefenderError);
		expect(error.kind).toBe(kind);
		expect(error.status).toBe(status);
	});
});

describe('errorFromResponse: body shapes', () => {
	it('reads the Graph shape with innerError', () => {
		const error = errorFromResponse(response(404, graphBody('NotFound', 'Alert not found')), {
			method: 'GET',
			url: `${GRAPH}/security/alerts_v2/a1`,
		});
		expect(error.toJSON()).toEqual({
			kind: 'notFound',
			message: 'The alert was not found (404 Not Found).',
			status: 404,
			code: 'NotFound',
			requestId: 'req-123',
			hint: 'Check the ID, and that the alert belongs to the tenant and cloud of this credential.',
			retryAfterMs: undefined,
			apiMessage: 'Alert not found',
		});
	});

	it('reads lower-case innererror and an empty code', () => {
		const body = {
			error: {
				code: '',
				message:
					"The query specified in the URI is not valid. The limit of '50' for Top query has been exceeded.",
				details: [],
				innererror: { 'request-id': '65fe78a8-0000', 'client-request-id': '65fe78a8-0000' },
			},
		};
		const error = errorFromResponse(response(400, body), {
			method: 'GET',
			url: `${GRAPH}/security/incidents`,
		});
		expect(error.kind).toBe('validation');
		expect(error.code).toBeUndefined();
		expect(error.requestId).toBe('65fe78a8-0000');
		expect(error.apiMessage).toContain("The limit of '50' for Top query");
	});

	it('reads the MDE shape, whose target is the request id', () => {
		const body = {
			error: {
				code: 'ResourceNotFound',
				message: 'Machine 123123123 was not found',
				target: '43f4cb08-8fac-4b65-9db1-745c2ae65f3a',
			},
		};
		const error = errorFromResponse(response(404, body), {
			method: 'GET',
			url: `${MDE}/machines/123123123`,
		});
		expect(error).toMatchObject({
			kind: 'notFound',
			code: 'ResourceNotFound',
			requestId: '43f4cb08-8fac-4b65-9db1-745c2ae65f3a',
			apiMessage: 'Machine 123123123 was not found',
			message: 'The machine was not found (404 Not Found).',
		});
	});

	it('parses a JSON body delivered as text and falls back to the request-id header', () => {
		const error = errorFromResponse(
			response(409, JSON.stringify({ error: { code: 'Conflict', message: 'busy' } }), {
				'request-id': 'hdr-1',
			}),
		);
		expect(error).toMatchObject({ kind: 'conflict', code: 'Conflict', requestId: 'hdr-1' });
	});

	it('ignores an HTML error page', () => {
		const error = errorFromResponse(response(502, '<html><body>Bad gateway</body></html>'));
		expect(error.kind).toBe('server');
		expect(error.apiMessage).toBeUndefined();
	});

	it('handles an empty body', () => {
		const error = errorFromResponse(response(500, undefined));
		expect(error).toMatchObject({ kind: 'server', status: 500, apiMessage: undefined });
	});

	it('puts Retry-After on a 429 and names it in the hint', () => {
		const error = errorFromResponse(
			response(429, graphBody('TooManyRequests', 'Please retry again later.'), {
				'retry-after': '2.128',
			}),
		);
		expect(error.retryAfterMs).toBe(2128);
		expect(error.hint).toBe('Retry after 3 s, or lower the request rate.');
	});
});

describe('errorFromResponse: secrets never reach the error', () => {
	const jwt =
		'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJlLXBhcnQ';

	it('redacts bearer tokens, JWTs and client secrets from apiMessage', () => {
		const message = `Token ${jwt} rejected; request had Authorization: Bearer ${jwt} and client_secret=test-secret-value&x=1`;
		const error = errorFromResponse(
			response(401, graphBody('InvalidAuthenticationToken', message)),
		);
		const json = JSON.stringify(error);
		expect(json).not.toContain('eyJ0eXAi');
		expect(json).not.toContain('test-secret-value');
		expect(error.apiMessage).toContain('client_secret=[redacted]');
		expect(error.kind).toBe('auth');
	});

	it('cuts apiMessage to 300 characters', () => {
		const error = errorFromResponse(response(400, graphBody('BadRequest', 'x'.repeat(1000))));
		expect(error.apiMessage).toHaveLength(300);
		expect(error.apiMessage?.endsWith('…')).toBe(true);
	});
});

describe('403 hints name the permission for the route', () => {
	const cases: Array<[HttpMethod, string, string]> = [
		[
			'GET',
			`${GRAPH}/security/alerts_v2`,
			'Microsoft Graph application permission SecurityAlert.Read.All',
		],
		['GET', `${GRAPH}/security/alerts_v2/a1`, 'SecurityAlert.Read.All'],
		['PATCH', `${GRAPH}/security/alerts_v2/a1`, 'SecurityAlert.ReadWrite.All'],
		['POST', `${GRAPH}/security/alerts_v2/a1/comments`, 'SecurityAlert.ReadWrite.All'],
		['GET', `${GRAPH}/security/incidents?$expand=alerts`, 'SecurityIncident.Read.All'],
		['GET', `${GRAPH}/security/incidents/5/alerts`, 'SecurityIncident.Read.All'],
		['PATCH', `${GRAPH}/security/incidents/5`, 'SecurityIncident.ReadWrite.All'],
		['POST', `${GRAPH}/security/incidents/5/comments`, 'SecurityIncident.ReadWrite.All'],
		['POST', `${GRAPH}/security/runHuntingQuery`, 'ThreatHunting.Read.All'],
		['GET', `${MDE}/machines`, 'WindowsDefenderATP application permission Machine.Read.All'],
		['GET', `${MDE}/machineactions/abc`, 'Machine.Read.All'],
		['POST', `${MDE}/machines/abc/isolate`, 'Machine.Isolate'],
		['POST', `${MDE}/machines/abc/unisolate`, 'Machine.Isolate'],
		['POST', `${MDE}/machines/abc/runAntiVirusScan`, 'Machine.Scan'],
		['POST', `${MDE}/machines/abc/restrictCodeExecution`, 'Machine.RestrictExecution'],
		['POST', `${MDE}/machines/abc/collectInvestigationPackage`, 'Machine.CollectForensics'],
		['POST', `${MDE}/machines/abc/StopAndQuarantineFile`, 'Machine.StopAndQuarantine'],
		['POST', `${MDE}/machines/abc/offboard`, 'Machine.Offboard'],
		['POST', `${MDE}/indicators`, 'Ti.ReadWrite.All'],
		['DELETE', `${MDE}/indicators/995`, 'Ti.ReadWrite.All'],
	];

	it.each(cases)('%s %s needs %s', (method, url, permission) => {
		const error = errorFromResponse(response(403, graphBody('Forbidden', 'Missing role')), {
			method,
			url,
		});
		expect(error.kind).toBe('forbidden');
		expect(error.hint).toContain(permission);
		expect(error.hint).toContain(CONSENT);
	});

	it('gives a generic hint for an unknown route', () => {
		const error = errorFromResponse(response(403, {}), { method: 'GET', url: `${GRAPH}/me` });
		expect(error.hint).toBe(
			`The app registration lacks the application permission for this call: add it, then ${CONSENT}.`,
		);
	});

	it('works on relative batch URLs', () => {
		expect(requiredPermission('PATCH', '/security/incidents/9')).toEqual({
			api: 'Microsoft Graph',
			permission: 'SecurityIncident.ReadWrite.All',
		});
	});
});

describe('parseApiErrorBody', () => {
	it('reads an OAuth-style error', () => {
		expect(
			parseApiErrorBody({ error: 'invalid_token', error_description: 'The token is expired' }),
		).toEqual({ code: 'invalid_token', message: 'The token is expired' });
	});

	it('returns nothing for unrelated bodies', () => {
		expect(parseApiErrorBody({ value: [] })).toEqual({});
		expect(parseApiErrorBody(undefined)).toEqual({});
	});
});
