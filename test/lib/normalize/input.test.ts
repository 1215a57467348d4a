import { DefenderError } from '../../../lib/errors';
import {
	detectKind,
	normalizeAlert,
	normalizeIncident,
	normalizeInput,
	NormalizeInputError,
} from '../../../lib/normalize';
import { fixtures, NS } from './fixtures';

function errorOf(run: () => unknown): NormalizeInputError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NormalizeInputError);
		return error as NormalizeInputError;
	}
	throw new Error('expected a NormalizeInputError');
}

describe('detectKind', () => {
	it.each([
		['the documented alert', fixtures.alertDocumented(), 'alert'],
		['the documented incident', fixtures.incidentDocumented(), 'incident'],
		['a collection page', fixtures.alertsPage(), 'batch'],
		['an array', [fixtures.alertDocumented()], 'batch'],
		['an empty page', { value: [] }, 'batch'],
		['an alert by @odata.type only', { '@odata.type': `${NS}alert`, id: 'x' }, 'alert'],
		['an incident by @odata.type only', { '@odata.type': `${NS}incident`, id: 1 }, 'incident'],
		['an alert with evidence', { id: 'x', evidence: [] }, 'alert'],
		[
			'an alert with serviceSource',
			{ id: 'x', serviceSource: 'microsoftDefenderForEndpoint' },
			'alert',
		],
		[
			'an alert with alertWebUrl',
			{ id: 'x', alertWebUrl: 'https://security.microsoft.com/alerts/x' },
			'alert',
		],
		['an alert with providerAlertId', { id: 'x', providerAlertId: 'x' }, 'alert'],
		[
			'a minimal alert (title + severity)',
			{ id: 'da1', title: 'Malware', severity: 'medium' },
			'alert',
		],
		[
			'an incident with incidentWebUrl',
			{ id: '1', displayName: 'I', incidentWebUrl: 'https://security.microsoft.com/incidents/1' },
			'incident',
		],
		['an incident with alerts', { id: '1', displayName: 'I', alerts: [] }, 'incident'],
		[
			'an incident with redirectIncidentId',
			{ id: '1', displayName: 'I', redirectIncidentId: null },
			'incident',
		],
	])('%s → %s', (_label, item, kind) => {
		expect(detectKind(item)).toBe(kind);
	});

	it.each([
		['null', null],
		['a string', 'alert'],
		['a number', 3],
		['an empty object', {}],
		['an object without id', { title: 'x', severity: 'high', evidence: [] }],
		['an object with an empty id', { id: ' ', evidence: [] }],
		['an unrelated object', { id: '1', name: 'x', price: 3 }],
		['an alert-looking displayName without incident fields', { id: '1', displayName: 'x' }],
	])('%s → not recognised', (_label, item) => {
		expect(detectKind(item)).toBeUndefined();
	});
});

