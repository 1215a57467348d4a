import { DefenderError } from '../../../lib/errors';
import {
	actionBody,
	getMachineAction,
	getPackageUri,
	listMachineActions,
	requestMachineAction,
	type DeviceActionRequest,
} from '../../../lib/mde/actions';
import { MACHINE_ID, machineAction, makeClient, mdeError, mdeScope } from './helpers';

const SHA1 = 'A94A8FE5CCB19BA61C4C0873D391E987982FBBD3';

const CASES: Array<{
	request: DeviceActionRequest;
	path: string;
	body: Record<string, string>;
	type: string;
	permission: string;
}> = [
	{
		request: { type: 'isolate', comment: 'Contain INC-42', isolationType: 'Selective' },
		path: 'isolate',
		body: { Comment: 'Contain INC-42', IsolationType: 'Selective' },
		type: 'Isolate',
		permission: 'Machine.Isolate',
	},
	{
		request: { type: 'isolate', comment: 'Contain INC-42' },
		path: 'isolate',
		body: { Comment: 'Contain INC-42', IsolationType: 'Full' },
		type: 'Isolate',
		permission: 'Machine.Isolate',
	},
	{
		request: { type: 'unisolate', comment: 'Released after review' },
		path: 'unisolate',
		body: { Comment: 'Released after review' },
		type: 'Unisolate',
		permission: 'Machine.Isolate',
	},
	{
		request: { type: 'runAntiVirusScan', comment: 'Scan', scanType: 'Full' },
		path: 'runAntiVirusScan',
		body: { Comment: 'Scan', ScanType: 'Full' },
		type: 'RunAntiVirusScan',
		permission: 'Machine.Scan',
	},
	{
		request: { type: 'runAntiVirusScan', comment: 'Scan' },
		path: 'runAntiVirusScan',
		body: { Comment: 'Scan', ScanType: 'Quick' },
		type: 'RunAntiVirusScan',
		permission: 'Machine.Scan',
	},
	{
		request: { type: 'restrictCodeExecution', comment: 'Restrict' },
		path: 'restrictCodeExecution',
		body: { Comment: 'Restrict' },
		type: 'RestrictCodeExecution',
		permission: 'Machine.RestrictExecution',
	},
	{
		request: { type: 'unrestrictCodeExecution', comment: 'Lift' },
		path: 'unrestrictCodeExecution',
		body: { Comment: 'Lift' },
		type: 'UnrestrictCodeExecution',
		permission: 'Machine.RestrictExecution',
	},
	{
		request: { type: 'collectInvestigationPackage', comment: 'Forensics' },
		path: 'collectInvestigationPackage',
		body: { Comment: 'Forensics' },
		type: 'CollectInvestigationPackage',
		permission: 'Machine.CollectForensics',
	},
	{
		request: { type: 'stopAndQuarantineFile', comment: 'Kill it', sha1: SHA1 },
		path: 'StopAndQuarantineFile',
		body: { Comment: 'Kill it', Sha1: SHA1.toLowerCase() },
		type: 'StopAndQuarantineFile',
		permission: 'Machine.StopAndQuarantine',
	},
	{
		request: { type: 'offboard', comment: 'Decommissioned' },
		path: 'offboard',
		body: { Comment: 'Decommissioned' },
		type: 'Offboard',
		permission: 'Machine.Offboard',
	},
];

