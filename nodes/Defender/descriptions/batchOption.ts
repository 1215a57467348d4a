import type { INodeProperties } from 'n8n-workflow';

/** Shared by every operation that writes, so one execution over many items can use JSON $batch. */
export const batchRequestsOption: INodeProperties = {
	displayName: 'Batch Requests',
	name: 'batchRequests',
	type: 'boolean',
	default: true,
	description:
		'Whether to send the requests of all input items through Microsoft Graph JSON batching (20 per request) instead of one request each. The value of the first item applies to the whole run.',
};
