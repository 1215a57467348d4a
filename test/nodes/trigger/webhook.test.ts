import { randomBytes, randomUUID } from 'crypto';

import { DefenderWebhookApi } from '../../../credentials/DefenderWebhookApi.credentials';
import { DefenderTrigger } from '../../../nodes/DefenderTrigger/DefenderTrigger.node';
import { createContext } from '../n8nHarness';

// Fresh random values: nothing that looks like a stored secret lives in the tests.
const KEY = randomBytes(16).toString('hex');
const OTHER_KEY = randomBytes(16).toString('hex');

const alert = (id: string, extra: Record<string, unknown> = {}) => ({
	'@odata.type': '#microsoft.graph.security.alert',
	id,
	status: 'new',
	severity: 'high',
	category: 'Execution',
	serviceSource: 'microsoftDefenderForEndpoint',
	createdDateTime: '2026-11-20T10:00:00.0000000Z',
	lastUpdateDateTime: '2026-11-20T10:00:00.0000000Z',
	evidence: [],
	...extra,
});

function webhookContext(options: {
	body: unknown;
	headers?: Record<string, string>;
	filters?: Record<string, unknown>;
	webhookOptions?: Record<string, unknown>;
	staticData?: Record<string, unknown>;
	key?: string;
	/** Default: a fresh id, so no test sees versions another test delivered. */
	workflowId?: string;
	mode?: 'webhook' | 'manual';
}) {
	return createContext({
		parameters: {
			mode: 'webhook',
			event: 'createdOrUpdated',
			path: 'defender',
			filters: options.filters ?? {},
			webhookOptions: options.webhookOptions ?? {},
		},
		credentials: {
			defenderWebhookApi: { type: new DefenderWebhookApi(), data: { apiKey: options.key ?? KEY } },
		},
		body: options.body,
		headers: options.headers ?? { 'x-api-key': KEY },
		staticData: options.staticData as never,
		mode: options.mode ?? 'webhook',
	});
}

async function deliver(options: Parameters<typeof webhookContext>[0]) {
	const harness = webhookContext(options);
	const workflow = { id: options.workflowId ?? randomUUID(), name: 'webhook test', active: true };
	const context = { ...harness.context, getWorkflow: () => workflow };
	const result = await new DefenderTrigger().webhook.call(context as never);
	return { ...harness, result };
}

/** The static data each call gets when n8n read it before an overlapping call saved. */
const staleCopy = (stored: Record<string, unknown>) =>
	JSON.parse(JSON.stringify(stored)) as Record<string, unknown>;

