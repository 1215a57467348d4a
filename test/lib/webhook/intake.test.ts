import { parseWebhookPayload, type WebhookIntake } from '../../../lib/webhook/intake';
import { MAX_DEPTH } from '../../../lib/webhook/sanitize';
import { alert, at, incident } from '../poll/fakeGraph';

function accepted(
	body: unknown,
	options: Parameters<typeof parseWebhookPayload>[1] = {},
): WebhookIntake {
	const result = parseWebhookPayload(body, options);
	if (!result.ok) throw new Error(`expected acceptance, got ${result.error}`);
	return result;
}

function nested(depth: number): Record<string, unknown> {
	let value: Record<string, unknown> = { leaf: true };
	for (let i = 0; i < depth; i += 1) value = { child: value };
	return value;
}

describe('parseWebhookPayload: shapes', () => {
	it('accepts a single Graph alert and labels it', () => {
		const result = accepted(alert('da1', at(1)));
		expect(result).toMatchObject({ failed: [], filtered: 0, duplicates: 0, warnings: [] });
		expect(result.nextSeen).toBeUndefined();
		expect(result.accepted).toHaveLength(1);
		expect(result.accepted[0]).toMatchObject({ id: 'da1', title: 'Alert da1' });
		expect(result.accepted[0]._defender).toEqual({
			origin: 'webhook',
			resource: 'alert',
			event: 'created',
			key: `da1|${at(1)}`,
			cursor: at(1),
		});
	});

	it('accepts a single incident with or without alerts', () => {
		const withAlerts = accepted(incident('10', at(1), at(1), { alerts: [alert('da1', at(1))] }));
		expect(withAlerts.accepted[0]._defender.resource).toBe('incident');
		expect(withAlerts.accepted[0].alerts).toHaveLength(1);
		const plain = incident('11', at(1));
		delete plain['@odata.type'];
		expect(accepted(plain).accepted[0]._defender.resource).toBe('incident');
	});

	it('recognises an alert without @odata.type by its fields', () => {
		const bare = alert('da1', at(1));
		delete bare['@odata.type'];
		expect(accepted(bare).accepted[0]._defender.resource).toBe('alert');
	});

	it('accepts a batch and reports each bad record by index and reason', () => {
		const result = accepted({
			value: [
				alert('da1', at(1)),
				'a string',
				{ title: 'no id', serviceSource: 'microsoftDefenderForEndpoint' },
				{ id: 42, title: 'numeric id' },
				{ id: 'x1', note: 'no recognisable fields' },
				{ id: 'x2', '@odata.type': '#microsoft.graph.alert', title: 'legacy' },
				alert('da2', at(2), at(2), { status: 5 }),
				incident('12', at(1), at(1), { alerts: 'none' }),
				alert('da3', at(3), at(3), { additionalData: nested(MAX_DEPTH + 1) }),
				incident('13', at(3)),
			],
		});
		expect(result.accepted.map((item) => item.id)).toEqual(['da1', '13']);
		expect(result.failed).toEqual([
			{ index: 1, reason: 'record is not a JSON object' },
			{ index: 2, reason: 'record has no "id"' },
			{ index: 3, reason: '"id" must be a non-empty string (Graph ids are strings)' },
			{ index: 4, reason: expect.stringMatching(/^not a recognisable Graph alert or incident/) },
			{
				index: 5,
				reason: expect.stringMatching(/@odata\.type "#microsoft\.graph\.alert" is not supported/),
			},
			{ index: 6, reason: '"status" must be a string' },
			{ index: 7, reason: '"alerts" must be an array' },
			{
				index: 8,
				reason: expect.stringMatching(/^nesting deeper than 64 levels at record\.additionalData/),
			},
		]);
	});

	it('accepts an empty batch with nothing processed', () => {
		expect(accepted({ value: [] })).toMatchObject({ accepted: [], failed: [] });
	});

	it('reads a JSON body that arrived as text', () => {
		expect(accepted(JSON.stringify(alert('da1', at(1)))).accepted).toHaveLength(1);
	});
});

