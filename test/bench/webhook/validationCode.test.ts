/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- runs the benchmark's Code node text, not shipped */
/**
 * The benchmark is only fair if its Code node does the same work as the trigger: this runs the
 * exact text the Code node runs and compares it with the trigger's intake (lib/webhook) on the
 * same bodies, de-dup state carried across requests as both store it.
 */
import { parseWebhookPayload } from '../../../lib/webhook';
import { VALIDATION_FUNCTIONS } from './validationCode';

interface CodeResult {
	status: number;
	response: Record<string, unknown>;
	accepted: Array<Record<string, unknown>>;
	nextSeen?: unknown[];
}

const validateWebhookBody = new Function(
	`${VALIDATION_FUNCTIONS}\nreturn validateWebhookBody;`,
)() as (body: unknown, stored: unknown) => CodeResult;

const alert = (id: string, extra: Record<string, unknown> = {}) => ({
	'@odata.type': '#microsoft.graph.security.alert',
	id,
	title: 'Suspicious PowerShell',
	status: 'new',
	severity: 'high',
	serviceSource: 'microsoftDefenderForEndpoint',
	createdDateTime: '2026-11-20T10:00:00.1234567Z',
	lastUpdateDateTime: '2026-11-20T10:00:00.1234567Z',
	evidence: [
		{ '@odata.type': '#microsoft.graph.security.deviceEvidence', deviceDnsName: 'host-1' },
	],
	...extra,
});

/** Runs both on the same body and state; returns both results and the state each would store. */
function both(body: unknown, triggerSeen: unknown = [], codeSeen: unknown = []) {
	const trigger = parseWebhookPayload(body, { seen: triggerSeen });
	const code = validateWebhookBody(body, codeSeen);
	return { trigger, code };
}

function expectSame(body: unknown, triggerSeen: unknown = [], codeSeen: unknown = []) {
	const { trigger, code } = both(body, triggerSeen, codeSeen);
	if (!trigger.ok) {
		expect(code.status).toBe(trigger.status);
		expect(code.response).toEqual({ success: false, error: trigger.error });
		expect(code.accepted).toEqual([]);
		return { trigger, code };
	}
	expect(code.status).toBe(202);
	expect(code.response).toEqual({
		success: true,
		processed: trigger.accepted.length,
		failed: trigger.failed.length,
		filtered: trigger.filtered,
		duplicates: trigger.duplicates,
		errors: trigger.failed,
	});
	expect(code.accepted).toEqual(trigger.accepted);
	return { trigger, code };
}

describe('the benchmark Code node validates as the Defender Trigger does', () => {
	it('accepts a batch of 10 alerts with the same items and metadata', () => {
		const body = { value: Array.from({ length: 10 }, (_, i) => alert(`da-${i}`)) };
		const { code } = expectSame(body);
		expect(code.accepted).toHaveLength(10);
		expect(code.accepted[0]._defender).toMatchObject({ origin: 'webhook', event: 'created' });
	});

	it('reports the same invalid records by index and reason', () => {
		const deep: Record<string, unknown> = { id: 'deep' };
		let nested: Record<string, unknown> = deep;
		for (let i = 0; i < 70; i++) {
			const next: Record<string, unknown> = {};
			nested.value = [next];
			nested = next;
		}
		const body = {
			value: [
				42,
				'x',
				null,
				[],
				{ id: 7 },
				{ nope: 1 },
				{ id: 'no-kind' },
				alert('status-number', { status: 3 }),
				alert('unknown-type', { '@odata.type': '#microsoft.graph.user' }),
				{
					id: 'inc-1',
					displayName: 'x',
					alerts: 'not a list',
					lastUpdateDateTime: '2026-11-20T10:00:00Z',
				},
				alert('no-update', { lastUpdateDateTime: undefined }),
				alert('no-zone', { lastUpdateDateTime: '2026-11-20T10:00:00' }),
				{ ...alert('too-deep'), evidence: [deep] },
				alert('fine'),
			],
		};
		const { code } = expectSame(body);
		expect(code.response.failed).toBe(13);
		expect(code.response.processed).toBe(1);
	});

	it('drops prototype-pollution keys the same way', () => {
		const body = JSON.parse(
			'{"value": [{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "id": "pp", "title": "t", "serviceSource": "s", "lastUpdateDateTime": "2026-11-20T10:00:00Z", "evidence": [{"__proto__": {"x": 1}, "a": 1}]}]}',
		) as unknown;
		const { code } = expectSame(body);
		expect(code.accepted).toHaveLength(1);
		expect(Object.keys(code.accepted[0])).not.toContain('constructor');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('de-duplicates across requests and reports updates with their changes', () => {
		const first = { value: [alert('a-1'), alert('a-2')] };
		const one = expectSame(first);
		const triggerSeen = one.trigger.ok ? one.trigger.nextSeen : undefined;
		const codeSeen = JSON.parse(JSON.stringify(one.code.nextSeen)) as unknown[];
		expect(codeSeen).toEqual(triggerSeen);

		const second = {
			value: [
				alert('a-1'),
				alert('a-2', { status: 'inProgress', lastUpdateDateTime: '2026-11-20T11:00:00Z' }),
				alert('a-2', { status: 'inProgress', lastUpdateDateTime: '2026-11-20T11:00:00Z' }),
			],
		};
		const two = expectSame(second, triggerSeen, codeSeen);
		expect(two.code.response.duplicates).toBe(2);
		expect(two.code.accepted[0]._defender).toMatchObject({
			event: 'updated',
			changes: { status: ['new', 'inProgress'] },
		});
	});

	it('keeps at most 2,000 seen versions, the newest, as the trigger does', () => {
		let triggerSeen: unknown = [];
		let codeSeen: unknown = [];
		for (let batch = 0; batch < 3; batch++) {
			const body = {
				value: Array.from({ length: 900 }, (_, i) =>
					alert(`b${batch}-${i}`, {
						lastUpdateDateTime: new Date(
							Date.UTC(2026, 10, 20) + (batch * 900 + i) * 1000,
						).toISOString(),
					}),
				),
			};
			const { trigger, code } = expectSame(body, triggerSeen, codeSeen);
			triggerSeen = trigger.ok ? trigger.nextSeen : undefined;
			codeSeen = code.nextSeen;
		}
		expect((codeSeen as unknown[]).length).toBe(2000);
		expect(new Set((codeSeen as string[][]).map((entry) => entry[0]))).toEqual(
			new Set((triggerSeen as string[][]).map((entry) => entry[0])),
		);
	});

	it('classifies a redirected incident as merged', () => {
		expectSame({
			value: [
				{
					'@odata.type': '#microsoft.graph.security.incident',
					id: '42',
					displayName: 'merged one',
					status: 'Redirected',
					redirectIncidentId: '43',
					lastUpdateDateTime: '2026-11-20T10:00:00+02:00',
					createdDateTime: '2026-11-19T10:00:00Z',
				},
			],
		});
	});

	it.each([
		['an array body', [alert('x')]],
		['a body that is not JSON', 'not json'],
		['an empty string', '  '],
		['a number', 5],
		['null', null],
		['"value" that is not a list', { value: 'x' }],
		['an Event Hub envelope', { records: [] }],
		['an object without id or value', { foo: 1 }],
		['more than 1,000 records', { value: Array.from({ length: 1001 }, (_, i) => alert(`m-${i}`)) }],
		['a single alert', alert('single')],
		['a JSON string of a batch', JSON.stringify({ value: [alert('s-1')] })],
	])('answers %s as the trigger does', (_name, body) => {
		expectSame(body);
	});
});
