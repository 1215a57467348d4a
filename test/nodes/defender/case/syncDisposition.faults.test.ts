/**
 * Case → Sync Closed Case to Defender against the emulator with faults on every step: the read,
 * the resolve, the comment and the $batch call, including writes that went through while their
 * answer was lost. Every case must end resolved with exactly one audit comment, or as an error
 * item that says what was done and what was not; a second run completes it with one comment.
 */
import { sleep, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { Defender } from '../../../../nodes/Defender/Defender.node';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { emulatorCredential } from '../../emulatorCredential';
import { createContext } from '../../n8nHarness';
import {
	CASE_SYSTEM,
	LASTING,
	buildCases,
	checkOutcome,
	complete,
	entityPath,
	faultFor,
	injectFaults,
	seededRandom,
	stateOf,
	type FaultKind,
	type SyncCase,
	type Target,
} from './dispositionFaults';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ alerts: 400, seed: 21, httpsPort: false, rateLimits: false });
});

afterAll(async () => {
	await emulator.stop();
});

beforeEach(() => {
	emulator.admin.reset();
});

interface RunSettings {
	batch: boolean;
	continueOnFail?: boolean;
	requestTimeoutSeconds?: number;
}

async function sync(
	cases: readonly SyncCase[],
	settings: RunSettings,
): Promise<INodeExecutionData[]> {
	const { context } = createContext({
		parameters: {
			resource: 'case',
			operation: 'syncDisposition',
			caseSystem: CASE_SYSTEM,
			options: { batchRequests: settings.batch },
			...(settings.requestTimeoutSeconds
				? { requestOptions: { requestTimeout: settings.requestTimeoutSeconds } }
				: {}),
		},
		items: cases.map((syncCase) => ({ json: syncCase.json })),
		continueOnFail: settings.continueOnFail ?? true,
		credentials: { defenderXdrApi: emulatorCredential(emulator) },
	});
	const output = await new Defender().execute.call(context as never);
	return output[0] as INodeExecutionData[];
}

async function syncError(cases: readonly SyncCase[], settings: RunSettings): Promise<Error> {
	const error = await sync(cases, { ...settings, continueOnFail: false }).then(
		() => undefined,
		(rejection: unknown) => rejection,
	);
	expect(error).toBeInstanceOf(Error);
	return error as Error;
}

function syncOf(item: INodeExecutionData | undefined): IDataObject {
	return (item?.json.defenderSync ?? {}) as IDataObject;
}

function commentPosts(): number {
	return emulator.requests
		.list()
		.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/comments')).length;
}

function oneCase(
	random = seededRandom(1),
	link: 'alert' | 'incident' | 'both' = 'alert',
): SyncCase {
	for (let i = 0; i < 50; i++) {
		const [candidate] = buildCases(emulator, 1, random);
		if (candidate && (candidate.targets.length === 2) === (link === 'both')) {
			if (link === 'both' || candidate.targets[0]?.type === link) return candidate;
		}
	}
	throw new Error(`no ${link} case found`);
}

