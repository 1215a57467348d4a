import { DefenderError } from '../../../lib/errors';
import {
	addMachineTag,
	getMachine,
	listMachines,
	machineFilter,
	removeMachineTag,
} from '../../../lib/mde/machines';
import { MACHINE_ID, OTHER_MACHINE_ID, machine, makeClient, mdeError, mdeScope } from './helpers';

const MACHINES = '/api/machines';

describe('machine filters', () => {
	it('joins criteria with and, values of one criterion with or, tags with any()', () => {
		expect(
			machineFilter({
				name: 'desk-01.contoso.com',
				ip: '10.0.0.5',
				health: ['active', 'Inactive'],
				risk: 'High',
				exposure: 'medium',
				os: ['Windows11', 'Windows10'],
				tag: ['VIP', "O'Brien"],
				lastSeenAfter: '2025-01-01T00:00:00Z',
			}),
		).toBe(
			"computerDnsName eq 'desk-01.contoso.com' and lastIpAddress eq '10.0.0.5' and " +
				"(healthStatus eq 'Active' or healthStatus eq 'Inactive') and riskScore eq 'High' and " +
				"exposureLevel eq 'Medium' and (osPlatform eq 'Windows11' or osPlatform eq 'Windows10') and " +
				"(machineTags/any(x: x eq 'VIP') or machineTags/any(x: x eq 'O''Brien')) and lastSeen gt 2025-01-01T00:00:00Z",
		);
	});

	it('returns undefined without criteria and ignores blank values', () => {
		expect(machineFilter({})).toBeUndefined();
		expect(machineFilter({ name: '  ', tag: [' '], health: [] })).toBeUndefined();
	});

	it('rejects an IP that is not an address, and unknown enum values, naming the allowed ones', () => {
		expect(() => machineFilter({ ip: '10.0.0.0/24' })).toThrow(/not an IP address/);
		expect(() => machineFilter({ ip: 'desk-01' })).toThrow(DefenderError);
		expect(() => machineFilter({ health: 'Sleeping' })).toThrow(
			/Allowed values: Active, Inactive, ImpairedCommunication/,
		);
		expect(() => machineFilter({ risk: 'Severe' })).toThrow(
			/None, Informational, Low, Medium, High/,
		);
	});

	it('accepts IPv6 addresses', () => {
		expect(machineFilter({ ip: 'fe80::1' })).toBe("lastIpAddress eq 'fe80::1'");
	});
});

