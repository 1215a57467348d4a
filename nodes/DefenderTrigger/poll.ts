import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { isDefenderError } from '../../lib/errors';
import {
	pageSignature,
	parseState,
	runPoll,
	type PollState,
	type TriggerEvent,
	type TriggerResource,
} from '../../lib/poll';
import { buildDefenderClient } from '../shared/client';
import { toNodeError } from '../shared/errors';
import { overlappingPolls, triggerKey } from './overlappingPolls';
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
 * returns items; a failed poll leaves the stored state untouched, so nothing is skipped. A poll
 * that overlaps another of the same trigger in this process goes through overlappingPolls.
 */
export async function pollDefender(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const staticData = this.getWorkflowStaticData('node');
	const parsed = parseState(staticData);
	if (parsed.warning) this.logger.warn(`Defender Trigger: ${parsed.warning}`);
	if (this.getMode() === 'manual')
		return (await pollFrom.call(this, staticData, parsed.state)).output;

	let output: INodeExecutionData[][] | null = null;
	const trigger = triggerKey(this.getWorkflow().id, this.getNode().id);
	const { adopted } = await overlappingPolls.run(
		trigger,
		JSON.stringify(parsed.state),
		async (adoptedState) => {
			// A copy: the other poll's static data must not share arrays with this one's.
			const state = adoptedState
				? (JSON.parse(JSON.stringify(adoptedState)) as PollState)
				: parsed.state;
			const polled = await pollFrom.call(this, staticData, state);
			output = polled.output;
			if (!polled.nextState) return undefined;
			const items = output?.[0] ?? [];
			return {
				endState: polled.nextState,
				page: items.length ? pageSignature(items.map((item) => item.json)) : undefined,
			};
		},
	);
	if (adopted) {
		this.logger.info(
			'Defender Trigger: another poll of this workflow was running from the same state; this poll waited and went on from where that one ended',
		);
	}
	return output;
}

interface Polled {
	output: INodeExecutionData[][] | null;
	/** The state stored; absent when the poll failed and stored nothing. */
	nextState?: PollState;
}

async function pollFrom(
	this: IPollFunctions,
	staticData: IDataObject,
	state: PollState,
): Promise<Polled> {
	const firstPoll = state.cursor === undefined;
	try {
		const params = readPollParameters(
			this.getNodeParameter('resource') as TriggerResource,
			this.getNodeParameter('event') as TriggerEvent,
			this.getNodeParameter('filters', {}) as IDataObject,
			this.getNodeParameter('options', {}) as IDataObject,
		);
		const client = await buildDefenderClient(this, { requestTimeoutMs: params.requestTimeoutMs });
		const result = await runPoll({
			state,
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
		const output =
			result.items.length === 0
				? null
				: [this.helpers.returnJsonArray(result.items as IDataObject[])];
		return { output, nextState: result.nextState };
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
		return { output: null };
	}
}
