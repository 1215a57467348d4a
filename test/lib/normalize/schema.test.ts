import {
	normalizedRecordSchema,
	normalizeInput,
	type NormalizedRecord,
} from '../../../lib/normalize';
import { fixtures, type Json } from './fixtures';

const allFixtures: Array<[string, () => Json]> = [
	['alert-documented', fixtures.alertDocumented],
	['alert-every-evidence', fixtures.alertEveryEvidence],
	['alerts-page', fixtures.alertsPage],
	['incident-documented', fixtures.incidentDocumented],
	['incident-with-alerts', fixtures.incidentWithAlerts],
	['incident-redirected', fixtures.incidentRedirected],
];

function issuesOf(record: unknown): string[] {
	const result = normalizedRecordSchema.safeParse(record);
	return result.success
		? []
		: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('the strict output schema', () => {
	it.each(allFixtures)('accepts every record made from %s', (_name, load) => {
		const records = normalizeInput(load(), { splitIncidentAlerts: true, includeRaw: true });
		expect(records.length).toBeGreaterThan(0);
		for (const record of records) expect(issuesOf(record)).toEqual([]);
	});

	const valid = (): NormalizedRecord => normalizeInput(fixtures.alertEveryEvidence())[0];

	it('rejects unknown top-level fields', () => {
		expect(issuesOf({ ...valid(), surprise: 1 })).toEqual([
			expect.stringMatching(/Unrecognized key/),
		]);
	});

	it('rejects a severity outside 1–4 and a malformed fingerprint', () => {
		expect(issuesOf({ ...valid(), severity: 5 })).not.toEqual([]);
		expect(issuesOf({ ...valid(), fingerprint: 'abc' })).not.toEqual([]);
	});

	it('rejects type-specific observable fields on the wrong type', () => {
		const record = valid();
		const ip = record.observables.find((observable) => observable.type === 'ip');
		const hash = record.observables.find((observable) => observable.type === 'hash');
		expect(issuesOf({ ...record, observables: [{ ...ip, hashType: 'md5' }] })).toEqual([
			expect.stringMatching(/^observables\.0\.hashType: hashType is set on hash observables/),
		]);
		expect(issuesOf({ ...record, observables: [{ ...hash, hashType: undefined }] })).not.toEqual(
			[],
		);
	});

	it('rejects a worst verdict that is not among the verdicts', () => {
		const record = valid();
		const [first] = record.observables;
		expect(
			issuesOf({ ...record, observables: [{ ...first, verdict: 'malicious', verdicts: [] }] }),
		).toEqual(['observables.0.verdict: verdict must be one of verdicts']);
	});

	it('rejects extraData that does not match the record kind', () => {
		const record = valid();
		expect(
			issuesOf({
				...record,
				extraData: {
					source: 'defender',
					sourceType: 'alert',
					defenderIncidentId: '1',
					tenantId: null,
				},
			}),
		).not.toEqual([]);
	});
});
