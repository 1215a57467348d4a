import type { IDataObject } from 'n8n-workflow';

import { parseDuration } from '../../lib/duration';
import { requestTimeoutFromSeconds } from '../../lib/http/timeout';
import type {
	PollOptionsInput,
	TriggerEvent,
	TriggerFilters,
	TriggerResource,
} from '../../lib/poll';

function list(value: unknown): string[] | undefined {
	return Array.isArray(value) && value.length > 0 ? (value as string[]) : undefined;
}

/** The Filters collection as lib filters. `resource` picks which status list applies. */
export function readFilters(raw: IDataObject, resource: TriggerResource | 'any'): TriggerFilters {
	const alertStatus = list(raw.alertStatus) ?? [];
	const incidentStatus = list(raw.incidentStatus) ?? [];
	const status =
		resource === 'alerts'
			? alertStatus
			: resource === 'incidents'
				? incidentStatus
				: [...alertStatus, ...incidentStatus];
	return {
		status: status.length > 0 ? status : undefined,
		severity: list(raw.severity),
		category: list(raw.category),
		serviceSource: list(raw.serviceSource),
	};
}

export interface PollParameters {
	options: PollOptionsInput;
	fetchIncidentAlerts: boolean;
	testEventCount: number;
	requestTimeoutMs: number;
}

export function readPollParameters(
	resource: TriggerResource,
	event: TriggerEvent,
	rawFilters: IDataObject,
	rawOptions: IDataObject,
): PollParameters {
	const options: PollOptionsInput = {
		resource,
		event,
		filters: readFilters(rawFilters, resource),
		lookBackMs: parseDuration(rawOptions.lookBack ?? '0', 'Look Back'),
		maxLookBackMs: parseDuration(rawOptions.maxLookBack ?? '30d', 'Maximum Look Back'),
		overlapMs: parseDuration(rawOptions.overlap ?? '2m', 'Overlap'),
	};
	if (rawOptions.maxItems !== undefined) options.maxItems = Number(rawOptions.maxItems);
	return {
		options,
		fetchIncidentAlerts: rawOptions.fetchIncidentAlerts !== false,
		testEventCount: Number(rawOptions.testEventCount ?? 1),
		requestTimeoutMs: requestTimeoutFromSeconds(rawOptions.requestTimeout),
	};
}