describe('parseWebhookPayload: rejected bodies', () => {
	it.each([
		['an empty object', {}],
		['an object without id or value', { alert: { id: 'x' } }],
		['null', null],
		['undefined', undefined],
		['an empty string', '  '],
	])('answers 400 "No alerts in payload" for %s', (_label, body) => {
		expect(parseWebhookPayload(body)).toEqual({
			ok: false,
			status: 400,
			error: 'No alerts in payload',
		});
	});

	it.each([
		['text that is not JSON', 'id=1&title=x', /^Body is not JSON\./],
		['a number', 42, /^Body is not a JSON object\./],
		['a boolean', true, /^Body is not a JSON object\./],
		['a bare array', [alert('da1', at(1))], /Wrap it as \{"value": \[\.\.\.\]\}/],
		['value that is not an array', { value: { id: 'x' } }, /^"value" must be an array/],
		['an Event Hub envelope', { records: [{ time: 'x' }] }, /Event Hub envelope/],
	])('answers 400 with a reason for %s', (_label, body, message) => {
		const result = parseWebhookPayload(body);
		expect(result).toMatchObject({ ok: false, status: 400 });
		expect(!result.ok && result.error).toMatch(message);
	});

	it('answers 413 for more records than allowed, naming both numbers', () => {
		const value = Array.from({ length: 1001 }, (_, i) => alert(`da${i}`, at(i)));
		expect(parseWebhookPayload({ value })).toEqual({
			ok: false,
			status: 413,
			error: 'Too many records: 1001 in one request; send at most 1000 per request.',
		});
		expect(parseWebhookPayload({ value: value.slice(0, 3) }, { maxRecords: 2 })).toMatchObject({
			ok: false,
			status: 413,
		});
	});
});