describe('listMachines', () => {
	it('sends the filter with $top and pages by $skip until a short page (MDE sends no nextLink)', async () => {
		const filter = "riskScore eq 'High'";
		const scope = mdeScope()
			.get(MACHINES)
			.query({ $top: '2', $filter: filter })
			.reply(200, { value: [machine('a1'), machine('a2')] })
			.get(MACHINES)
			.query({ $top: '2', $filter: filter, $skip: '2' })
			.reply(200, { value: [machine('a3'), machine('a4')] })
			.get(MACHINES)
			.query({ $top: '2', $filter: filter, $skip: '4' })
			.reply(200, { value: [machine('a5')] });
		const { client } = makeClient();

		const machines = await listMachines(client, { filters: { risk: 'High' }, pageSize: 2 });

		expect(machines.map((m) => m.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
		expect(scope.isDone()).toBe(true);
	});

	it('drops a device repeated across $skip pages, and stops at the limit', async () => {
		const scope = mdeScope()
			.get(MACHINES)
			.query({ $top: '2' })
			.reply(200, { value: [machine('a1'), machine('a2')] })
			.get(MACHINES)
			.query({ $top: '2', $skip: '2' })
			.reply(200, { value: [machine('A2'), machine('a3')] });
		const { client } = makeClient();

		const machines = await listMachines(client, { pageSize: 2, limit: 3 });

		expect(machines.map((m) => m.id)).toEqual(['a1', 'a2', 'a3']);
		expect(scope.isDone()).toBe(true);
	});

	it('follows a nextLink on the API host when one is given', async () => {
		const scope = mdeScope()
			.get(MACHINES)
			.query({ $top: '10000' })
			.reply(200, {
				value: [machine('a1')],
				'@odata.nextLink': 'https://api.securitycenter.microsoft.com/api/machines?$skiptoken=abc',
			})
			.get(MACHINES)
			.query({ $skiptoken: 'abc' })
			.reply(200, { value: [machine('a2')] });
		const { client } = makeClient();

		expect((await listMachines(client)).map((m) => m.id)).toEqual(['a1', 'a2']);
		expect(scope.isDone()).toBe(true);
	});

	it('ANDs a raw filter with the built one', async () => {
		const scope = mdeScope()
			.get(MACHINES)
			.query({
				$top: '10000',
				$filter: "(onboardingStatus eq 'onboarded') and (healthStatus eq 'Active')",
			})
			.reply(200, { value: [] });
		const { client } = makeClient();

		await listMachines(client, {
			filter: "onboardingStatus eq 'onboarded'",
			filters: { health: 'Active' },
		});
		expect(scope.isDone()).toBe(true);
	});

	it('turns the 404 MDE sends for a tenant without recent devices into an empty list', async () => {
		mdeScope()
			.get(MACHINES)
			.query(true)
			.reply(404, mdeError('ResourceNotFound', 'No machines found'));
		const { client } = makeClient();

		expect(await listMachines(client)).toEqual([]);
	});

	it('waits out a 429 per Retry-After, then returns the page', async () => {
		const scope = mdeScope()
			.get(MACHINES)
			.query(true)
			.reply(429, mdeError('TooManyRequests', 'API call quota reached'), { 'Retry-After': '7' })
			.get(MACHINES)
			.query(true)
			.reply(200, { value: [machine('a1')] });
		const { client, sleep } = makeClient();

		expect((await listMachines(client)).map((m) => m.id)).toEqual(['a1']);
		expect(sleep.waits).toEqual([7000]);
		expect(scope.isDone()).toBe(true);
	});

	it('names Machine.Read.All on a 403', async () => {
		mdeScope().get(MACHINES).query(true).reply(403, mdeError('Forbidden', 'Missing role'));
		const { client } = makeClient();

		await expect(listMachines(client)).rejects.toMatchObject({
			kind: 'forbidden',
			hint: expect.stringContaining('WindowsDefenderATP application permission Machine.Read.All'),
		});
	});
});

describe('getMachine', () => {
	it('gets one device by encoded ID', async () => {
		const scope = mdeScope()
			.get(`${MACHINES}/${MACHINE_ID}`)
			.reply(200, machine(MACHINE_ID, { machineTags: ['VIP'] }));
		const { client } = makeClient();

		const result = await getMachine(client, ` ${MACHINE_ID} `);
		expect(result.id).toBe(MACHINE_ID);
		expect(result.machineTags).toEqual(['VIP']);
		expect(scope.isDone()).toBe(true);
	});

	it('names the machine on a 404 and refuses an empty ID before any call', async () => {
		mdeScope()
			.get(`${MACHINES}/${OTHER_MACHINE_ID}`)
			.reply(404, mdeError('ResourceNotFound', `Machine ${OTHER_MACHINE_ID} was not found`));
		const { client, transport } = makeClient();

		await expect(getMachine(client, OTHER_MACHINE_ID)).rejects.toMatchObject({
			kind: 'notFound',
			message: expect.stringContaining('machine was not found'),
		});
		const before = transport.requests.length;
		await expect(getMachine(client, '  ')).rejects.toThrow(/machine ID is empty/);
		expect(transport.requests.length).toBe(before);
	});
});

describe('machine tags', () => {
	it('adds and removes a tag with the exact PascalCase body', async () => {
		const scope = mdeScope()
			.post(`${MACHINES}/${MACHINE_ID}/tags`, { Value: 'do-not-isolate', Action: 'Add' })
			.reply(200, machine(MACHINE_ID, { machineTags: ['do-not-isolate'] }))
			.post(`${MACHINES}/${MACHINE_ID}/tags`, { Value: 'do-not-isolate', Action: 'Remove' })
			.reply(200, machine(MACHINE_ID, { machineTags: [] }));
		const { client } = makeClient();

		expect((await addMachineTag(client, MACHINE_ID, ' do-not-isolate ')).machineTags).toEqual([
			'do-not-isolate',
		]);
		expect((await removeMachineTag(client, MACHINE_ID, 'do-not-isolate')).machineTags).toEqual([]);
		expect(scope.isDone()).toBe(true);
	});

	it('names Machine.ReadWrite.All when tagging is forbidden', async () => {
		mdeScope()
			.post(`${MACHINES}/${MACHINE_ID}/tags`)
			.reply(403, mdeError('Forbidden', 'The application does not have the required role'));
		const { client } = makeClient();

		const error = await addMachineTag(client, MACHINE_ID, 'VIP').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DefenderError);
		expect(error).toMatchObject({ kind: 'forbidden', status: 403, requestId: 'corr-1' });
		expect((error as DefenderError).hint).toContain('permission Machine.ReadWrite.All');
		expect((error as DefenderError).hint).toContain('grant admin consent');
	});

	it('refuses an empty tag before any call', async () => {
		const { client, transport } = makeClient();
		await expect(addMachineTag(client, MACHINE_ID, ' ')).rejects.toThrow(/tag is empty/);
		expect(transport.requests).toHaveLength(0);
	});
});
