/**
 * The error paths of the secrets sweep: token errors, every API error class, transport faults and
 * the node's own parameter checks. Each runs once with Continue On Fail (an error item) and once
 * without (a failed execution).
 */
import type { FaultSpec } from '../../emulator';

export type SweepCredential =
	| 'secret'
	| 'certificate'
	| 'wrongSecret'
	| 'noRoles'
	| 'outage'
	| 'outageReset';

export interface ErrorCase {
	label: string;
	credential: SweepCredential;
	parameters: Record<string, unknown>;
	/** Added before the run and cleared after it. */
	faults?: FaultSpec[];
}

const alertList = { resource: 'alert', operation: 'getMany', returnAll: false, limit: 2 };
const incidentList = { resource: 'incident', operation: 'getMany', returnAll: false, limit: 2 };
const deviceList = { resource: 'device', operation: 'getMany', returnAll: false, limit: 2 };
const ALERTS = '/v1.0/security/alerts_v2';
const INCIDENTS = '/v1.0/security/incidents';
const TOKEN = '^/[^/]+/oauth2/v2.0/token';
/** Enough to outlast every retry. */
const ALWAYS = 1000;

export const ERROR_CASES: ErrorCase[] = [
	{
		label: 'wrong client secret (AADSTS7000215)',
		credential: 'wrongSecret',
		parameters: alertList,
	},
	// Credentials that hold no token yet, so the node has to reach the token endpoint.
	{
		label: 'token endpoint outage (503)',
		credential: 'outage',
		parameters: alertList,
		faults: [{ path: TOKEN, status: 503, retryAfter: '0', times: ALWAYS }],
	},
	{
		label: 'token endpoint resets',
		credential: 'outageReset',
		parameters: deviceList,
		faults: [{ path: TOKEN, reset: true, times: ALWAYS }],
	},
	{
		label: '401 that survives a new token',
		credential: 'secret',
		parameters: alertList,
		faults: [{ path: ALERTS, status: 401, times: ALWAYS }],
	},
	{ label: '403 Graph (app without roles)', credential: 'noRoles', parameters: alertList },
	{
		label: '403 Defender for Endpoint (app without roles)',
		credential: 'noRoles',
		parameters: deviceList,
	},
	{
		label: '404 alert',
		credential: 'certificate',
		parameters: { resource: 'alert', operation: 'get', alertId: 'da000000000000000000_-1' },
	},
	{
		label: '404 device',
		credential: 'secret',
		parameters: {
			resource: 'device',
			operation: 'get',
			deviceId: 'ffffffffffffffffffffffffffffffffffffffff',
		},
	},
	{
		label: '400 hunting query',
		credential: 'certificate',
		parameters: {
			resource: 'hunting',
			operation: 'runQuery',
			query: 'NoSuchTable | take 1',
			output: 'rows',
		},
	},
	{
		label: '400 validation',
		credential: 'secret',
		parameters: { resource: 'indicator', operation: 'getMany', returnAll: false, limit: 2 },
		faults: [
			{
				path: '/api/indicators',
				status: 400,
				code: 'InvalidRequestBody',
				message: 'Request body is incorrect',
				times: ALWAYS,
			},
		],
	},
	{
		label: '429 retries exhausted',
		credential: 'secret',
		parameters: alertList,
		faults: [{ path: ALERTS, status: 429, retryAfter: '0', times: ALWAYS }],
	},
	{
		label: '500',
		credential: 'certificate',
		parameters: incidentList,
		faults: [{ path: INCIDENTS, status: 500, times: ALWAYS }],
	},
	{
		label: '503',
		credential: 'secret',
		parameters: deviceList,
		faults: [{ path: '/api/machines', status: 503, retryAfter: '0', times: ALWAYS }],
	},
	{
		label: 'connection reset',
		credential: 'certificate',
		parameters: alertList,
		faults: [{ path: ALERTS, reset: true, times: ALWAYS }],
	},
	{
		label: 'malformed JSON',
		credential: 'secret',
		parameters: incidentList,
		faults: [{ path: INCIDENTS, malformed: true, times: ALWAYS }],
	},
	// Expressions that come out empty: n8n's own required-parameter check passes, the node's must not.
	{
		label: 'parameter: empty alert id',
		credential: 'secret',
		parameters: { resource: 'alert', operation: 'get', alertId: '={{ $json.missing }}' },
	},
	{
		label: 'parameter: non-numeric incident id',
		credential: 'certificate',
		parameters: { resource: 'incident', operation: 'get', incidentId: 'INC-abc' },
	},
	{
		label: 'parameter: invalid indicator value',
		credential: 'certificate',
		parameters: {
			resource: 'indicator',
			operation: 'create',
			action: 'Block',
			indicatorValue: 'not-an-ip',
			indicatorType: 'IpAddress',
			title: 't',
			indicatorDescription: 'd',
		},
	},
	{
		label: 'parameter: no device ids',
		credential: 'secret',
		parameters: {
			resource: 'device',
			operation: 'isolate',
			deviceIds: '={{ $json.missing }}',
			comment: 'c',
			isolationType: 'Full',
		},
	},
];