describe.each([
	['one by one', false],
	['through $batch', true],
])('Sync Closed Case under faults, %s', (_mode, batch) => {
	// A lone case with one alert is sent one by one; two cases make the batched mode batch.
	const cases = (random = seededRandom(batch ? 7 : 3)): SyncCase[] =>
		batch ? buildCases(emulator, 2, random) : [oneCase(random)];

	it.each<FaultKind>([
		'get429',
		'getReset',
		'get503',
		'patch503',
		'patchReset',
		'patchLost',
		'comment429',
		'comment503',
		'commentLost',
		'comment504Lost',
		'commentMalformed',
	])('%s: resolved with exactly one comment, reported as synced', async (kind) => {
		const all = cases();
		const target = all[0]?.targets[0];
		if (!target) throw new Error('no target');
		emulator.faults.add(faultFor(kind, target, seededRandom(5)));
		const items = await sync(all, { batch });
		expect(emulator.faults.list()).toEqual([]);
		all.forEach((syncCase, i) => {
			expect(checkOutcome(syncCase, stateOf(emulator, syncCase), items[i]?.json ?? {})).toEqual([]);
			expect(complete(syncCase, stateOf(emulator, syncCase))).toBe(true);
			expect(syncOf(items[i]).status).toBe('synced');
			for (const entity of syncOf(items[i]).entities as IDataObject[]) {
				expect(entity.actions).toEqual(['resolved', 'commented']);
			}
		});
	});

	it('a comment answered after the request timeout is found on the next read, not posted again', async () => {
		const all = cases();
		const target = all[0]?.targets[0];
		if (!target) throw new Error('no target');
		emulator.faults.add({
			method: 'POST',
			path: `${entityPath(target)}/comments`,
			delayMs: 1_500,
			afterProcessing: true,
		});
		const items = await sync(all, { batch, requestTimeoutSeconds: 1 });
		all.forEach((syncCase, i) => {
			expect(complete(syncCase, stateOf(emulator, syncCase))).toBe(true);
			expect(syncOf(items[i]).status).toBe('synced');
		});
		const entity = (syncOf(items[0]).entities as IDataObject[]).find((e) => e.id === target.id);
		expect(entity?.actions).toEqual(['resolved', 'commented']);
		// The late answer is logged once the emulator has sent it.
		await sleep(1_000);
		expect(commentPosts()).toBe(all.reduce((sum, c) => sum + c.targets.length, 0));
		expect(complete(all[0] as SyncCase, stateOf(emulator, all[0] as SyncCase))).toBe(true);
	});

	it('a comment whose answer was lost is found on the next read, not posted again', async () => {
		const all = cases();
		const target = all[0]?.targets[0];
		if (!target) throw new Error('no target');
		emulator.faults.add(faultFor('commentLost', target, seededRandom(5)));
		await sync(all, { batch });
		const posts = emulator.requests
			.list()
			.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/comments'));
		expect(
			posts.filter((entry) => entry.path.includes(encodeURIComponent(target.id))),
		).toHaveLength(1);
		expect(commentPosts()).toBe(all.reduce((sum, c) => sum + c.targets.length, 0));
	});

	it('comment down for good: the error item says the entity was resolved and the comment not added; a re-run adds it once', async () => {
		const all = cases();
		const first = all[0] as SyncCase;
		const target = first.targets[0];
		if (!target) throw new Error('no target');
		emulator.faults.add(faultFor('commentDown', target, seededRandom(5)));
		const items = await sync(all, { batch });
		const errorItem = items[0]?.json ?? {};
		const name = `${target.type} ${target.id}`;
		expect(errorItem.error).toEqual(expect.stringContaining(`is only partly synced to Defender`));
		expect(errorItem.error).toEqual(expect.stringContaining(`${name} resolved, comment not added`));
		expect(errorItem.hint).toMatch(/^Run the sync again on this case/);
		expect(items[0]?.pairedItem).toEqual({ item: 0 });
		expect(stateOf(emulator, first).find((s) => s.target.id === target.id)).toMatchObject({
			resolved: true,
			comments: 0,
		});
		// The other case is not held back by this one.
		if (all[1]) expect(complete(all[1], stateOf(emulator, all[1]))).toBe(true);

		emulator.faults.clear();
		const again = await sync(all, { batch });
		expect(complete(first, stateOf(emulator, first))).toBe(true);
		const entity = (syncOf(again[0]).entities as IDataObject[]).find((e) => e.id === target.id);
		expect(entity?.actions).toEqual(['alreadyResolved', 'commented']);
	});

	it('a lost comment answer, then the sync gives up on another entity: the error counts that comment as added, a second run adds no second one', async () => {
		const both = buildCases(emulator, 8, seededRandom(batch ? 21 : 22)).find(
			(c) => c.targets.length === 2,
		);
		if (!both) throw new Error('no case linking an alert and its incident');
		const [alertTarget, incidentTarget] = both.targets as [Target, Target];
		emulator.faults.add(faultFor('commentLost', alertTarget, seededRandom(5)));
		emulator.faults.add(faultFor('commentDown', incidentTarget, seededRandom(5)));
		const [item] = await sync([both], { batch });
		expect(item?.json.error).toEqual(
			expect.stringContaining(
				`alert ${alertTarget.id} resolved, comment added; incident ${incidentTarget.id} resolved, comment not added`,
			),
		);
		expect(stateOf(emulator, both).map((s) => s.comments)).toEqual([1, 0]);

		emulator.faults.clear();
		const [again] = await sync([both], { batch });
		expect(syncOf(again).entities).toEqual([
			{ ...alertTarget, actions: ['alreadyResolved', 'commentExisted'] },
			{ ...incidentTarget, actions: ['alreadyResolved', 'commented'] },
		]);
		expect(complete(both, stateOf(emulator, both))).toBe(true);
	});

	it('without Continue On Fail the node error names what was done and what was not', async () => {
		const all = cases();
		const target = all[0]?.targets[0];
		if (!target) throw new Error('no target');
		emulator.faults.add(faultFor('commentDown', target, seededRandom(5)));
		const error = await syncError(all, { batch });
		expect(error.message).toContain(`${target.type} ${target.id} resolved, comment not added`);
		expect(error.message).toContain(`Case ${all[0]?.caseId} is only partly synced`);
	});

	it('a read down for good: nothing is changed and the error item names the entity', async () => {
		const all = cases();
		const first = all[0] as SyncCase;
		const target = first.targets[0];
		if (!target) throw new Error('no target');
		emulator.faults.add(faultFor('getDown', target, seededRandom(5)));
		const items = await sync(all, { batch });
		expect(String(items[0]?.json.error)).toMatch(
			new RegExp(`^${target.type === 'alert' ? 'Alert' : 'Incident'} ${target.id}: `),
		);
		expect(stateOf(emulator, first).every((s) => !s.resolved && s.comments === 0)).toBe(true);
		emulator.faults.clear();
		await sync(all, { batch });
		expect(complete(first, stateOf(emulator, first))).toBe(true);
	});
});

