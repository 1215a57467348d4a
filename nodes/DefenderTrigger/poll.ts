import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { isDefenderError } from '../../lib/errors';
import {
	parseState,
	runPoll,
	type PollState,
	type TriggerEvent,
	type TriggerResource,
} from '../../lib/poll';
import { buildDefenderClient } from '../shared/client';
import { toNodeError } from '../shared/errors';
import { readPollParameters } from './params';
import { incidentEnricherFor, pageSourceFor } from './source';

/** Errors worth a failed execution on any poll: they will not fix themselves. */
const LOUD_KINDS = new Set(['auth', 'forbidden', 'validation', 'notFound']);

function storeState(staticData: IDataObject, state: PollState): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, state);
}

/**
 * One scheduled poll. The cursor lives in the node's static data, which n8n saves when this
 * returns items; a failed poll leaves the stored state untouched, so nothing is skipped.
 */
export async function pollDefender(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const staticData = this.getWorkflowStaticData('node');
	const parsed = parseState(staticData);
	if (parsed.warning) this.logger.warn(`Defender Trigger: ${parsed.warning}`);
	const firstPoll = parsed.state.cursor === undefined;
	try {
		const params = readPollParameters(
			this.getNodeParameter('resource') as TriggerResource,
			this.getNodeParameter('event') as TriggerEvent,
			this.getNodeParameter('filters', {}) as IDataObject,
			this.getNodeParameter('options', {}) as IDataObject,
		);
		const client = await buildDefenderClient(this, { requestTimeoutMs: params.requestTimeoutMs });
		const result = await runPoll({
			state: parsed.state,
			options: params.options,
			now: Date.now(),
			source: pageSourceFor(client),
			enrich:
				params.options.resource === 'incidents' && params.fetchIncidentAlerts
					? incidentEnricherFor(client)
					: undefined,
			logger: { debug: (m) => this.logger.debug(m), warn: (m) => this.logger.warn(m) },
		});
		storeState(staticData, result.nextState);
		if (result.items.length === 0) return null;
		return [this.helpers.returnJsonArray(result.items as IDataObject[])];
	} catch (error) {
		const loud = firstPoll || !isDefenderError(error) || LOUD_KINDS.has(error.kind);
		if (loud) throw toNodeError(this.getNode(), error);
		// Throttling, 5xx, network: the cursor stays put and the next poll reads the same window.
		this.logger.warn(
			`Defender Trigger: poll failed, will retry on the next poll (${error.message})`,
			{
				kind: error.kind,
				status: error.status,
			},
		);
		return null;
	}
}
