import type { IDataObject } from 'n8n-workflow';

import { parseDuration } from '../../lib/duration';
import { DefenderError } from '../../lib/errors';
import { requestTimeoutFromSeconds } from '../../lib/http/timeout';
import type {
	PollOptionsInput,
	TriggerEvent,
	TriggerFilters,
	TriggerResource,
} from '../../lib/poll';

/**
 * A filter's values: the list the UI gives, or comma-separated text from an expression. Anything
 * else is refused rather than ignored, which would widen the filter without a word.
 */
function list(value: unknown, label: string): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const values = Array.isArray(value)
		? (value as unknown[])
		: typeof value === 'string'
			? value.split(',')
			: undefined;
	if (!values) {
		throw new DefenderError('validation', `The ${label} filter must be a list of values.`, {
			hint: `Pick the values in the list, or give an expression that returns a list or comma-separated text.`,
		});
	}
	const cleaned = values
		.map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== '');
	return cleaned.length > 0 ? (cleaned as string[]) : undefined;
}

/** The Filters collection as lib filters. `resource` picks which status list applies. */
export function readFilters(raw: IDataObject, resource: TriggerResource | 'any'): TriggerFilters {
	const alertStatus = list(raw.alertStatus, 'Alert Status') ?? [];
	const incidentStatus = list(raw.incidentStatus, 'Incident Status') ?? [];
	const status =
		resource === 'alerts'
			? alertStatus
			: resource === 'incidents'
				? incidentStatus
				: [...alertStatus, ...incidentStatus];
	return {
		status: status.length > 0 ? status : undefined,
		severity: list(raw.severity, 'Severity'),
		category: list(raw.category, 'Category'),
		serviceSource: list(raw.serviceSource, 'Service Source'),
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
