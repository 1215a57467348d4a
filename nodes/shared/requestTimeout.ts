import type { INodeProperties } from 'n8n-workflow';

/** The Request Timeout (Seconds) option both nodes offer; `after` says what happens past it. */
export function requestTimeoutOption(after: string): INodeProperties {
	return {
		displayName: 'Request Timeout (Seconds)',
		name: 'requestTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 600 },
		default: 60,
		description: `How long to wait for one API answer; a call that takes longer is retried${after}`,
	};
}
