/**
 * Just enough of n8n to run our nodes in jest: contexts for execute, poll and webhook, and an
 * authenticated request helper that behaves like n8n's (preAuthentication when the expirable field
 * is empty, the credential's authenticate(), one re-mint and retry on a 401). Requests are real
 * HTTP through axios, so nock or the emulator answer them; nothing of ours is mocked.
 */
import axios, { type AxiosRequestConfig } from 'axios';
import {
	NodeApiError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

export interface CredentialEntry {
	type: ICredentialType;
	data: ICredentialDataDecryptedObject;
}

export interface HarnessOptions {
	parameters?: Record<string, unknown>;
	/** Per-item parameter overrides: itemParameters[i][name]. */
	itemParameters?: Array<Record<string, unknown>>;
	items?: INodeExecutionData[];
	credentials?: Record<string, CredentialEntry>;
	continueOnFail?: boolean;
	mode?: 'manual' | 'trigger' | 'webhook' | 'internal';
	staticData?: IDataObject;
	node?: Partial<INode>;
	/** What getWorkflow() reports; a fixed test workflow by default. */
	workflowId?: string;
}

export interface RequestLogEntry {
	method: string;
	url: string;
	tokenRequest: boolean;
}

function axiosConfig(options: IHttpRequestOptions): AxiosRequestConfig {
	const url = options.baseURL
		? `${options.baseURL.replace(/\/$/, '')}/${options.url.replace(/^\//, '')}`
		: options.url;
	return {
		method: options.method ?? 'GET',
		url,
		params: options.qs,
		headers: options.headers as Record<string, string>,
		data: options.body,
		timeout: options.timeout ?? 30_000,
		validateStatus: () => true,
		responseType: 'text',
		transformResponse: [(data) => data],
	};
}

/** Like axios in n8n: JSON when it parses, the text otherwise. */
function parseBody(text: unknown): unknown {
	if (typeof text !== 'string' || text === '') return text === '' ? undefined : text;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The plain helper (n8n's `helpers.httpRequest`). Non-2xx throws like n8n unless told not to. */
export async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const response = await axios.request(axiosConfig(options));
	const body = parseBody(response.data);
	const headers = Object.fromEntries(
		Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
	);
	if ((response.status < 200 || response.status > 299) && !options.ignoreHttpStatusErrors) {
		const error = new Error(`Request failed with status code ${response.status}`) as Error & {
			response: unknown;
		};
		error.response = { status: response.status, headers, data: body };
		throw error;
	}
	if (options.returnFullResponse) {
		return { statusCode: response.status, headers, body };
	}
	return body;
}

export class CredentialStore {
	readonly log: RequestLogEntry[] = [];

	constructor(private readonly entries: Record<string, CredentialEntry>) {}

	data(name: string): ICredentialDataDecryptedObject {
		const entry = this.entries[name];
		if (!entry) throw new Error(`No credential of type ${name} in this test`);
		return entry.data;
	}

	private expirableField(type: ICredentialType): string | undefined {
		return type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable)?.name;
	}

	private async preAuthenticate(entry: CredentialEntry): Promise<void> {
		if (!entry.type.preAuthentication) return;
		const log = this.log;
		const output = await entry.type.preAuthentication.call(
			{
				helpers: {
					httpRequest: async (options: IHttpRequestOptions) => {
						log.push({ method: options.method ?? 'GET', url: options.url, tokenRequest: true });
						return await httpRequest(options);
					},
				},
			} as never,
			entry.data,
		);
		Object.assign(entry.data, output);
	}

	/** n8n's httpRequestWithAuthentication, reduced to what matters for our credential. */
	async authenticatedRequest(
		name: string,
		options: IHttpRequestOptions,
		node: INode,
	): Promise<unknown> {
		const entry = this.entries[name];
		if (!entry) throw new Error(`No credential of type ${name} in this test`);
		const expirable = this.expirableField(entry.type);
		if (expirable && !entry.data[expirable]) {
			try {
				await this.preAuthenticate(entry);
			} catch (error) {
				throw new NodeApiError(node, error as JsonObject);
			}
		}
		const send = async () => {
			const authenticated =
				typeof entry.type.authenticate === 'function'
					? await entry.type.authenticate(entry.data, {
							...options,
							headers: { ...options.headers },
						})
					: options;
			this.log.push({ method: options.method ?? 'GET', url: options.url, tokenRequest: false });
			return await httpRequest(authenticated);
		};
		try {
			return await send();
		} catch (error) {
			const status = (error as { response?: { status?: number } }).response?.status;
			if (status === 401 && expirable) {
				try {
					await this.preAuthenticate(entry);
					return await send();
				} catch (retryError) {
					throw new NodeApiError(node, retryError as JsonObject);
				}
			}
			throw new NodeApiError(node, error as JsonObject);
		}
	}
}

const defaultNode: INode = {
	id: 'node-under-test',
	name: 'Node Under Test',
	type: 'n8n-nodes-defender-xdr.test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function readParameter(source: Record<string, unknown>, name: string): unknown {
	let current: unknown = source;
	for (const key of name.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

export interface WebhookReply {
	status?: number;
	body?: unknown;
}

/** A context object that satisfies what our nodes call on IExecuteFunctions / IPollFunctions / IWebhookFunctions. */
export function createContext(
	options: HarnessOptions & { body?: unknown; headers?: Record<string, string> } = {},
) {
	const node: INode = {
		...defaultNode,
		...options.node,
		parameters: (options.parameters ?? {}) as never,
	};
	const store = new CredentialStore(options.credentials ?? {});
	const staticData: IDataObject = options.staticData ?? {};
	const reply: WebhookReply = {};
	const warnings: string[] = [];
	const items = options.items ?? [{ json: {} }];

	const getNodeParameter = (name: string, itemIndexOrFallback?: unknown, fallback?: unknown) => {
		const itemIndex = typeof itemIndexOrFallback === 'number' ? itemIndexOrFallback : undefined;
		const fallbackValue = typeof itemIndexOrFallback === 'number' ? fallback : itemIndexOrFallback;
		const perItem = itemIndex !== undefined ? options.itemParameters?.[itemIndex] : undefined;
		const value =
			(perItem && readParameter(perItem, name)) ?? readParameter(options.parameters ?? {}, name);
		if (value === undefined) {
			if (fallbackValue !== undefined) return fallbackValue;
			throw new Error(`Parameter "${name}" is not set in this test`);
		}
		return value;
	};

	const context = {
		getNode: () => node,
		getNodeParameter,
		getInputData: () => items,
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async (name: string) => store.data(name),
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({
			id: options.workflowId ?? 'workflow-under-test',
			name: 'Workflow Under Test',
			active: true,
		}),
		getBodyData: () => options.body as IDataObject,
		getHeaderData: () => options.headers ?? {},
		getResponseObject: () => ({
			status(code: number) {
				reply.status = code;
				return this;
			},
			json(body: unknown) {
				reply.body = body;
				return this;
			},
			send(body: unknown) {
				reply.body = body;
				return this;
			},
			end() {
				return this;
			},
		}),
		logger: {
			debug: () => undefined,
			info: () => undefined,
			warn: (message: string) => warnings.push(message),
			error: (message: string) => warnings.push(message),
		},
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			httpRequest,
			async httpRequestWithAuthentication(name: string, requestOptions: IHttpRequestOptions) {
				return await store.authenticatedRequest(name, requestOptions, node);
			},
			constructExecutionMetaData: (
				data: INodeExecutionData[],
				meta: { itemData: { item: number } },
			) => data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
		},
	};
	return { context, store, staticData, reply, warnings };
}
