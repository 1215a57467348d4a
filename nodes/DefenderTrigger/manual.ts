import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { latestItems, type TriggerEvent, type TriggerResource } from '../../lib/poll';
import { buildDefenderClient } from '../shared/client';
import { toNodeError } from '../shared/errors';
import { readPollParameters } from './params';
import { incidentEnricherFor, pageSourceFor } from './source';

/** "Fetch Test Event" in Polling mode: the newest matching records; the cursor is not touched. */
export async function fetchTestEvents(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	try {
		const params = readPollParameters(
			this.getNodeParameter('resource', 0) as TriggerResource,
			this.getNodeParameter('event', 0) as TriggerEvent,
			this.getNodeParameter('filters', 0, {}) as IDataObject,
			this.getNodeParameter('options', 0, {}) as IDataObject,
		);
		const client = await buildDefenderClient(this, { requestTimeoutMs: params.requestTimeoutMs });
		const { items } = await latestItems({
			options: params.options,
			limit: params.testEventCount,
			source: pageSourceFor(client),
			enrich:
				params.options.resource === 'incidents' && params.fetchIncidentAlerts
					? incidentEnricherFor(client)
					: undefined,
		});
		return this.helpers.returnJsonArray(items as IDataObject[]);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
