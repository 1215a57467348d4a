import {
	SyncProgress,
	answerTimedOut,
	decideEntity,
	worthAnotherRound,
	writeMayHaveApplied,
	type EntityDecision,
} from '../../../lib/disposition';
import { DefenderError } from '../../../lib/errors';

const ALERT = { type: 'alert' as const, id: 'da1' };
const INCIDENT = { type: 'incident' as const, id: '42' };
const COMMENT = 'Case c-1 closed in TheHive with resolution: FalsePositive';
const disposition = { classification: 'falsePositive' as const };

function open(): EntityDecision {
	return decideEntity('alert', { status: 'new', comments: [] }, disposition, COMMENT);
}

function resolvedWithoutComment(type: 'alert' | 'incident' = 'alert'): EntityDecision {
	return decideEntity(
		type,
		{ status: 'resolved', classification: 'falsePositive' },
		disposition,
		COMMENT,
	);
}

function finished(): EntityDecision {
	return decideEntity(
		'alert',
		{ status: 'resolved', classification: 'falsePositive', comments: [{ comment: COMMENT }] },
		disposition,
		COMMENT,
	);
}

const noAnswer = new DefenderError('network', 'No response from the API.', {
	hint: 'Check the network.',
});

describe('which failures get another round', () => {
	it.each([
		[noAnswer, true, true],
		[new DefenderError('server', 'Gateway timeout', { status: 504 }), true, true],
		[new DefenderError('server', 'Unavailable', { status: 503 }), true, false],
		[new DefenderError('throttled', 'Too many requests', { status: 429 }), true, false],
		[new DefenderError('schema', 'Broken answer'), true, true],
		[new DefenderError('notFound', 'Gone', { status: 404 }), false, false],
		[new DefenderError('validation', 'Bad'), false, false],
		[new Error('unexpected'), false, false],
	])('%s: another round %s, may have been applied %s', (error, again, applied) => {
		expect(worthAnotherRound(error)).toBe(again);
		expect(writeMayHaveApplied(error)).toBe(applied);
	});
});

describe('answers that timed out (the request may still be running)', () => {
	it.each([
		['ECONNABORTED', true],
		['ETIMEDOUT', true],
		['UND_ERR_HEADERS_TIMEOUT', true],
		['ECONNRESET', false],
		[undefined, false],
	])('network error with code %s: %s', (code, timedOut) => {
		expect(answerTimedOut(new DefenderError('network', 'No response.', { code }))).toBe(timedOut);
	});

	it('only network errors count', () => {
		expect(
			answerTimedOut(new DefenderError('server', 'Gateway', { status: 504, code: 'ETIMEDOUT' })),
		).toBe(false);
		expect(answerTimedOut(Object.assign(new Error('timeout'), { code: 'ECONNABORTED' }))).toBe(
			false,
		);
	});
});

describe('SyncProgress', () => {
	it('reports a write whose answer was lost, found done on the next read, as done by this sync', () => {
		const progress = new SyncProgress([ALERT]);
		progress.record(0, 'resolve', 'done');
		progress.record(0, 'comment', 'unknown');
		const decision = finished();
		if (decision.skip) throw new Error('not expected');
		expect(decision.actions).toEqual(['alreadyResolved', 'commentExisted']);
		expect(progress.actions(0, decision)).toEqual(['resolved', 'commented']);
	});

	it('a lost answer confirmed by the next read is reported as done when the sync gives up later', () => {
		const progress = new SyncProgress([ALERT, INCIDENT]);
		progress.record(0, 'resolve', 'done');
		progress.record(0, 'comment', 'unknown');
		progress.record(1, 'resolve', 'done');
		progress.record(1, 'comment', 'failed');
		const alertNow = finished();
		const incidentNow = resolvedWithoutComment('incident');
		progress.confirm(0, alertNow);
		progress.confirm(1, incidentNow);
		const error = progress.giveUp(noAnswer, [alertNow, incidentNow], 'c-1') as DefenderError;
		expect(error.message).toContain(
			'alert da1 resolved, comment added; incident 42 resolved, comment not added.',
		);
	});

	it('keeps reporting what was already there before the sync as already there', () => {
		const progress = new SyncProgress([ALERT]);
		const decision = finished();
		if (decision.skip) throw new Error('not expected');
		expect(progress.actions(0, decision)).toEqual(['alreadyResolved', 'commentExisted']);
	});

	it('a later done wins; a failure does not hide an earlier unknown outcome', () => {
		const progress = new SyncProgress([ALERT]);
		progress.record(0, 'comment', 'unknown');
		progress.record(0, 'comment', 'failed');
		const error = progress.giveUp(noAnswer, [resolvedWithoutComment()], 'c-1') as DefenderError;
		expect(error.message).toContain('alert da1 already resolved, comment maybe added (no answer)');
		progress.record(0, 'comment', 'done');
		progress.record(0, 'comment', 'failed');
		const later = progress.giveUp(noAnswer, [resolvedWithoutComment()], 'c-1') as DefenderError;
		expect(later.message).toContain('alert da1 already resolved, comment added');
	});

	it('gives up with a message per entity: what was done and what was not', () => {
		const progress = new SyncProgress([ALERT, INCIDENT]);
		progress.record(0, 'resolve', 'done');
		progress.record(0, 'comment', 'failed');
		progress.record(1, 'resolve', 'failed');
		const error = progress.giveUp(
			new DefenderError('server', 'Alert da1: The service is unavailable.', { status: 503 }),
			[open(), decideEntity('incident', { status: 'active' }, disposition, COMMENT)],
			'c-1',
		) as DefenderError;
		expect(error).toBeInstanceOf(DefenderError);
		expect(error.kind).toBe('server');
		expect(error.status).toBe(503);
		expect(error.message).toBe(
			'Case c-1 is only partly synced to Defender: alert da1 resolved, comment not added; incident 42 not resolved, comment not added. Alert da1: The service is unavailable.',
		);
		expect(error.hint).toBe(
			'Run the sync again on this case once the API answers: it reads each alert and incident first, so nothing is resolved or commented twice.',
		);
	});

	it('says nothing was changed when every write failed before it ran', () => {
		const progress = new SyncProgress([ALERT]);
		progress.record(0, 'resolve', 'failed');
		const error = progress.giveUp(noAnswer, [open()], '') as DefenderError;
		expect(error.message).toBe(
			'This case was not synced to Defender, nothing was changed: alert da1 not resolved, comment not added. No response from the API.',
		);
		expect(error.hint).toMatch(/Check the network\.$/);
	});

	it('keeps the error as it is when the sync failed reading, before any write', () => {
		const progress = new SyncProgress([ALERT]);
		const error = new DefenderError('notFound', 'Alert da1: The alert was not found.');
		expect(progress.giveUp(error, [], 'c-1')).toBe(error);
	});

	it('names skipped entities and entities with nothing to do', () => {
		const progress = new SyncProgress([ALERT, INCIDENT]);
		progress.record(0, 'comment', 'failed');
		const error = progress.giveUp(
			noAnswer,
			[
				resolvedWithoutComment(),
				decideEntity(
					'incident',
					{ status: 'redirected', redirectIncidentId: '7' },
					disposition,
					COMMENT,
				),
			],
			'c-1',
		) as DefenderError;
		expect(error.message).toContain(
			'alert da1 already resolved, comment not added; incident 42 skipped (Incident was merged into incident 7)',
		);
	});
});
