import { runDeviceActions } from '../../../lib/mde/deviceActions';
import {
	MACHINE_ID,
	OTHER_MACHINE_ID,
	clockAndSleep,
	machine,
	machineAction,
	makeClient,
	mdeError,
	mdeScope,
} from './helpers';

const historyQuery = (id: string) => ({
	$top: '10000',
	$filter: `machineId eq '${id}' and (type eq 'Isolate' or type eq 'Unisolate')`,
});

describe('runDeviceActions', () => {
	it('refuses more devices than allowed before any request', async () => {
		const { client, transport } = makeClient();
		const { sleep } = clockAndSleep();
		await expect(
			runDeviceActions(
				client,
				{ machineIds: ['a', 'b', 'c'], action: { type: 'isolate', comment: 'x' } },
				{ sleep, guardrails: { maxDevices: 2 } },
			),
		).rejects.toThrow(/Refusing to isolate 3 devices: the limit per execution is 2/);
		expect(transport.requests).toHaveLength(0);
	});

	it('refuses an action without a comment before any request', async () => {
		const { client, transport } = makeClient();
		const { sleep } = clockAndSleep();
		await expect(
			runDeviceActions(
				client,
				{ machineIds: [MACHINE_ID], action: { type: 'offboard', comment: '' } },
				{ sleep },
			),
		).rejects.toThrow(/comment is required to offboard/);
		expect(transport.requests).toHaveLength(0);
	});

	it('isolates, waits and returns the final action; skips the protected and the already isolated', async () => {
		const protectedId = 'cccccccccccccccccccccccccccccccccccccccc';
		const scope = mdeScope()
			.get(`/api/machines/${MACHINE_ID}`)
			.reply(200, machine(MACHINE_ID))
			.get('/api/machineactions')
			.query(historyQuery(MACHINE_ID))
			.reply(200, { value: [] })
			.get(`/api/machines/${OTHER_MACHINE_ID}`)
			.reply(200, machine(OTHER_MACHINE_ID))
			.get('/api/machineactions')
			.query(historyQuery(OTHER_MACHINE_ID))
			.reply(200, {
				value: [machineAction('old-iso', { machineId: OTHER_MACHINE_ID, status: 'Succeeded' })],
			})
			.get(`/api/machines/${protectedId}`)
			.reply(200, machine(protectedId, { machineTags: ['do-not-isolate'] }))
			.get('/api/machineactions')
			.query(historyQuery(protectedId))
			.reply(200, { value: [] })
			.post(`/api/machines/${MACHINE_ID}/isolate`, { Comment: 'INC-42', IsolationType: 'Full' })
			.reply(201, machineAction('act-1'))
			.get('/api/machineactions/act-1')
			.reply(200, machineAction('act-1', { status: 'InProgress' }))
			.get('/api/machineactions/act-1')
			.reply(200, machineAction('act-1', { status: 'Succeeded' }));
		const { client } = makeClient();
		const { clock, sleep, waits } = clockAndSleep();

		const report = await runDeviceActions(
			client,
			{
				machineIds: [MACHINE_ID, OTHER_MACHINE_ID, protectedId],
				action: { type: 'isolate', comment: 'INC-42' },
			},
			{ sleep, clock },
		);

		expect(report.results).toEqual([
			expect.objectContaining({
				machineId: MACHINE_ID,
				outcome: 'completed',
				status: 'Succeeded',
				succeeded: true,
				machineAction: expect.objectContaining({ id: 'act-1' }),
			}),
			expect.objectContaining({
				machineId: OTHER_MACHINE_ID,
				outcome: 'skipped',
				code: 'alreadyInState',
			}),
			expect.objectContaining({ machineId: protectedId, outcome: 'skipped', code: 'protectedTag' }),
		]);
		expect(report.counts).toMatchObject({ completed: 1, skipped: 2, error: 0 });
		expect(waits).toEqual([10_000]);
		expect(scope.isDone()).toBe(true);
	});

	it('dry run reads the facts and sends no action', async () => {
		const scope = mdeScope()
			.get(`/api/machines/${MACHINE_ID}`)
			.reply(200, machine(MACHINE_ID))
			.get('/api/machineactions')
			.query(historyQuery(MACHINE_ID))
			.reply(200, { value: [] });
		const { client, transport } = makeClient();
		const { sleep } = clockAndSleep();

		const report = await runDeviceActions(
			client,
			{ machineIds: [MACHINE_ID], action: { type: 'isolate', comment: 'x' } },
			{ sleep, guardrails: { dryRun: true } },
		);

		expect(report).toMatchObject({ dryRun: true, counts: { wouldRun: 1 } });
		expect(report.results[0]?.reason).toMatch(/^Dry run: would isolate/);
		expect(transport.requests.every((r) => r.method === 'GET')).toBe(true);
		expect(scope.isDone()).toBe(true);
	});

	it('reports "already in progress" per device, and keeps going after one device fails', async () => {
		mdeScope()
			.post(`/api/machines/${MACHINE_ID}/runAntiVirusScan`, { Comment: 'scan', ScanType: 'Quick' })
			.reply(400, mdeError('ActiveRequestAlreadyExists', 'Action is already in progress'))
			.get('/api/machineactions')
			.query(true)
			.reply(200, {
				value: [machineAction('scan-1', { type: 'RunAntiVirusScan', status: 'InProgress' })],
			})
			.post(`/api/machines/${OTHER_MACHINE_ID}/runAntiVirusScan`)
			.reply(403, mdeError('Forbidden', 'no role'));
		const { client } = makeClient();
		const { sleep } = clockAndSleep();

		const report = await runDeviceActions(
			client,
			{
				machineIds: [MACHINE_ID, OTHER_MACHINE_ID],
				action: { type: 'runAntiVirusScan', comment: 'scan' },
			},
			{ sleep, wait: false, guardrails: { skipIfAlreadyInState: false } },
		);

		expect(report.results[0]).toMatchObject({
			outcome: 'alreadyInProgress',
			status: 'InProgress',
			machineAction: { id: 'scan-1' },
		});
		expect(report.results[1]).toMatchObject({
			outcome: 'error',
			reason: expect.stringContaining('Machine.Scan'),
			error: { kind: 'forbidden', status: 403 },
		});
	});

	it('without waiting returns the requested action as it is', async () => {
		mdeScope()
			.post(`/api/machines/${MACHINE_ID}/unisolate`)
			.reply(201, machineAction('u1', { type: 'Unisolate' }));
		const { client } = makeClient();
		const { sleep } = clockAndSleep();

		const report = await runDeviceActions(
			client,
			{ machineIds: [MACHINE_ID], action: { type: 'unisolate', comment: 'release' } },
			{ sleep, wait: false, guardrails: { skipIfAlreadyInState: false } },
		);
		expect(report.results[0]).toMatchObject({
			outcome: 'requested',
			status: 'Pending',
			reason: 'Requested; action u1 is Pending.',
		});
	});

	it('collects an investigation package and returns its download URI after success', async () => {
		const uri = 'https://userrequests-us.securitycenter.windows.com/p.zip?sig=fake';
		mdeScope()
			.post(`/api/machines/${MACHINE_ID}/collectInvestigationPackage`, { Comment: 'forensics' })
			.reply(201, machineAction('c1', { type: 'CollectInvestigationPackage' }))
			.get('/api/machineactions/c1')
			.reply(200, machineAction('c1', { type: 'CollectInvestigationPackage', status: 'Succeeded' }))
			.get('/api/machineactions/c1/getPackageUri')
			.reply(200, { value: uri });
		const { client } = makeClient();
		const { sleep, clock } = clockAndSleep();

		const report = await runDeviceActions(
			client,
			{
				machineIds: [MACHINE_ID],
				action: { type: 'collectInvestigationPackage', comment: 'forensics' },
			},
			{ sleep, clock, guardrails: { skipIfAlreadyInState: false } },
		);
		expect(report.results[0]).toMatchObject({
			outcome: 'completed',
			succeeded: true,
			packageUri: uri,
		});
	});

	it('reports a wait that ran out as waitTimedOut with the last status', async () => {
		mdeScope()
			.post(`/api/machines/${MACHINE_ID}/offboard`)
			.reply(200, machineAction('o1', { type: 'Offboard' }))
			.get('/api/machineactions/o1')
			.times(3)
			.reply(200, machineAction('o1', { type: 'Offboard', status: 'Pending' }));
		const { client } = makeClient();
		const { sleep, clock } = clockAndSleep();

		const report = await runDeviceActions(
			client,
			{ machineIds: [MACHINE_ID], action: { type: 'offboard', comment: 'retire' } },
			{
				sleep,
				clock,
				wait: { timeoutMs: 30_000 },
				guardrails: { protectedTags: [], skipIfAlreadyInState: false },
			},
		);
		expect(report.results[0]).toMatchObject({
			outcome: 'waitTimedOut',
			status: 'Pending',
			reason: expect.stringContaining('still Pending'),
		});
	});

	it('skips a device whose facts could not be read, naming the missing permission', async () => {
		mdeScope().get(`/api/machines/${MACHINE_ID}`).reply(403, mdeError('Forbidden', 'no read'));
		const { client, transport } = makeClient();
		const { sleep } = clockAndSleep();

		const report = await runDeviceActions(
			client,
			{ machineIds: [MACHINE_ID], action: { type: 'isolate', comment: 'x' } },
			{ sleep },
		);
		expect(report.results[0]).toMatchObject({
			outcome: 'skipped',
			code: 'lookupFailed',
			reason: expect.stringContaining('Machine.Read.All'),
		});
		expect(transport.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});
});
