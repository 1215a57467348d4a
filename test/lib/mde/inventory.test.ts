import {
	cveId,
	listMachineSoftware,
	listMachineVulnerabilities,
	listVulnerabilities,
	listVulnerableMachines,
	vulnerabilityFilter,
} from '../../../lib/mde/inventory';
import { MACHINE_ID, makeClient, mdeError, mdeScope } from './helpers';

const vuln = (id: string, extra: Record<string, unknown> = {}) => ({
	id,
	name: id,
	severity: 'High',
	cvssV3: 8.8,
	exposedMachines: 3,
	publicExploit: true,
	...extra,
});

describe('vulnerabilities', () => {
	it('lists all with severity and CVE filters, paged by $top/$skip (max 8,000)', async () => {
		const filter = "(severity eq 'High' or severity eq 'Critical') and id eq 'CVE-2024-21413'";
		const scope = mdeScope()
			.get('/api/vulnerabilities')
			.query({ $top: '8000', $filter: filter })
			.reply(200, { value: [vuln('CVE-2024-21413')] });
		const { client } = makeClient();

		const list = await listVulnerabilities(client, {
			filters: { severity: ['high', 'Critical', 'HIGH'], cveId: 'cve-2024-21413' },
			pageSize: 20_000,
		});
		expect(list).toEqual([expect.objectContaining({ id: 'CVE-2024-21413', cvssV3: 8.8 })]);
		expect(scope.isDone()).toBe(true);
	});

	it('pages until a short page', async () => {
		const scope = mdeScope()
			.get('/api/vulnerabilities')
			.query({ $top: '2' })
			.reply(200, { value: [vuln('CVE-2024-0001'), vuln('CVE-2024-0002')] })
			.get('/api/vulnerabilities')
			.query({ $top: '2', $skip: '2' })
			.reply(200, { value: [vuln('CVE-2024-0003')] });
		const { client } = makeClient();

		expect((await listVulnerabilities(client, { pageSize: 2 })).map((v) => v.id)).toEqual([
			'CVE-2024-0001',
			'CVE-2024-0002',
			'CVE-2024-0003',
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('lists a device’s vulnerabilities without $top, following nextLinks', async () => {
		const path = `/api/machines/${MACHINE_ID}/vulnerabilities`;
		const scope = mdeScope()
			.get(path)
			.reply(200, {
				value: [vuln('CVE-2024-0001')],
				'@odata.nextLink': `https://api.securitycenter.microsoft.com${path}?$skiptoken=2`,
			})
			.get(path)
			.query({ $skiptoken: '2' })
			.reply(200, { value: [vuln('CVE-2024-0002')] });
		const { client } = makeClient();

		expect((await listMachineVulnerabilities(client, MACHINE_ID)).map((v) => v.id)).toEqual([
			'CVE-2024-0001',
			'CVE-2024-0002',
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('lists the devices exposed to a CVE', async () => {
		const scope = mdeScope()
			.get('/api/vulnerabilities/CVE-2024-21413/machineReferences')
			.reply(200, {
				value: [{ id: MACHINE_ID, computerDnsName: 'desk-01', osPlatform: 'Windows11' }],
			});
		const { client } = makeClient();

		expect(await listVulnerableMachines(client, ' cve-2024-21413 ')).toEqual([
			{ id: MACHINE_ID, computerDnsName: 'desk-01', osPlatform: 'Windows11' },
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('names Vulnerability.Read.All on a 403, even below /machines', async () => {
		mdeScope()
			.get(`/api/machines/${MACHINE_ID}/vulnerabilities`)
			.reply(403, mdeError('Forbidden', 'no role'))
			.get('/api/vulnerabilities/CVE-2024-0001/machineReferences')
			.reply(403, mdeError('Forbidden', 'no role'));
		const { client } = makeClient();

		for (const call of [
			listMachineVulnerabilities(client, MACHINE_ID),
			listVulnerableMachines(client, 'CVE-2024-0001'),
		]) {
			await expect(call).rejects.toMatchObject({
				kind: 'forbidden',
				hint: expect.stringContaining('permission Vulnerability.Read.All'),
			});
		}
	});

	it('waits out a 429 per Retry-After', async () => {
		const scope = mdeScope()
			.get('/api/vulnerabilities')
			.query(true)
			.reply(429, mdeError('TooManyRequests', 'quota'), { 'Retry-After': '2' })
			.get('/api/vulnerabilities')
			.query(true)
			.reply(200, { value: [] });
		const { client, sleep } = makeClient();

		expect(await listVulnerabilities(client)).toEqual([]);
		expect(sleep.waits).toEqual([2000]);
		expect(scope.isDone()).toBe(true);
	});

	it('rejects bad CVE IDs and severities before any call', async () => {
		const { client, transport } = makeClient();
		let error: unknown;
		try {
			cveId('2024-1234');
		} catch (e) {
			error = e;
		}
		expect(error).toMatchObject({
			message: "'2024-1234' is not a CVE ID.",
			hint: expect.stringContaining('CVE-YYYY-NNNN'),
		});
		expect(() => vulnerabilityFilter({ severity: 'Severe' })).toThrow(
			/Low, Medium, High, Critical/,
		);
		await expect(listVulnerableMachines(client, 'nope')).rejects.toThrow(/not a CVE ID/);
		expect(transport.requests).toHaveLength(0);
	});
});

describe('software', () => {
	it('lists the software installed on a device', async () => {
		const scope = mdeScope()
			.get(`/api/machines/${MACHINE_ID}/software`)
			.reply(200, {
				value: [
					{
						id: 'microsoft-_-edge',
						name: 'edge',
						vendor: 'microsoft',
						weaknesses: 2,
						impactScore: 1.5,
					},
				],
			});
		const { client } = makeClient();

		expect(await listMachineSoftware(client, MACHINE_ID)).toEqual([
			expect.objectContaining({ id: 'microsoft-_-edge', vendor: 'microsoft', weaknesses: 2 }),
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('names Software.Read.All on a 403', async () => {
		mdeScope()
			.get(`/api/machines/${MACHINE_ID}/software`)
			.reply(403, mdeError('Forbidden', 'no role'));
		const { client } = makeClient();
		await expect(listMachineSoftware(client, MACHINE_ID)).rejects.toMatchObject({
			hint: expect.stringContaining('permission Software.Read.All'),
		});
	});
});
