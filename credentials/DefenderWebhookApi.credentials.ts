import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The shared key a forwarder (Logic App, Sentinel automation rule, Event Hub consumer) sends to the
 * Defender Trigger in webhook mode. It lives in a credential because n8n stores node parameters in
 * plain text and credentials encrypted.
 */
export class DefenderWebhookApi implements ICredentialType {
	name = 'defenderWebhookApi';

	displayName = 'Defender Webhook API';

	icon: Icon = { light: 'file:../icons/defender.svg', dark: 'file:../icons/defender.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-defender-xdr/n8n-nodes-defender-xdr#webhook-mode';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Random value of at least 24 characters. The forwarder sends it as the x-api-key header or as Authorization: Bearer <key>.',
		},
	];
}
