import nock from 'nock';

import { jsonOf, pairing, runNode, runNodeError } from '../helpers';
import {
	DEVICE_A,
	DEVICE_B,
	DEVICE_C,
	device,
	isolationHistory,
	machineAction,
	mde,
	mdeError,
} from '../mdeHelpers';

const isolate = { resource: 'device', operation: 'isolate', comment: 'INC-42' };

/** Records any request nothing else answered, so a test can show none was sent. */
function unexpectedRequests(): string[] {
	const seen: string[] = [];
	for (const method of ['GET', 'POST', 'DELETE']) {
		mde()
			.persist()
			.intercept(/.*/, method)
			.reply(function () {
				seen.push(`${this.req.method} ${this.req.path}`);
				return [500, {}];
			});
	}
	return seen;
}

function isolationFacts(scope: nock.Scope, id: string, tags: string[] = []): nock.Scope {
	return scope
		.get(`/api/machines/${id}`)
		.reply(200, device(id, { machineTags: tags }))
		.get('/api/machineactions')
		.query(isolationHistory(id))
		.reply(200, { value: [] });
}

describe('Defender › Device › Isolate and the other actions', () => {
	it('isolates with the exact body, waits for the final status and pairs each device with its item', async () => {
		let scope = isolationFacts(mde(), DEVICE_A);
		scope = isolationFacts(scope, DEVICE_B);
		scope
			.post(`/api/machines/${DEVICE_A}/isolate`, { Comment: 'INC-42', IsolationType: 'Selective' })
			.reply(201, machineAction('act-a'))
			.get('/api/machineactions/act-a')
			.reply(200, machineAction('act-a', { status: 'Succeeded' }))
			.post(`/api/machines/${DEVICE_B}/isolate`, { Comment: 'INC-42', IsolationType: 'Selective' })
			.reply(201, machineAction('act-b', { machineId: DEVICE_B }))
			.get('/api/machineactions/act-b')
			.reply(200, machineAction('act-b', { machineId: DEVICE_B, status: 'Failed' }));

		const items = await runNode({
			parameters: { ...isolate, isolationType: 'Selective' },
			items: [{}, {}],
			itemParameters: [{ deviceIds: DEVICE_A }, { deviceIds: [DEVICE_B] }],
		});

		expect(scope.isDone()).toBe(true);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({
				machineId: DEVICE_A,
				action: 'isolate',
				outcome: 'completed',
				status: 'Succeeded',
				succeeded: true,
				dryRun: false,
				machineAction: expect.objectContaining({ id: 'act-a' }),
			}),
			expect.objectContaining({
				machineId: DEVICE_B,
				outcome: 'completed',
				status: 'Failed',
				succeeded: false,
			}),
		]);
	});

	it('returns the requested action without waiting when Wait for Completion is off', async () => {
		const scope = mde()
			.post(`/api/machines/${DEVICE_A}/runAntiVirusScan`, { Comment: 'INC-42', ScanType: 'Full' })
			.reply(201, machineAction('scan-1', { type: 'RunAntiVirusScan' }));
		const items = await runNode({
			parameters: {
				resource: 'device',
				operation: 'runAntiVirusScan',
				comment: 'INC-42',
				scanType: 'Full',
				deviceIds: DEVICE_A,
				options: { waitForCompletion: false, skipIfAlreadyInState: false },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({ outcome: 'requested', status: 'Pending' }),
		]);
	});

	it('reports a wait that runs out of time as still running', async () => {
		const scope = mde()
			.post(`/api/machines/${DEVICE_A}/restrictCodeExecution`, { Comment: 'INC-42' })
			.reply(201, machineAction('r-1', { type: 'RestrictCodeExecution' }))
			.get('/api/machineactions/r-1')
			.reply(200, machineAction('r-1', { type: 'RestrictCodeExecution', status: 'InProgress' }));
		const items = await runNode({
			parameters: {
				resource: 'device',
				operation: 'restrictCodeExecution',
				comment: 'INC-42',
				deviceIds: DEVICE_A,
				options: { skipIfAlreadyInState: false, waitTimeLimit: 0 },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({
			outcome: 'waitTimedOut',
			status: 'InProgress',
			reason: expect.stringContaining('keeps running in Defender'),
		});
	});

	it('returns the investigation package download URI', async () => {
		const uri = 'https://blob.example.test/package.zip?sig=fake';
		const scope = mde()
			.post(`/api/machines/${DEVICE_A}/collectInvestigationPackage`, { Comment: 'INC-42' })
			.reply(201, machineAction('pkg-1', { type: 'CollectInvestigationPackage' }))
			.get('/api/machineactions/pkg-1')
			.reply(
				200,
				machineAction('pkg-1', { type: 'CollectInvestigationPackage', status: 'Succeeded' }),
			)
			.get('/api/machineactions/pkg-1/getPackageUri')
			.reply(200, { value: uri });
		const items = await runNode({
			parameters: {
				resource: 'device',
				operation: 'collectInvestigationPackage',
				comment: 'INC-42',
				deviceIds: DEVICE_A,
				options: { skipIfAlreadyInState: false },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({ outcome: 'completed', packageUri: uri });
	});

	it('sends stop and quarantine with the SHA-1, and release and offboard with their paths', async () => {
		const sha1 = '87662bc3d60e4200ceaf7aae249d1c343f4b83c9';
		const scope = mde()
			.post(`/api/machines/${DEVICE_A}/StopAndQuarantineFile`, { Comment: 'INC-42', Sha1: sha1 })
			.reply(201, machineAction('q-1', { type: 'StopAndQuarantineFile' }))
			.post(`/api/machines/${DEVICE_A}/unisolate`, { Comment: 'INC-42' })
			.reply(201, machineAction('u-1', { type: 'Unisolate' }))
			.post(`/api/machines/${DEVICE_A}/unrestrictCodeExecution`, { Comment: 'INC-42' })
			.reply(201, machineAction('x-1', { type: 'UnrestrictCodeExecution' }))
			.post(`/api/machines/${DEVICE_A}/offboard`, { Comment: 'INC-42' })
			.reply(201, machineAction('o-1', { type: 'Offboard' }));
		const base = {
			resource: 'device',
			comment: 'INC-42',
			deviceIds: DEVICE_A,
			options: { waitForCompletion: false, skipIfAlreadyInState: false, protectedTags: '' },
		};
		for (const operation of [
			'stopAndQuarantineFile',
			'unisolate',
			'unrestrictCodeExecution',
			'offboard',
		]) {
			const items = await runNode({ parameters: { ...base, operation, sha1: sha1.toUpperCase() } });
			expect(jsonOf(items)[0]).toMatchObject({ outcome: 'requested', action: operation });
		}
		expect(scope.isDone()).toBe(true);
	});

	it('reports 400 "already in progress" as a result with the running action', async () => {
		const running = machineAction('act-running', { status: 'InProgress' });
		const scope = mde()
			.post(`/api/machines/${DEVICE_A}/isolate`)
			.reply(400, mdeError('ActiveRequestAlreadyExists', 'Action is already in progress'))
			.get('/api/machineactions')
			.query({
				$top: '10000',
				$filter: `machineId eq '${DEVICE_A}' and type eq 'Isolate' and (status eq 'Pending' or status eq 'InProgress')`,
			})
			.reply(200, { value: [running] });
		const items = await runNode({
			parameters: {
				...isolate,
				deviceIds: DEVICE_A,
				options: { skipIfAlreadyInState: false, protectedTags: '' },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({
				outcome: 'alreadyInProgress',
				status: 'InProgress',
				reason: expect.stringContaining('already in progress'),
				machineAction: expect.objectContaining({ id: 'act-running' }),
			}),
		]);
	});

	it('fails with the missing permission named on 403 (Machine.Isolate)', async () => {
		mde()
			.post(`/api/machines/${DEVICE_A}/isolate`)
			.reply(403, mdeError('Forbidden', 'Missing application permission'));
		const error = await runNodeError({
			parameters: {
				...isolate,
				deviceIds: DEVICE_A,
				options: { skipIfAlreadyInState: false, protectedTags: '' },
			},
		});
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('403');
		expect(error.message).toContain(DEVICE_A);
		expect(error.description).toContain(
			'WindowsDefenderATP application permission Machine.Isolate',
		);
		expect(error.description).toContain('grant admin consent');
	});

	it('with Continue On Fail, a failed device becomes an error item and the others carry on', async () => {
		const scope = mde()
			.post(`/api/machines/${DEVICE_A}/runAntiVirusScan`)
			.reply(403, mdeError('Forbidden', 'Missing application permission'))
			.post(`/api/machines/${DEVICE_B}/runAntiVirusScan`, { Comment: 'INC-42', ScanType: 'Quick' })
			.reply(201, machineAction('s-b', { type: 'RunAntiVirusScan', machineId: DEVICE_B }));
		const items = await runNode({
			parameters: {
				resource: 'device',
				operation: 'runAntiVirusScan',
				comment: 'INC-42',
				options: { waitForCompletion: false, skipIfAlreadyInState: false },
			},
			items: [{}, {}, {}],
			itemParameters: [{ deviceIds: DEVICE_A }, { deviceIds: '' }, { deviceIds: DEVICE_B }],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(jsonOf(items)[0]).toMatchObject({
			kind: 'forbidden',
			status: 403,
			machineId: DEVICE_A,
			hint: expect.stringContaining('Machine.Scan'),
		});
		expect(jsonOf(items)[1]).toMatchObject({ error: 'Device IDs is empty.' });
		expect(jsonOf(items)[2]).toMatchObject({ machineId: DEVICE_B, outcome: 'requested' });
	});

	it('retries a 429 on the action after its Retry-After', async () => {
		const scope = mde()
			.post(`/api/machines/${DEVICE_A}/offboard`)
			.reply(429, mdeError('TooManyRequests', 'Too many requests'), { 'Retry-After': '0' })
			.post(`/api/machines/${DEVICE_A}/offboard`, { Comment: 'INC-42' })
			.reply(201, machineAction('o-1', { type: 'Offboard' }));
		const items = await runNode({
			parameters: {
				resource: 'device',
				operation: 'offboard',
				comment: 'INC-42',
				deviceIds: DEVICE_A,
				options: { waitForCompletion: false, skipIfAlreadyInState: false, protectedTags: '' },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({ outcome: 'requested' });
	});

	it('skips a device with the protected tag and one on the protected list, and isolates the rest', async () => {
		let scope = isolationFacts(mde(), DEVICE_A, ['Do-Not-Isolate']);
		scope = isolationFacts(scope, DEVICE_B);
		scope = isolationFacts(scope, DEVICE_C);
		scope
			.post(`/api/machines/${DEVICE_C}/isolate`)
			.reply(201, machineAction('act-c', { machineId: DEVICE_C }));
		const items = await runNode({
			parameters: {
				...isolate,
				deviceIds: `${DEVICE_A}, ${DEVICE_B}, ${DEVICE_C}`,
				options: { waitForCompletion: false, protectedDeviceIds: DEVICE_B.toUpperCase() },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({ machineId: DEVICE_A, outcome: 'skipped', code: 'protectedTag' }),
			expect.objectContaining({ machineId: DEVICE_B, outcome: 'skipped', code: 'protectedId' }),
			expect.objectContaining({ machineId: DEVICE_C, outcome: 'requested' }),
		]);
	});

	it('skips a device already isolated (state pre-check)', async () => {
		const scope = mde()
			.get(`/api/machines/${DEVICE_A}`)
			.reply(200, device(DEVICE_A))
			.get('/api/machineactions')
			.query(isolationHistory(DEVICE_A))
			.reply(200, { value: [machineAction('old', { status: 'Succeeded' })] });
		const items = await runNode({ parameters: { ...isolate, deviceIds: DEVICE_A } });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({ outcome: 'skipped', code: 'alreadyInState' });
	});

	it('refuses the whole execution before any request when all items name more devices than the maximum', async () => {
		const seen = unexpectedRequests();
		const error = await runNodeError({
			parameters: { ...isolate, options: { maxDevices: 2 } },
			items: [{}, {}],
			itemParameters: [{ deviceIds: [DEVICE_A, DEVICE_B] }, { deviceIds: DEVICE_C }],
		});
		expect(error.message).toBe(
			'Refusing to isolate 3 devices: the limit per execution is 2. Nothing was sent.',
		);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(seen).toEqual([]);
	});

	it('refuses with an error item per input under Continue On Fail, still sending nothing', async () => {
		const seen = unexpectedRequests();
		const items = await runNode({
			parameters: { ...isolate, options: { maxDevices: 1 } },
			items: [{}, {}],
			itemParameters: [{ deviceIds: DEVICE_A }, { deviceIds: DEVICE_B }],
			continueOnFail: true,
		});
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const json of jsonOf(items)) expect(json.error).toMatch(/^Refusing to isolate 2 devices/);
		expect(seen).toEqual([]);
	});

	it('dry run reads the facts and reports, but sends no action', async () => {
		const scope = isolationFacts(mde(), DEVICE_A);
		const seen = unexpectedRequests();
		const items = await runNode({
			parameters: { ...isolate, deviceIds: DEVICE_A, options: { dryRun: true } },
		});
		expect(scope.isDone()).toBe(true);
		expect(seen).toEqual([]);
		expect(jsonOf(items)[0]).toMatchObject({
			outcome: 'wouldRun',
			dryRun: true,
			reason: expect.stringMatching(/^Dry run: would isolate/),
		});
	});

	it('fails an invalid item before any request: missing comment, bad SHA-1', async () => {
		const seen = unexpectedRequests();
		const noComment = await runNodeError({
			parameters: { ...isolate, comment: ' ', deviceIds: DEVICE_A },
		});
		expect(noComment.message).toBe('Comment is empty.');
		const badHash = await runNodeError({
			parameters: {
				resource: 'device',
				operation: 'stopAndQuarantineFile',
				comment: 'INC-42',
				deviceIds: DEVICE_A,
				sha1: 'not-a-hash',
			},
		});
		expect(badHash.message).toMatch(/needs the SHA-1 of the file/);
		expect(seen).toEqual([]);
	});

	it('acts once on a device named by two items; each item gets its result', async () => {
		const scope = mde()
			.post(`/api/machines/${DEVICE_A}/runAntiVirusScan`, { Comment: 'first', ScanType: 'Quick' })
			.once()
			.reply(201, machineAction('s-1', { type: 'RunAntiVirusScan' }))
			.post(`/api/machines/${DEVICE_B}/runAntiVirusScan`, { Comment: 'second', ScanType: 'Quick' })
			.reply(201, machineAction('s-2', { type: 'RunAntiVirusScan', machineId: DEVICE_B }));
		const items = await runNode({
			parameters: {
				resource: 'device',
				operation: 'runAntiVirusScan',
				options: { waitForCompletion: false, skipIfAlreadyInState: false },
			},
			items: [{}, {}],
			itemParameters: [
				{ deviceIds: DEVICE_A, comment: 'first' },
				{ deviceIds: [DEVICE_A.toUpperCase(), DEVICE_B], comment: 'second' },
			],
		});
		expect(scope.isDone()).toBe(true);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
		expect(jsonOf(items).map((json) => (json.machineAction as { id: string }).id)).toEqual([
			's-1',
			's-1',
			's-2',
		]);
	});
});
