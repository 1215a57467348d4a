import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { isDefenderError } from '../../lib/errors';
import {
	parseState,
	RecentPollStates,
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

const recentPollStates = new RecentPollStates();

function pollScope(context: IPollFunctions): string {
	const node = context.getNode();
	return `${context.getWorkflow().id ?? ''}|${node.id ?? node.name}`;
}

function storeState(staticData: IDataObject, state: PollState): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, state);
}

/**
 * One scheduled poll. The cursor lives in the node's static data, which n8n saves when this
 * returns items; a failed poll leaves the stored state untouched, so nothing is skipped.
 */
export async function pollDefender(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	// A manual poll's state is thrown away by n8n, so it neither waits for nor moves the memory.
	if (this.getMode() === 'manual') return await pollOnce(this);
	const scope = pollScope(this);
	return await recentPollStates.oneAtATime(scope, async () => await pollOnce(this, scope));
}

async function pollOnce(
	context: IPollFunctions,
	scope?: string,
): Promise<INodeExecutionData[][] | null> {
	const staticData = context.getWorkflowStaticData('node');
	const parsed = parseState(staticData);
	if (parsed.warning) context.logger.warn(`Defender Trigger: ${parsed.warning}`);
	const state = scope ? recentPollStates.startFrom(scope, parsed.state) : parsed.state;
	const firstPoll = state.cursor === undefined;
	try {
		const params = readPollParameters(
			context.getNodeParameter('resource') as TriggerResource,
			context.getNodeParameter('event') as TriggerEvent,
			context.getNodeParameter('filters', {}) as IDataObject,
			context.getNodeParameter('options', {}) as IDataObject,
		);
		const client = await buildDefenderClient(context, {
			requestTimeoutMs: params.requestTimeoutMs,
		});
		const result = await runPoll({
			state,
			options: params.options,
			now: Date.now(),
			source: pageSourceFor(client),
			enrich:
				params.options.resource === 'incidents' && params.fetchIncidentAlerts
					? incidentEnricherFor(client)
					: undefined,
			logger: { debug: (m) => context.logger.debug(m), warn: (m) => context.logger.warn(m) },
		});
		storeState(staticData, result.nextState);
		if (scope) recentPollStates.remember(scope, result.nextState);
		if (result.items.length === 0) return null;
		return [context.helpers.returnJsonArray(result.items as IDataObject[])];
	} catch (error) {
		const loud = firstPoll || !isDefenderError(error) || LOUD_KINDS.has(error.kind);
		if (loud) throw toNodeError(context.getNode(), error);
		// Throttling, 5xx, network: the cursor stays put and the next poll reads the same window.
		context.logger.warn(
			`Defender Trigger: poll failed, will retry on the next poll (${error.message})`,
			{
				kind: error.kind,
				status: error.status,
			},
		);
		return null;
	}
}
