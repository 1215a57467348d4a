/**
 * Runs the Defender node in the jest harness against nock: the real credential adds the token,
 * the real lib client sends the requests, nock answers as Graph would.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DefenderXdrApi } from '../../../credentials/DefenderXdrApi.credentials';
import { Defender } from '../../../nodes/Defender/Defender.node';
import { createContext } from '../n8nHarness';

export const GRAPH_HOST = 'https://graph.example.test';
export const GRAPH = `${GRAPH_HOST}/v1.0`;
export const LOGIN = 'https://login.example.test';
export const TENANT = '11111111-2222-3333-4444-555555555555';
export const GRAPH_TOKEN = 'test-graph-token';
export const SECRET = 'test-secret-value';

export const ALERT_ID = 'da637865765418431569_-773071023';

const FAR_FUTURE = Date.now() + 24 * 3600_000;

/** Credential data with a fresh Graph token, so no token request is made unless a test wants one. */
export function credentialData(
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		cloud: 'custom',
		loginHost: LOGIN,
		graphBaseUrl: GRAPH,
		mdeBaseUrl: 'https://mde.example.test/api',
		tenantId: TENANT,
		clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
		authentication: 'clientSecret',
		clientSecret: SECRET,
		graphAccessToken: GRAPH_TOKEN,
		mdeAccessToken: 'test-mde-token',
		tokenExpiry: JSON.stringify({ graph: FAR_FUTURE, mde: FAR_FUTURE }),
		...overrides,
	};
}

export interface RunOptions {
	parameters: Record<string, unknown>;
	items?: IDataObject[];
	itemParameters?: Array<Record<string, unknown>>;
	continueOnFail?: boolean;
	credential?: ICredentialDataDecryptedObject;
}

export async function runNode(options: RunOptions): Promise<INodeExecutionData[]> {
	const { context } = createContext({
		parameters: options.parameters,
		itemParameters: options.itemParameters,
		items: (options.items ?? [{}]).map((json) => ({ json })),
		continueOnFail: options.continueOnFail,
		credentials: {
			defenderXdrApi: { type: new DefenderXdrApi(), data: options.credential ?? credentialData() },
		},
	});
	const output = await new Defender().execute.call(context as never);
	expect(output).toHaveLength(1);
	return output[0] as INodeExecutionData[];
}

/** Runs the node and returns the error it throws (fails the test if it does not throw). */
export async function runNodeError(options: RunOptions): Promise<Error & IDataObject> {
	let caught: unknown;
	try {
		await runNode(options);
	} catch (error) {
		caught = error;
	}
	if (!(caught instanceof Error)) throw new Error('Expected the node to throw');
	return caught as Error & IDataObject;
}

/** Graph on nock, insisting on the token and the Prefer header every call must carry. */
export function graph(): nock.Scope {
	return nock(GRAPH_HOST, {
		reqheaders: {
			authorization: `Bearer ${GRAPH_TOKEN}`,
			prefer: 'include-unknown-enum-members',
		},
	});
}

export function alert(id: string, fields: IDataObject = {}): IDataObject {
	return {
		'@odata.type': '#microsoft.graph.security.alert',
		id,
		title: `Alert ${id}`,
		status: 'new',
		severity: 'medium',
		classification: null,
		determination: null,
		assignedTo: null,
		comments: [],
		...fields,
	};
}

export function incident(id: string, fields: IDataObject = {}): IDataObject {
	return {
		'@odata.type': '#microsoft.graph.security.incident',
		id,
		displayName: `Incident ${id}`,
		status: 'active',
		severity: 'high',
		classification: 'unknown',
		determination: 'unknown',
		assignedTo: null,
		customTags: [],
		comments: [],
		...fields,
	};
}

export function commentList(...texts: string[]): IDataObject {
	return {
		value: texts.map((comment, i) => ({
			comment,
			createdByDisplayName: 'Defender n8n app',
			createdDateTime: `2026-01-0${i + 1}T10:00:00.0000000Z`,
		})),
	};
}

/** Graph's error shape (graph-api.md §10.1). */
export function graphError(code: string, message: string): IDataObject {
	return {
		error: {
			code,
			message,
			innerError: { 'request-id': 'req-0001', date: '2026-01-01T00:00:00' },
		},
	};
}

export interface BatchCall {
	requests: Array<{
		id: string;
		method: string;
		url: string;
		body?: IDataObject;
		headers?: IDataObject;
	}>;
}

/**
 * Answers $batch calls with `respond` per inner request and records every call, so a test can
 * count calls and check what each carried. Answers come in reverse order, as Graph may.
 */
export function batchEndpoint(
	respond: (request: BatchCall['requests'][number]) => {
		status: number;
		body?: unknown;
		headers?: IDataObject;
	},
	times = 1,
): { calls: BatchCall[]; scope: nock.Scope } {
	const calls: BatchCall[] = [];
	const scope = graph()
		.post('/v1.0/$batch')
		.times(times)
		.reply(200, (_uri, body) => {
			const call = body as BatchCall;
			calls.push(call);
			const responses = call.requests.map((request) => ({
				id: request.id,
				headers: { 'content-type': 'application/json' },
				...respond(request),
			}));
			return { responses: responses.reverse() };
		});
	return { calls, scope };
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

export function pairing(items: INodeExecutionData[]): unknown[] {
	return items.map((item) => item.pairedItem);
}
