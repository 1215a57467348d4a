/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test harness, not shipped */
/**
 * Everything an end-to-end scenario or the demo needs: the emulator (a seeded tenant), a real
 * n8n with this package installed as a community package, and credentials pointing n8n at the
 * emulator through the Custom cloud. stop() tears down whatever was started.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import { emulatorCredentialFields } from '../../nodes/emulatorCredential';
import { N8nInstance } from './n8n';
import { installPackage } from './package';
import { ensureRuntime } from './runtime';

export interface CredentialRef {
	id: string;
	name: string;
	/** What the credential was created with (tests send it back to the credential-test endpoint). */
	data: Record<string, unknown>;
}

export interface Stack {
	emulator: RunningEmulator;
	n8n: N8nInstance;
	credentials: { defenderXdrApi: CredentialRef; defenderWebhookApi: CredentialRef; httpHeaderAuth: CredentialRef };
	/** Key the forwarder sends to the Defender Trigger webhook. */
	webhookKey: string;
	/** Header the case system sends to the case-closed webhook (n8n's Header Auth credential). */
	caseSystemHeader: { name: string; value: string };
	userFolder: string;
	stop(): Promise<void>;
}

export interface StackOptions {
	emulator?: EmulatorOptions;
	/** Keep this folder (the demo); default: a fresh temporary folder removed on stop. */
	userFolder?: string;
	n8nPort?: number;
	n8nEnv?: Record<string, string>;
}

export const CREDENTIAL_NAMES = {
	defenderXdrApi: 'Microsoft Defender XDR account',
	defenderWebhookApi: 'Defender webhook key',
	httpHeaderAuth: 'Case system webhook key',
};

async function createCredential(
	n8n: N8nInstance,
	type: string,
	name: string,
	data: Record<string, unknown>,
): Promise<CredentialRef> {
	const response = await n8n.api().post('/credentials', { name, type, data });
	if (response.status !== 200) {
		throw new Error(`creating the ${type} credential failed: ${response.status} ${JSON.stringify(response.data)}`);
	}
	return { id: String(response.data.id), name, data };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
	const started: Array<() => Promise<void>> = [];
	const stop = async () => {
		for (const step of started.reverse()) await step().catch(() => undefined);
	};
	try {
		const emulator = await startEmulator({ alerts: 0, ...options.emulator });
		started.push(() => emulator.stop());

		const runtime = ensureRuntime();
		const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'defender-xdr-n8n-'));
		if (!options.userFolder) started.push(async () => rmSync(userFolder, { recursive: true, force: true }));
		installPackage(userFolder);

		const n8n = await N8nInstance.start({ runtime, userFolder, port: options.n8nPort, env: options.n8nEnv });
		started.push(() => n8n.stop());
		await n8n.setUp();

		const webhookKey = randomBytes(24).toString('hex');
		const caseSystemHeader = { name: 'x-case-system-key', value: randomBytes(24).toString('hex') };
		const credentials = {
			defenderXdrApi: await createCredential(
				n8n,
				'defenderXdrApi',
				CREDENTIAL_NAMES.defenderXdrApi,
				emulatorCredentialFields(emulator),
			),
			defenderWebhookApi: await createCredential(
				n8n,
				'defenderWebhookApi',
				CREDENTIAL_NAMES.defenderWebhookApi,
				{ apiKey: webhookKey },
			),
			httpHeaderAuth: await createCredential(
				n8n,
				'httpHeaderAuth',
				CREDENTIAL_NAMES.httpHeaderAuth,
				caseSystemHeader,
			),
		};
		return { emulator, n8n, credentials, webhookKey, caseSystemHeader, userFolder, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