describe('Sync Closed Case under faults, $batch calls themselves', () => {
	it.each<FaultKind>(['batch503', 'batchLost'])(
		'%s: every case resolved with exactly one comment',
		async (kind) => {
			const all = buildCases(emulator, 5, seededRandom(11));
			// Once on the reads, once on the resolves, once on the comments.
			for (let n = 0; n < 3; n++)
				emulator.faults.add(faultFor(kind, all[0]?.targets[0] as never, Math.random));
			const items = await sync(all, { batch: true });
			all.forEach((syncCase, i) => {
				expect(checkOutcome(syncCase, stateOf(emulator, syncCase), items[i]?.json ?? {})).toEqual(
					[],
				);
				expect(complete(syncCase, stateOf(emulator, syncCase))).toBe(true);
			});
		},
	);

	it('$batch down for good: with Continue On Fail every case is its own error item, nothing changed', async () => {
		const all = buildCases(emulator, 3, seededRandom(13));
		emulator.faults.add({
			method: 'POST',
			path: '/v1.0/$batch',
			status: 503,
			retryAfter: '0',
			times: 100,
		});
		const items = await sync(all, { batch: true });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		all.forEach((syncCase, i) => {
			expect(items[i]?.json).toMatchObject({ kind: 'server', status: 503 });
			expect(String(items[i]?.json.error)).toMatch(
				new RegExp(`^(Alert|Incident) (${syncCase.targets.map((t) => t.id).join('|')}): `),
			);
			expect(stateOf(emulator, syncCase).every((s) => !s.resolved && s.comments === 0)).toBe(true);
		});
		emulator.faults.clear();
	});

	it('a lost inner comment answer (504 after the comment was stored) is read again, not posted again', async () => {
		const all = buildCases(emulator, 4, seededRandom(12));
		for (const syncCase of all) {
			emulator.faults.add(faultFor('comment504Lost', syncCase.targets[0] as never, Math.random));
		}
		const items = await sync(all, { batch: true });
		all.forEach((syncCase, i) => {
			expect(complete(syncCase, stateOf(emulator, syncCase))).toBe(true);
			expect(syncOf(items[i]).status).toBe('synced');
		});
		expect(commentPosts()).toBe(all.reduce((sum, c) => sum + c.targets.length, 0));
	});
});

describe('Sync Closed Case, seeded random faults over many cases', () => {
	it.each([
		[101, true],
		[202, true],
		[303, false],
		[404, true],
	])(
		'seed %i (batched %s): each case resolved with one comment or an error item saying what is missing; a re-run of the errors completes all',
		async (seed, batch) => {
			const random = seededRandom(seed);
			const all = buildCases(emulator, 24, random, `s${seed}`);
			const injected = injectFaults(emulator, all, random, { batch });
			expect(injected.length).toBeGreaterThan(5);
			const first = await sync(all, { batch });
			expect(first.map((item) => item.pairedItem)).toEqual(all.map((_, item) => ({ item })));
			const problems: string[] = [];
			const errored: SyncCase[] = [];
			all.forEach((syncCase, i) => {
				const output = first[i]?.json ?? {};
				for (const problem of checkOutcome(syncCase, stateOf(emulator, syncCase), output)) {
					problems.push(`${syncCase.caseId}: ${problem}`);
				}
				if (typeof output.error === 'string') errored.push(syncCase);
			});
			expect(problems).toEqual([]);
			// Only lasting faults end in an error item.
			if (!injected.some((kind) => LASTING.has(kind))) expect(errored).toEqual([]);

			emulator.faults.clear();
			const second = await sync(errored, { batch });
			errored.forEach((syncCase, i) => {
				expect(second[i]?.json.error).toBeUndefined();
			});
			for (const syncCase of all) {
				expect(stateOf(emulator, syncCase)).toEqual(
					syncCase.targets.map((target) =>
						expect.objectContaining({ target, resolved: true, comments: 1 }),
					),
				);
			}
		},
	);
});
