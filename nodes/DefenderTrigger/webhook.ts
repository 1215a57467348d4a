import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { parseWebhookPayload, RecentVersions, verifyApiKey } from '../../lib/webhook';
import type { TriggerEvent } from '../../lib/poll';
import { readFilters } from './params';

export const WEBHOOK_CREDENTIAL = 'defenderWebhookApi';

/**
 * Versions accepted by each trigger in this n8n process. n8n hands every webhook call its own copy
 * of the static data and the last save wins, so overlapping calls would forget each other's
 * versions; joining this memory in on every call keeps de-dup exact within the process.
 */
const recentVersions = new RecentVersions();

/** One memory per workflow, trigger node and mode (test calls never mark production versions). */
function dedupScope(context: IWebhookFunctions): string {
	const node = context.getNode();
	return `${context.getWorkflow().id ?? ''}|${node.id ?? node.name}|${context.getMode()}`;
}

function answer(context: IWebhookFunctions, status: number, body: IDataObject): void {
	context.getResponseObject().status(status).json(body);
}

/** Plain-text bodies arrive as strings; anything else that is not JSON is refused. */
function readBody(context: IWebhookFunctions): { ok: true; body: unknown } | { ok: false } {
	const body = context.getBodyData() as unknown;
	if (typeof body !== 'string') return { ok: true, body };
	try {
		return { ok: true, body: JSON.parse(body) };
	} catch {
		return { ok: false };
	}
}

/**
 * Webhook mode: authenticate the forwarder, accept valid records, answer 202 with the counts and
 * start one execution with one item per accepted record. Nothing in the body is lost silently:
 * every refused record is named by index and reason in the answer.
 */
export async function receiveWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credentials = await this.getCredentials(WEBHOOK_CREDENTIAL);
	const check = verifyApiKey(
		this.getHeaderData() as Record<string, string | string[] | undefined>,
		credentials.apiKey as string | undefined,
	);
	if (!check.ok) {
		if (check.reason === 'notConfigured') this.logger.error(`Defender Trigger: ${check.message}`);
		answer(this, 401, { success: false, error: 'Unauthorized', message: check.message });
		return { noWebhookResponse: true };
	}

	const read = readBody(this);
	if (!read.ok) {
		answer(this, 400, {
			success: false,
			error: 'The body is not JSON',
			message: 'Send a Graph alert, an incident or {"value": [...]} as JSON.',
		});
		return { noWebhookResponse: true };
	}

	const options = this.getNodeParameter('webhookOptions', {}) as IDataObject;
	const dedup = options.dedup !== false;
	const staticData = this.getWorkflowStaticData('node');
	const scope = dedupScope(this);
	// From here to the memory update nothing awaits, so overlapping calls cannot interleave.
	const intake = parseWebhookPayload(read.body, {
		filters: readFilters(this.getNodeParameter('filters', {}) as IDataObject, 'any'),
		event: this.getNodeParameter('event') as TriggerEvent,
		maxRecords: options.maxRecords !== undefined ? Number(options.maxRecords) : undefined,
		seen: dedup ? recentVersions.merge(scope, staticData.webhookSeen ?? []) : undefined,
	});
	if (!intake.ok) {
		answer(this, intake.status, { success: false, error: intake.error });
		return { noWebhookResponse: true };
	}
	if (dedup && intake.nextSeen) {
		recentVersions.remember(scope, intake.nextSeen);
		staticData.webhookSeen = intake.nextSeen as unknown as IDataObject[];
	}

	answer(this, 202, {
		success: true,
		processed: intake.accepted.length,
		failed: intake.failed.length,
		filtered: intake.filtered,
		duplicates: intake.duplicates,
		errors: intake.failed as unknown as IDataObject[],
	});
	if (intake.accepted.length === 0) return { noWebhookResponse: true };
	return {
		noWebhookResponse: true,
		workflowData: [this.helpers.returnJsonArray(intake.accepted as IDataObject[])],
	};
}
