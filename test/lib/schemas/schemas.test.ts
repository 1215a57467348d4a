import alertEveryEvidence from '../../fixtures/graph/alert-every-evidence.json';
import alertsPage from '../../fixtures/graph/alerts-page.json';
import incidentWithAlerts from '../../fixtures/graph/incident-with-alerts.json';
import { DefenderError } from '../../../lib/errors';
import {
	batchResponseSchema,
	collectionSchema,
	commentListSchema,
	graphAlertSchema,
	graphEvidenceSchema,
	graphIncidentSchema,
	parseResponse,
	type GraphAlert,
} from '../../../lib/schemas';

function schemaError(fn: () => unknown): DefenderError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(DefenderError);
		expect((error as DefenderError).kind).toBe('schema');
		return error as DefenderError;
	}
	throw new Error('expected a schema error');
}

describe('graphAlertSchema', () => {
	it('keeps every field and every evidence entry of a full alert unchanged', () => {
		const parsed = graphAlertSchema.parse(alertEveryEvidence);
		expect(parsed).toStrictEqual(alertEveryEvidence);
		expect(parsed.evidence).toHaveLength(alertEveryEvidence.evidence.length);
	});

	it('parses a collection page of documented alerts', () => {
		const page = collectionSchema(graphAlertSchema).parse(alertsPage);
		expect(page.value.map((a: GraphAlert) => a.id)).toEqual(alertsPage.value.map((a) => a.id));
		expect(page).toStrictEqual(alertsPage);
	});

	it('accepts unknown enum members and unknown fields', () => {
		const parsed = graphAlertSchema.parse({
			id: 'a1',
			status: 'awaitingSomething',
			serviceSource: 'microsoftSecurityForAI',
			brandNewField: { nested: [1, 2] },
		});
		expect(parsed.status).toBe('awaitingSomething');
		expect(parsed).toMatchObject({ brandNewField: { nested: [1, 2] } });
	});

	it('accepts a minimal alert (fields Graph may omit) and nulls', () => {
		expect(graphAlertSchema.parse({ id: 'a1', assignedTo: null, evidence: null }).id).toBe('a1');
	});

	it('requires id', () => {
		expect(graphAlertSchema.safeParse({ status: 'new' }).success).toBe(false);
	});
});

describe('graphEvidenceSchema', () => {
	it('types known evidence by @odata.type', () => {
		const parsed = graphEvidenceSchema.parse({
			'@odata.type': '#microsoft.graph.security.processEvidence',
			processId: 4780,
			processCommandLine: '"MsSense.exe"',
			imageFile: { fileName: 'MsSense.exe', sha1: null },
			roles: [],
		});
		expect(parsed['@odata.type']).toBe('#microsoft.graph.security.processEvidence');
		expect((parsed as { processId?: unknown }).processId).toBe(4780);
	});

	it('falls back to generic evidence for unknown types and keeps their fields', () => {
		const raw = {
			'@odata.type': '#microsoft.graph.security.somethingNewEvidence',
			verdict: 'malicious',
			newThing: 'x',
		};
		expect(graphEvidenceSchema.parse(raw)).toEqual(raw);
	});

	it('keeps known-type evidence whose fields do not fit instead of failing', () => {
		const raw = {
			'@odata.type': '#microsoft.graph.security.ipEvidence',
			ipAddress: { v4: '127.0.0.1' },
			roles: 'not-a-list',
		};
		expect(graphEvidenceSchema.parse(raw)).toEqual(raw);
	});
});

describe('graphIncidentSchema', () => {
	it('parses an incident with expanded alerts', () => {
		const parsed = graphIncidentSchema.parse(incidentWithAlerts);
		expect(parsed.alerts).toHaveLength(incidentWithAlerts.alerts.length);
		expect(parsed).toStrictEqual(incidentWithAlerts);
	});

	it('has optional alerts', () => {
		expect(graphIncidentSchema.parse({ id: '5', status: 'active' }).alerts).toBeUndefined();
	});
});

describe('commentListSchema and batchResponseSchema', () => {
	it('parses the comments action answer', () => {
		const list = commentListSchema.parse({
			'@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2(a)/comments',
			value: [
				{ comment: 'test', createdByDisplayName: 'app', createdDateTime: '2022-10-13T07:08:30Z' },
			],
		});
		expect(list.value[0]?.comment).toBe('test');
	});

	it('parses batch responses and turns numeric ids into strings', () => {
		const parsed = batchResponseSchema.parse({
			responses: [
				{ id: 2, status: 204, headers: {} },
				{ id: '1', status: 200, body: { id: 'x' } },
			],
		});
		expect(parsed.responses.map((r) => r.id)).toEqual(['2', '1']);
	});
});

describe('parseResponse', () => {
	it('summarizes where the shape differed without echoing values', () => {
		const secretish = 'value-that-must-not-appear';
		const error = schemaError(() =>
			parseResponse(
				collectionSchema(graphAlertSchema),
				{ value: [{ id: 'ok' }, { id: 42, title: secretish }, { title: secretish }] },
				'alerts page',
			),
		);
		expect(error.message).toBe(
			'Unexpected alerts page shape from the API: value[1].id: expected string, got number; value[2].id: expected string, got undefined.',
		);
		expect(JSON.stringify(error)).not.toContain(secretish);
	});

	it('reports a body that is not JSON', () => {
		const error = schemaError(() => parseResponse(graphAlertSchema, '<html>oops</html>', 'alert'));
		expect(error.message).toBe('The API answered the alert request with a body that is not JSON.');
	});

	it('reports an empty body', () => {
		expect(schemaError(() => parseResponse(graphAlertSchema, undefined, 'alert')).message).toBe(
			'The API answered the alert request with an empty body.',
		);
	});

	it('caps the number of issues listed', () => {
		const error = schemaError(() =>
			parseResponse(
				collectionSchema(graphAlertSchema),
				{ value: Array.from({ length: 8 }, () => ({})) },
				'alerts page',
			),
		);
		expect(error.message).toMatch(/\(\+3 more\)\.$/);
	});
});