describe('device actions', () => {
	it.each(CASES)(
		'$request.type posts to /$path with the exact body and returns the machine action',
		async ({ request, path, body, type }) => {
			const scope = mdeScope()
				.post(`/api/machines/${MACHINE_ID}/${path}`, (sent) => {
					expect(sent).toEqual(body);
					return true;
				})
				.matchHeader('content-type', 'application/json')
				.reply(type === 'Offboard' ? 200 : 201, machineAction('act-1', { type }));
			const { client } = makeClient();

			const result = await requestMachineAction(client, MACHINE_ID, request);

			expect(result).toMatchObject({ outcome: 'requested', action: { id: 'act-1', type } });
			expect(scope.isDone()).toBe(true);
		},
	);

	it.each(CASES)(
		'$request.type names $permission on a 403',
		async ({ request, path, permission }) => {
			mdeScope()
				.post(`/api/machines/${MACHINE_ID}/${path}`)
				.reply(403, mdeError('Forbidden', 'Missing application role'));
			const { client } = makeClient();

			await expect(requestMachineAction(client, MACHINE_ID, request)).rejects.toMatchObject({
				kind: 'forbidden',
				hint: expect.stringContaining(`permission ${permission} `),
			});
		},
	);

	it('turns 400 "Action is already in progress" into a typed result with the running action', async () => {
		const running = machineAction('act-running', { status: 'InProgress' });
		const scope = mdeScope()
			.post(`/api/machines/${MACHINE_ID}/isolate`)
			.reply(400, mdeError('ActiveRequestAlreadyExists', 'Action is already in progress'))
			.get('/api/machineactions')
			.query({
				$top: '10000',
				$filter: `machineId eq '${MACHINE_ID}' and type eq 'Isolate' and (status eq 'Pending' or status eq 'InProgress')`,
			})
			.reply(200, {
				value: [
					machineAction('act-old', {
						status: 'Pending',
						creationDateTimeUtc: '2025-01-15T09:00:00Z',
					}),
					running,
				],
			});
		const { client } = makeClient();

		const result = await requestMachineAction(client, MACHINE_ID, {
			type: 'isolate',
			comment: 'again',
		});

		expect(result).toMatchObject({
			outcome: 'alreadyInProgress',
			machineId: MACHINE_ID,
			type: 'isolate',
			message: expect.stringContaining('already in progress'),
			pendingAction: { id: 'act-running' },
		});
		expect(scope.isDone()).toBe(true);
	});

	it('still reports "already in progress" when the running action cannot be read, saying why', async () => {
		mdeScope()
			.post(`/api/machines/${MACHINE_ID}/runAntiVirusScan`)
			.reply(400, mdeError('BadRequest', 'Action is already in progress'))
			.get('/api/machineactions')
			.query(true)
			.reply(403, mdeError('Forbidden', 'no read role'));
		const { client } = makeClient();

		const result = await requestMachineAction(client, MACHINE_ID, {
			type: 'runAntiVirusScan',
			comment: 'again',
		});

		expect(result.outcome).toBe('alreadyInProgress');
		expect(result).not.toHaveProperty('pendingAction');
		expect(result).toMatchObject({ lookupError: expect.stringContaining('Machine.Read.All') });
	});

	it('throws other 400s with the API reason', async () => {
		mdeScope()
			.post(`/api/machines/${MACHINE_ID}/offboard`)
			.reply(400, mdeError('OsPlatformNotSupported', 'Offboarding is not supported on macOS'));
		const { client } = makeClient();

		await expect(
			requestMachineAction(client, MACHINE_ID, { type: 'offboard', comment: 'x' }),
		).rejects.toMatchObject({
			kind: 'validation',
			code: 'OsPlatformNotSupported',
			apiMessage: 'Offboarding is not supported on macOS',
		});
	});

	it('waits out a 429 per Retry-After and then sends the action once more', async () => {
		const scope = mdeScope()
			.post(`/api/machines/${MACHINE_ID}/isolate`)
			.reply(429, mdeError('TooManyRequests', 'quota'), { 'Retry-After': '3' })
			.post(`/api/machines/${MACHINE_ID}/isolate`)
			.reply(201, machineAction('act-2'));
		const { client, sleep } = makeClient();

		const result = await requestMachineAction(client, MACHINE_ID, {
			type: 'isolate',
			comment: 'x',
		});
		expect(result.outcome).toBe('requested');
		expect(sleep.waits).toEqual([3000]);
		expect(scope.isDone()).toBe(true);
	});

	it('refuses bad input before any call', async () => {
		const { client, transport } = makeClient();
		const bad: Array<[DeviceActionRequest, RegExp]> = [
			[{ type: 'isolate', comment: '  ' }, /comment is required to isolate/],
			[{ type: 'isolate', comment: 'x', isolationType: 'Partial' as never }, /Full, Selective/],
			[{ type: 'runAntiVirusScan', comment: 'x', scanType: 'Deep' as never }, /Quick, Full/],
			[{ type: 'stopAndQuarantineFile', comment: 'x', sha1: 'abc' }, /SHA-1 of the file/],
			[{ type: 'reboot', comment: 'x' } as never, /Unknown device action 'reboot'/],
		];
		for (const [request, message] of bad) {
			await expect(requestMachineAction(client, MACHINE_ID, request)).rejects.toThrow(message);
		}
		await expect(
			requestMachineAction(client, ' ', { type: 'isolate', comment: 'x' }),
		).rejects.toThrow(/machine ID is empty/);
		expect(transport.requests).toHaveLength(0);
	});

	it('accepts enum values in any case and sends the documented casing', () => {
		expect(
			actionBody({ type: 'isolate', comment: 'x', isolationType: 'selective' as never }),
		).toEqual({ Comment: 'x', IsolationType: 'Selective' });
	});
});

describe('machine action reads', () => {
	it('gets one machine action', async () => {
		const scope = mdeScope()
			.get('/api/machineactions/act-1')
			.reply(200, machineAction('act-1', { status: 'Succeeded' }));
		const { client } = makeClient();

		expect(await getMachineAction(client, 'act-1')).toMatchObject({
			id: 'act-1',
			status: 'Succeeded',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('lists actions of a device filtered by type and status', async () => {
		const scope = mdeScope()
			.get('/api/machineactions')
			.query({
				$top: '10000',
				$filter: `machineId eq '${MACHINE_ID}' and (type eq 'Isolate' or type eq 'Unisolate')`,
			})
			.reply(200, { value: [machineAction('a1'), machineAction('a2', { type: 'Unisolate' })] });
		const { client } = makeClient();

		const actions = await listMachineActions(client, {
			machineId: MACHINE_ID,
			types: ['Isolate', 'Unisolate'],
		});
		expect(actions.map((a) => a.id)).toEqual(['a1', 'a2']);
		expect(scope.isDone()).toBe(true);
	});

	it('returns the investigation package URI, and a clear 404 while it is not ready', async () => {
		const uri = 'https://userrequests-us.securitycenter.windows.com/package.zip?sv=2019&sig=fake';
		mdeScope()
			.get('/api/machineactions/act-9/getPackageUri')
			.reply(200, { '@odata.context': 'x#Edm.String', value: uri })
			.get('/api/machineactions/act-8/getPackageUri')
			.reply(404, mdeError('ResourceNotFound', 'Package not ready'));
		const { client } = makeClient();

		expect(await getPackageUri(client, 'act-9')).toBe(uri);
		const error = await getPackageUri(client, 'act-8').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DefenderError);
		expect(error).toMatchObject({
			kind: 'notFound',
			message: expect.stringContaining('machine action'),
		});
	});
});