describe('normalizeInput', () => {
	it('normalizes a single alert into one record', () => {
		const records = normalizeInput(fixtures.alertDocumented());
		expect(records.map((record) => record.sourceRef)).toEqual(['da637551227677560813_-961444813']);
	});

	it('normalizes every alert of a collection page, in order', () => {
		const records = normalizeInput(fixtures.alertsPage());
		expect(records.map((record) => record.sourceRef)).toEqual([
			'da637551227677560813_-961444813',
			'da637551227677560813_-961444814',
		]);
	});

	it('normalizes a page mixing alerts and incidents, splitting incidents when asked', () => {
		const records = normalizeInput(
			{ value: [fixtures.incidentWithAlerts(), fixtures.alertDocumented()] },
			{ splitIncidentAlerts: true },
		);
		expect(records.map((record) => record.sourceType)).toEqual([
			'incident',
			'alert',
			'alert',
			'alert',
		]);
	});

	it('returns nothing for an empty page', () => {
		expect(normalizeInput({ '@odata.context': 'x', value: [] })).toEqual([]);
	});

	it('accepts numeric ids (legacy incident ids are integers)', () => {
		const [record] = normalizeInput({ id: 28282, displayName: 'Legacy', alerts: [] });
		expect(record.sourceRef).toBe('incident:28282');
	});

	it('fails an unrecognised item with a message naming the item, what was expected and its keys', () => {
		const error = errorOf(() => normalizeInput({ foo: 1, bar: 'secret-looking-value' }, {}, 3));
		expect(error.kind).toBe('validation');
		expect(error).toBeInstanceOf(DefenderError);
		expect(error.itemIndex).toBe(3);
		expect(error.message).toBe(
			"Item 3 is not a Defender alert or incident: expected an object with 'id' and alert fields " +
				'(serviceSource, evidence, alertWebUrl, providerAlertId...) or incident fields (displayName ' +
				'with incidentWebUrl or alerts...), or a batch { value: [...] } of them. Got: an object with keys foo, bar.',
		);
		expect(error.hint).toMatch(/Defender trigger/);
	});

	it('never puts values in the message', () => {
		const error = errorOf(() =>
			normalizeInput({ token: 'test-secret-value', nested: { x: 'test-secret-value' } }),
		);
		expect(error.message).not.toContain('test-secret-value');
		expect(JSON.stringify(error.toJSON())).not.toContain('test-secret-value');
		const scalar = errorOf(() => normalizeInput('test-secret-value'));
		expect(scalar.message).toContain('Got: a string.');
		expect(scalar.message).not.toContain('test-secret-value');
	});

	it.each([
		[null, 'Got: null.'],
		[undefined, 'Got: nothing.'],
		[42, 'Got: a number.'],
		[{}, 'Got: an empty object.'],
	])('describes %p by its shape', (item, got) => {
		expect(errorOf(() => normalizeInput(item)).message).toContain(got);
	});

	it('lists at most 12 keys and shortens long ones', () => {
		const item = Object.fromEntries(
			Array.from({ length: 15 }, (_, i) => [`k${i}${'x'.repeat(i === 0 ? 50 : 0)}`, i]),
		);
		const message = errorOf(() => normalizeInput(item)).message;
		expect(message).toContain(`k0${'x'.repeat(38)}…, k1,`);
		expect(message).toContain('k11, … (3 more).');
		expect(message).not.toContain('k12');
	});

	it('says when an alert or incident only lacks its id', () => {
		expect(errorOf(() => normalizeInput({ title: 'x', evidence: [] }, {}, 0)).message).toMatch(
			/^Item 0 looks like a Defender alert but has no 'id'/,
		);
		expect(errorOf(() => normalizeInput({ displayName: 'x', alerts: [] })).message).toMatch(
			/^Item looks like a Defender incident but has no 'id'/,
		);
	});

	it('names the position of a bad entry inside a batch and fails the whole item', () => {
		const error = errorOf(() =>
			normalizeInput({ value: [fixtures.alertDocumented(), { nope: true }] }, {}, 5),
		);
		expect(error.path).toBe('value[1]');
		expect(error.message).toMatch(/^Item 5, value\[1\], is not a Defender alert or incident/);
		expect(error.message).toContain('Got: an object with keys nope.');
	});

	it('rejects a batch nested in a batch', () => {
		const error = errorOf(() => normalizeInput([{ value: [] }]));
		expect(error.path).toBe('[0]');
	});
});

describe('normalizeAlert and normalizeIncident refuse the other kind', () => {
	it('normalizeAlert refuses an incident', () => {
		expect(errorOf(() => normalizeAlert(fixtures.incidentDocumented())).message).toMatch(
			/Expected a Defender alert but got an incident/,
		);
	});

	it('normalizeIncident refuses an alert', () => {
		expect(errorOf(() => normalizeIncident(fixtures.alertDocumented())).message).toMatch(
			/Expected a Defender incident but got an alert/,
		);
	});

	it('both refuse objects without an id', () => {
		expect(errorOf(() => normalizeAlert({ title: 'x' })).message).toMatch(
			/Item is not a Defender alert/,
		);
		expect(errorOf(() => normalizeIncident(null)).message).toMatch(/Got: null\./);
	});
});