describe('DefenderTrigger webhook mode', () => {
	it('accepts one alert: 202 with counts and one item for the workflow', async () => {
		const { reply, result } = await deliver({ body: alert('da1') });
		expect(reply.status).toBe(202);
		expect(reply.body).toMatchObject({ success: true, processed: 1, failed: 0, errors: [] });
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			id: 'da1',
			_defender: { origin: 'webhook' },
		});
	});

	it('accepts a batch and reports each bad record by index', async () => {
		const { reply, result } = await deliver({
			body: { value: [alert('da1'), 'not a record', alert('da2'), { id: 7 }] },
		});
		expect(reply.status).toBe(202);
		const body = reply.body as {
			processed: number;
			failed: number;
			errors: Array<{ index: number }>;
		};
		expect(body.processed).toBe(2);
		expect(body.failed).toBe(2);
		expect(body.errors.map((e) => e.index)).toEqual([1, 3]);
		expect(result.workflowData?.[0].map((item) => item.json.id)).toEqual(['da1', 'da2']);
	});

	it('accepts Authorization: Bearer as well as x-api-key', async () => {
		const { reply } = await deliver({
			body: alert('da1'),
			headers: { authorization: `Bearer ${KEY}` },
		});
		expect(reply.status).toBe(202);
	});

	it.each([
		['no key', {}],
		['a wrong key', { 'x-api-key': OTHER_KEY }],
		['a wrong bearer', { authorization: 'Bearer nope' }],
	])('answers 401 and starts nothing for %s', async (_label, headers) => {
		const { reply, result } = await deliver({ body: alert('da1'), headers });
		expect(reply.status).toBe(401);
		expect(result.workflowData).toBeUndefined();
		expect(JSON.stringify(reply.body)).not.toContain(KEY);
	});

	it('answers 400 "No alerts in payload" when there is neither value[] nor id', async () => {
		const { reply, result } = await deliver({ body: { hello: 'world' } });
		expect(reply.status).toBe(400);
		expect(reply.body).toMatchObject({ success: false, error: 'No alerts in payload' });
		expect(result.workflowData).toBeUndefined();
	});

	it('answers 400 for a text body that is not JSON', async () => {
		const { reply, result } = await deliver({ body: '{"id": broken' });
		expect(reply.status).toBe(400);
		expect(result.workflowData).toBeUndefined();
	});

	it('parses a JSON document sent as text', async () => {
		const { reply, result } = await deliver({ body: JSON.stringify(alert('da9')) });
		expect(reply.status).toBe(202);
		expect(result.workflowData?.[0][0].json.id).toBe('da9');
	});

	it('applies the filters and counts what they removed', async () => {
		const { reply, result } = await deliver({
			body: { value: [alert('da1'), alert('da2', { severity: 'low' })] },
			filters: { severity: ['high'] },
		});
		expect(reply.body).toMatchObject({ processed: 1, filtered: 1 });
		expect(result.workflowData?.[0].map((item) => item.json.id)).toEqual(['da1']);
	});

	it('drops a repeated delivery of the same version and starts no execution for it', async () => {
		const staticData: Record<string, unknown> = {};
		const first = await deliver({ body: alert('da1'), staticData });
		expect(first.result.workflowData?.[0]).toHaveLength(1);
		const again = await deliver({ body: alert('da1'), staticData });
		expect(again.reply.body).toMatchObject({ processed: 0, duplicates: 1 });
		expect(again.result.workflowData).toBeUndefined();
		const updated = await deliver({
			body: alert('da1', {
				lastUpdateDateTime: '2026-11-20T11:00:00.0000000Z',
				status: 'resolved',
			}),
			staticData,
		});
		expect(updated.result.workflowData?.[0]).toHaveLength(1);
	});

	it('drops a repeat even when its call got static data saved before the first delivery (overlapping calls)', async () => {
		const workflowId = randomUUID();
		const stored: Record<string, unknown> = {};
		// Both calls read the static data before either saved: each gets an empty copy.
		const first = await deliver({ body: alert('da1'), staticData: staleCopy(stored), workflowId });
		const second = await deliver({ body: alert('da2'), staticData: staleCopy(stored), workflowId });
		const repeat = await deliver({ body: alert('da1'), staticData: staleCopy(stored), workflowId });
		expect(first.reply.body).toMatchObject({ processed: 1, duplicates: 0 });
		expect(second.reply.body).toMatchObject({ processed: 1, duplicates: 0 });
		expect(repeat.reply.body).toMatchObject({ processed: 0, duplicates: 1 });
		expect(repeat.result.workflowData).toBeUndefined();
		// Whichever copy n8n saves last holds every version seen so far.
		const ids = (data: Record<string, unknown>) =>
			(data.webhookSeen as Array<[string, string]>).map(([id]) => id).sort();
		expect(ids(second.staticData)).toEqual(['da1', 'da2']);
		expect(ids(repeat.staticData)).toEqual(['da1', 'da2']);
	});

	it('keeps what one trigger saw apart from other workflows and from test calls', async () => {
		const workflowId = randomUUID();
		await deliver({ body: alert('da1'), staticData: {}, workflowId });
		const otherWorkflow = await deliver({ body: alert('da1'), staticData: {} });
		const testCall = await deliver({
			body: alert('da1'),
			staticData: {},
			workflowId,
			mode: 'manual',
		});
		expect(otherWorkflow.reply.body).toMatchObject({ processed: 1, duplicates: 0 });
		expect(testCall.reply.body).toMatchObject({ processed: 1, duplicates: 0 });
	});

	it('remembers nothing while de-dup is switched off', async () => {
		const workflowId = randomUUID();
		const off = await deliver({
			body: alert('da1'),
			staticData: {},
			workflowId,
			webhookOptions: { dedup: false },
		});
		const on = await deliver({ body: alert('da1'), staticData: {}, workflowId });
		expect(off.staticData.webhookSeen).toBeUndefined();
		expect(on.reply.body).toMatchObject({ processed: 1, duplicates: 0 });
	});

	it('keeps repeats when de-dup is switched off', async () => {
		const staticData: Record<string, unknown> = {};
		await deliver({ body: alert('da1'), staticData, webhookOptions: { dedup: false } });
		const again = await deliver({
			body: alert('da1'),
			staticData,
			webhookOptions: { dedup: false },
		});
		expect(again.result.workflowData?.[0]).toHaveLength(1);
	});

	it('refuses too many records with 413 so the forwarder can split the batch', async () => {
		const { reply, result } = await deliver({
			body: { value: [alert('da1'), alert('da2'), alert('da3')] },
			webhookOptions: { maxRecords: 2 },
		});
		expect(reply.status).toBe(413);
		expect(result.workflowData).toBeUndefined();
	});

	it('refuses everything when the credential has no key', async () => {
		const { reply, result } = await deliver({ body: alert('da1'), key: '' });
		expect(reply.status).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	it('does not poll in webhook mode', async () => {
		const harness = webhookContext({ body: {} });
		await expect(new DefenderTrigger().poll.call(harness.context as never)).resolves.toBeNull();
	});

	it('passes received items through execute() for the editor test webhook', async () => {
		const harness = createContext({
			parameters: { mode: 'webhook' },
			mode: 'manual',
			items: [{ json: { id: 'da1' } }],
		});
		const output = await new DefenderTrigger().execute.call(harness.context as never);
		expect(output).toEqual([[{ json: { id: 'da1' } }]]);
	});
});

describe('Defender Webhook API credential test', () => {
	const test = new DefenderTrigger().methods.credentialTest.defenderWebhookKeyStrength;

	it('refuses a short key', async () => {
		const result = await test.call({} as never, {
			id: '1',
			name: 'k',
			type: 'defenderWebhookApi',
			data: { apiKey: 'short' },
		});
		expect(result.status).toBe('Error');
	});

	it('accepts a long random key', async () => {
		const result = await test.call({} as never, {
			id: '1',
			name: 'k',
			type: 'defenderWebhookApi',
			data: { apiKey: KEY },
		});
		expect(result.status).toBe('OK');
	});
});
