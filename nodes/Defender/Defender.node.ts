import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { versionProperties } from './actions/versionDescription';

/** Shell: the description and the router; each operation lives in actions/<resource>/. */
export class Defender implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Defender',
		name: 'defender',
		icon: { light: 'file:../../icons/defender.svg', dark: 'file:../../icons/defender.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Triage Microsoft Defender XDR alerts and incidents, act on devices within guardrails, manage and sync indicators, run advanced hunting, read vulnerabilities and software, and sync closed cases back to Defender',
		defaults: { name: 'Defender' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'defenderXdrApi', required: true }],
		properties: versionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