describe('parseWebhookPayload: unsafe keys', () => {
	const body = `{"value":[{"id":"da1","title":"t","serviceSource":"microsoftDefenderForEndpoint",
		"__proto__":{"polluted":"yes"},
		"additionalData":{"constructor":{"prototype":{"polluted":"yes"}},"ok":1},
		"evidence":[{"prototype":{"polluted":"yes"}}]}]}`;

	it('never assigns __proto__, constructor or prototype and reports what was removed', () => {
		const result = accepted(JSON.parse(body));
		const record = result.accepted[0];
		expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
		expect(Object.getPrototypeOf(record.additionalData)).toBe(Object.prototype);
		expect(Object.prototype.hasOwnProperty.call(record, '__proto__')).toBe(false);
		expect((record as Record<string, unknown>).polluted).toBeUndefined();
		expect(record.additionalData).toEqual({ ok: 1 });
		expect(record.evidence).toEqual([{}]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(result.warnings).toEqual([
			{
				index: 0,
				reason:
					'removed unsafe keys: record.__proto__, record.additionalData.constructor, record.evidence[0].prototype',
			},
		]);
	});

	it('returns copies: the body is not modified and output does not share objects with it', () => {
		const input = alert('da1', at(1), at(1), { additionalData: { a: { b: 1 } } });
		const before = JSON.stringify(input);
		const result = accepted(input);
		(result.accepted[0].additionalData as { a: { b: number } }).a.b = 2;
		expect(JSON.stringify(input)).toBe(before);
	});
});

describe('parseWebhookPayload: filters', () => {
	const batch = {
		value: [
			alert('high-mde', at(1), at(1), { severity: 'high' }),
			alert('low-mde', at(2), at(2), { severity: 'low' }),
			alert('high-mdo', at(3), at(3), {
				severity: 'High',
				serviceSource: 'microsoftDefenderForOffice365',
				category: 'InitialAccess',
			}),
			incident('20', at(4), at(4), {
				severity: 'high',
				alerts: [
					alert('a', at(1), at(1), {
						category: 'InitialAccess',
						serviceSource: 'microsoftDefenderForOffice365',
					}),
				],
			}),
		],
	};

	it('applies the same severity, category and service source filters as polling', () => {
		const bySeverity = accepted(batch, { filters: { severity: ['high'] } });
		expect(bySeverity.accepted.map((item) => item.id)).toEqual(['high-mde', 'high-mdo', '20']);
		expect(bySeverity.filtered).toBe(1);
		const byCategory = accepted(batch, { filters: { category: ['InitialAccess'] } });
		expect(byCategory.accepted.map((item) => item.id)).toEqual(['high-mdo', '20']);
		const bySource = accepted(batch, {
			filters: { serviceSource: ['microsoftDefenderForEndpoint'] },
		});
		expect(bySource.accepted.map((item) => item.id)).toEqual(['high-mde', 'low-mde']);
	});

	it('combines filters with AND', () => {
		const result = accepted(batch, {
			filters: { severity: ['high'], serviceSource: ['microsoftDefenderForEndpoint'] },
		});
		expect(result.accepted.map((item) => item.id)).toEqual(['high-mde']);
		expect(result.filtered).toBe(3);
	});
});

describe('parseWebhookPayload: de-dup', () => {
	it('drops a retried delivery and returns the entries to store', () => {
		const body = { value: [alert('da1', at(1)), alert('da2', at(2))] };
		const first = accepted(body, { seen: [] });
		expect(first.accepted).toHaveLength(2);
		expect(first.nextSeen?.map(([id]) => id)).toEqual(['da1', 'da2']);
		const retry = accepted(JSON.parse(JSON.stringify(body)), {
			seen: JSON.parse(JSON.stringify(first.nextSeen)),
		});
		expect(retry.accepted).toEqual([]);
		expect(retry.duplicates).toBe(2);
	});

	it('accepts a new version as updated with the changed fields', () => {
		const first = accepted(alert('da1', at(1)), { seen: [] });
		const second = accepted(alert('da1', at(1), at(9), { status: 'resolved' }), {
			seen: first.nextSeen,
		});
		expect(second.accepted[0]._defender).toMatchObject({
			event: 'updated',
			key: `da1|${at(9)}`,
			changes: { status: ['new', 'resolved'] },
		});
	});

	it('keys on id alone for created-only', () => {
		const first = accepted(alert('da1', at(1)), { seen: [], event: 'created' });
		expect(first.accepted[0]._defender.key).toBe('da1');
		const second = accepted(alert('da1', at(1), at(9)), { seen: first.nextSeen, event: 'created' });
		expect(second.duplicates).toBe(1);
	});

	it('drops repeats inside one batch', () => {
		const result = accepted({ value: [alert('da1', at(1)), alert('da1', at(1))] }, { seen: [] });
		expect(result.accepted).toHaveLength(1);
		expect(result.duplicates).toBe(1);
	});

	it('needs lastUpdateDateTime to de-duplicate updates and says so', () => {
		const record = alert('da1', at(1));
		delete (record as Record<string, unknown>).lastUpdateDateTime;
		const result = accepted({ value: [record] }, { seen: [] });
		expect(result.failed).toEqual([
			{
				index: 0,
				reason:
					'"lastUpdateDateTime" is missing or not an ISO timestamp with a zone; it is needed to de-duplicate updates',
			},
		]);
		expect(accepted({ value: [record] }).accepted).toHaveLength(1);
	});

	it('keeps the set within its bound, oldest first out, and ignores damaged stored entries', () => {
		const result = accepted(
			{ value: [alert('da1', at(1)), alert('da2', at(2)), alert('da3', at(3))] },
			{ seen: [['old', at(0)], 'junk'], dedupBound: 2 },
		);
		expect(result.nextSeen?.map(([id]) => id)).toEqual(['da2', 'da3']);
	});

	it('labels a redirected incident as merged', () => {
		const result = accepted(
			incident('5', at(1), at(2), { status: 'redirected', redirectIncidentId: '6' }),
		);
		expect(result.accepted[0]._defender).toMatchObject({ event: 'merged', mergedInto: '6' });
	});
});
