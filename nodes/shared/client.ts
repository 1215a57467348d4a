import {
	sleep,
	type IExecuteFunctions,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { credentialEndpoints } from '../../lib/auth/credentialTokens';
import { DefenderClient } from '../../lib/client/DefenderClient';
import type { Logger } from '../../lib/ports';
import { CREDENTIAL_NAME, createN8nTransport } from './n8nTransport';

type ClientContext =
	| IExecuteFunctions
	| IPollFunctions
	| IWebhookFunctions
	| IHookFunctions
	| ILoadOptionsFunctions;

function loggerOf(context: ClientContext): Logger {
	return {
		debug: (message, meta) => context.logger.debug(message, meta),
		warn: (message, meta) => context.logger.warn(message, meta),
	};
}

export interface ClientSettings {
	/** Per request, from the node's "Request Timeout (Seconds)" option; default 60 s. */
	requestTimeoutMs?: number;
}

/** The lib client wired to n8n: its request helper (token from the credential), sleep and logger. */
export async function buildDefenderClient(
	context: ClientContext,
	settings: ClientSettings = {},
): Promise<DefenderClient> {
	const credentials = await context.getCredentials(CREDENTIAL_NAME);
	return new DefenderClient({
		transport: createN8nTransport(context),
		endpoints: credentialEndpoints(credentials),
		sleep,
		logger: loggerOf(context),
		requestTimeoutMs: settings.requestTimeoutMs,
	});
}
