/** The trigger's webhook logic: payload intake and API key check. */

export {
	parseWebhookPayload,
	DEFAULT_MAX_RECORDS,
	NO_ALERTS_IN_PAYLOAD,
	type WebhookIntake,
	type WebhookIntakeOptions,
	type WebhookRejection,
	type RecordIssue,
} from './intake';
export { verifyApiKey, presentedKey, type ApiKeyCheck, type HeaderBag } from './apiKey';
export { RecentVersions, DEFAULT_MAX_SCOPES } from './recentVersions';
