/** Public surface of the framework-free library. */

export * from './ports';
export * from './errors';
export { redactSecrets, safeSnippet } from './redact';

export { withRetry, backoffDelay, retryDelay, type RetryOptions } from './http/retry';
export { parseRetryAfter } from './http/retryAfter';
export { errorFromResponse, parseApiErrorBody } from './http/graphErrors';
export { requiredPermission, forbiddenHint, type RequiredPermission } from './http/permissions';

export {
	filterFor,
	buildListFilter,
	andFilters,
	quoteString,
	FilterExpression,
	type FilterBuilder,
	type FilterEntity,
	type FilterValue,
	type ListFilterCriteria,
} from './odata/filter';
export { FILTER_FIELDS } from './odata/fields';
export { normalizeEnumValue, normalizeIsoDateTime } from './odata/values';

export * from './graph/enums';

export * from './auth/entraToken';
export { EntraTokenProvider, type EntraTokenSettings } from './auth/tokenCache';

export * from './schemas';

export { DefenderClient, type DefenderClientOptions } from './client/DefenderClient';
export type { ListQuery, IterateOptions, Page } from './client/paging';
export type { BatchRequest, BatchResult } from './client/batch';
export type { ApiCall, RetrySettings } from './client/request';
export {
	ALERT_UPDATABLE_FIELDS,
	INCIDENT_UPDATABLE_FIELDS,
	type AlertPatch,
	type IncidentPatch,
} from './client/validate';

export * from './mde';
export * from './hunting';
