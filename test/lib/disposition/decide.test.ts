import { decideEntity, selectTargets, type Disposition } from '../../../lib/disposition';

const falsePositive: Disposition = { classification: 'falsePositive' };
const COMMENT = 'Case 42 closed in TheHive with resolution: FalsePositive';

describe('decideEntity', () => {
	it('resolves and comments an open entity', () => {
		expect(decideEntity('alert', { status: 'new', comments: [] }, falsePositive, COMMENT)).toEqual({
			skip: false,
			patch: { status: 'resolved', classification: 'falsePositive' },
			comment: COMMENT,
			actions: ['resolved', 'commented'],
		});
	});

	it('sends the determination when the mapping has one', () => {
		const decision = decideEntity(
			'incident',
			{ status: 'active' },
			{ classification: 'falsePositive', determination: 'notMalicious' },
			undefined,
		);
		expect(decision).toEqual({
			skip: false,
			patch: { status: 'resolved', classification: 'falsePositive', determination: 'notMalicious' },
			comment: undefined,
			actions: ['resolved'],
		});
	});

	it('changes nothing when already resolved with the same classification and comment', () => {
		const state = {
			status: 'resolved',
			classification: 'falsePositive',
			determination: 'other',
			comments: [{ comment: 'first' }, { comment: `${COMMENT}\n` }],
		};
		expect(decideEntity('alert', state, falsePositive, COMMENT)).toEqual({
			skip: false,
			patch: undefined,
			comment: undefined,
			actions: ['alreadyResolved', 'commentExisted'],
		});
	});

	it('adds the comment to an entity someone already resolved the same way', () => {
		const state = { status: 'resolved', classification: 'falsePositive', comments: null };
		expect(decideEntity('alert', state, falsePositive, COMMENT)).toMatchObject({
			patch: undefined,
			comment: COMMENT,
			actions: ['alreadyResolved', 'commented'],
		});
	});

	it.each([
		['a different classification', { status: 'resolved', classification: 'truePositive' }],
		['status in progress', { status: 'inProgress', classification: 'falsePositive' }],
	])('patches again when resolved with %s', (_, state) => {
		expect(decideEntity('alert', state, falsePositive, undefined)).toMatchObject({
			patch: { status: 'resolved', classification: 'falsePositive' },
			actions: ['resolved'],
		});
	});

	it('patches when the mapped determination differs', () => {
		const state = { status: 'resolved', classification: 'falsePositive', determination: 'other' };
		expect(
			decideEntity(
				'alert',
				state,
				{ classification: 'falsePositive', determination: 'notMalicious' },
				undefined,
			),
		).toMatchObject({ actions: ['resolved'] });
	});

	it('skips a merged incident with the incident it went to', () => {
		expect(
			decideEntity(
				'incident',
				{ status: 'redirected', redirectIncidentId: '99' },
				falsePositive,
				COMMENT,
			),
		).toEqual({ skip: true, reason: 'Incident was merged into incident 99' });
	});
});

describe('selectTargets', () => {
	const found = {
		found: true as const,
		rule: 'idFields' as const,
		alertIds: ['a1'],
		incidentIds: ['7'],
	};

	it.each([
		[true, true, ['alert:a1', 'incident:7'], []],
		[true, false, ['alert:a1'], ['incident:7:Close Incidents on Case Close is off']],
		[false, true, ['incident:7'], ['alert:a1:Close Alerts on Case Close is off']],
		[
			false,
			false,
			[],
			[
				'alert:a1:Close Alerts on Case Close is off',
				'incident:7:Close Incidents on Case Close is off',
			],
		],
	])('closeAlerts %p closeIncidents %p', (closeAlerts, closeIncidents, targets, skipped) => {
		const selection = selectTargets(found, { closeAlerts, closeIncidents });
		expect(selection.targets.map((t) => `${t.type}:${t.id}`)).toEqual(targets);
		expect(selection.skipped.map((s) => `${s.type}:${s.id}:${s.reason}`)).toEqual(skipped);
		for (const entry of selection.skipped) expect(entry.actions).toEqual(['skipped']);
	});
});
