import { DefenderXdrApi } from '../../credentials/DefenderXdrApi.credentials';
import type { RunningEmulator } from '../emulator';

/** The fields a user fills in to point the credential at the emulator (Custom cloud). */
export function emulatorCredentialFields(emulator: RunningEmulator): Record<string, string> {
	return {
		cloud: 'custom',
		loginHost: emulator.url,
		graphBaseUrl: emulator.graphBaseUrl,
		mdeBaseUrl: emulator.mdeBaseUrl,
		tenantId: emulator.tenantId,
		clientId: emulator.defaultClient.clientId,
		authentication: 'clientSecret',
		clientSecret: emulator.defaultClient.clientSecret,
	};
}

/** The credential entry for the jest n8n harness: fields plus the empty hidden token fields. */
export function emulatorCredential(emulator: RunningEmulator, overrides: Record<string, string> = {}) {
	return {
		type: new DefenderXdrApi(),
		data: {
			...emulatorCredentialFields(emulator),
			graphAccessToken: '',
			mdeAccessToken: '',
			tokenExpiry: '',
			...overrides,
		},
	};
}
