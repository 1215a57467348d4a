import {
	NodeConnectionTypes,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { triggerProperties } from './description';
import { fetchTestEvents } from './manual';
import { overlappingPolls, triggerKey } from './overlappingPolls';
import { pollDefender } from './poll';
import { receiveWebhook } from './webhook';

const MIN_WEBHOOK_KEY_LENGTH = 24;

/**
 * One trigger, two modes. Polling: n8n schedules poll() and the cursor lives in static data.
 * Webhook: the webhook is only registered when the mode is webhook (its HTTP method evaluates to
 * '' otherwise), poll() returns null, and execute() passes the received items through so the
 * editor's test webhook works. execute() also serves "Fetch Test Event" in Polling mode.
 */
export class DefenderTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Defender Trigger',
		name: 'defenderTrigger',
		icon: { light: 'file:../../icons/defender.svg', dark: 'file:../../icons/defender.dark.svg' },
		group: ['trigger'],
		version: [1],
		subtitle:
			'={{$parameter["mode"] === "webhook" ? "Webhook" : ($parameter["resource"] === "incidents" ? "Incidents" : "Alerts")}}',
		description:
			'Starts the workflow for Microsoft Defender XDR alerts or incidents, each version exactly once',
		defaults: { name: 'Defender Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'defenderXdrApi', required: true, displayOptions: { show: { mode: ['poll'] } } },
			{
				name: 'defenderWebhookApi',
				required: true,
				displayOptions: { show: { mode: ['webhook'] } },
				testedBy: 'defenderWebhookKeyStrength',
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: '={{$parameter["mode"] === "webhook" ? "POST" : ""}}',
				path: '={{$parameter["path"]}}',
				responseMode: 'onReceived',
				responseData: '',
				ndvHideUrl: '={{$parameter["mode"] !== "webhook"}}',
			},
		],
		properties: triggerProperties,
	};

	methods = {
		credentialTest: {
			async defenderWebhookKeyStrength(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const key = credential.data?.apiKey;
				if (typeof key !== 'string' || key.trim().length < MIN_WEBHOOK_KEY_LENGTH) {
					return {
						status: 'Error',
						message: `Use a random key of at least ${MIN_WEBHOOK_KEY_LENGTH} characters.`,
					};
				}
				return {
					status: 'OK',
					message: 'The key is long enough. Give the same key to the forwarder.',
				};
			},
		},
	};

	// A forwarder posts to the URL; there is nothing to register with Microsoft (graph-api.md §9).
	webhookMethods = {
		default: {
			async checkExists(): Promise<boolean> {
				return true;
			},
			async create(): Promise<boolean> {
				return true;
			},
			async delete(): Promise<boolean> {
				return true;
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('mode') !== 'poll') return null;
		return await pollDefender.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const polling = this.getNodeParameter('mode', 0) === 'poll';
		if (this.getMode() === 'manual' && polling) return [await fetchTestEvents.call(this)];
		const items = this.getInputData();
		if (polling) {
			// The page a poll emitted starts this execution: n8n took it (see overlappingPolls).
			overlappingPolls.pageStarted(
				triggerKey(this.getWorkflow().id, this.getNode().id),
				items.map((item) => item.json),
			);
		}
		return [items];
	}
}
