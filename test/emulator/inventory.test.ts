import { generateTenant, type MdeVulnerability } from './generator';
import { startEmulator, type RunningEmulator } from './index';
import { call, MDE_SCOPE, tokenFor } from './testClient';

const START = Date.UTC(2025, 0, 1);

function bandOf(score: number): string {
	return score >= 9 ? 'Critical' : score >= 7 ? 'High' : score >= 4 ? 'Medium' : 'Low';
}

describe('generated vulnerability and software inventory (graph-api.md §8.4)', () => {
	const tenant = generateTenant({ seed: 42, alerts: 1000, startTime: START });
	const inv = tenant.inventory;

	it('is stable for a seed and differs for another seed', () => {
		const again = generateTenant({ seed: 42, alerts: 1000, startTime: START }).inventory;
		const other = generateTenant({ seed: 43, alerts: 1000, startTime: START }).inventory;
		expect(JSON.stringify(again)).toBe(JSON.stringify(inv));
		expect(JSON.stringify(other.vulnerabilities)).not.toBe(JSON.stringify(inv.vulnerabilities));
	});

	it('has real-looking, self-consistent CVEs', () => {
		expect(inv.vulnerabilities.length).toBeGreaterThan(40);
		expect(new Set(inv.vulnerabilities.map((v) => v.id)).size).toBe(inv.vulnerabilities.length);
		const end = START + 30 * 86400000;
		for (const v of inv.vulnerabilities) {
			expect(v.id).toMatch(/^CVE-20\d\d-\d{4,5}$/);
			expect(v.name).toBe(v.id);
			expect(v.id.slice(4, 8)).toBe(v.publishedOn.slice(0, 4));
			expect(v.severity).toBe(bandOf(v.cvssV3));
			expect(v.cvssVector).toMatch(/^CVSS:3\.1\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\//);
			expect(v.publishedOn).toMatch(/^\d{4}-\d\d-\d\dT00:00:00Z$/);
			expect(v.updatedOn >= v.publishedOn).toBe(true);
			expect(Date.parse(v.updatedOn)).toBeLessThanOrEqual(end);
			if (v.exploitVerified) expect(v.publicExploit).toBe(true);
			if (v.exploitInKit) expect(v.exploitVerified).toBe(true);
			expect(v.exploitUris.length > 0).toBe(v.publicExploit);
			expect(v.exploitTypes.length > 0).toBe(v.publicExploit);
			for (const uri of v.exploitUris) expect(new URL(uri).hostname).toMatch(/\.example$/);
		}
		expect(new Set(inv.vulnerabilities.map((v) => v.severity))).toEqual(
			new Set(['Critical', 'High', 'Medium', 'Low']),
		);
		expect(inv.vulnerabilities.some((v) => v.publicExploit)).toBe(true);
	});

	it('counts exposed machines from the per-device inventory', () => {
		for (const v of inv.vulnerabilities) {
			const devices = tenant.machines.filter((m) =>
				inv.byMachine[m.id].vulnerabilities.includes(v.id),
			);
			expect(v.exposedMachines).toBe(devices.length);
			expect(inv.machinesByVulnerability[v.id] ?? []).toEqual(devices.map((m) => m.id));
		}
		expect(inv.vulnerabilities.some((v) => v.exposedMachines > 1)).toBe(true);
	});

	it('lists installed software with MDE ids and the right operating system', () => {
		const listed = new Set(inv.software.map((s) => s.id));
		const installed = new Set(
			Object.values(inv.byMachine).flatMap((m) => m.software.map((s) => s.id)),
		);
		expect(listed).toEqual(installed);
		for (const s of inv.software) {
			expect(s.id).toBe(`${s.vendor}-_-${s.name}`);
			expect(s.weaknesses > 0).toBe(s.exposedMachines > 0);
			expect(s.impactScore).toBeGreaterThanOrEqual(0);
			if (s.weaknesses === 0) expect(s.impactScore).toBe(0);
		}
		const osIds: Record<string, string> = {
			Windows10: 'microsoft-_-windows_10',
			Windows11: 'microsoft-_-windows_11',
			WindowsServer2022: 'microsoft-_-windows_server_2022',
			Linux: 'canonical-_-ubuntu_linux',
		};
		for (const m of tenant.machines) {
			const ids = inv.byMachine[m.id].software.map((s) => s.id);
			if (osIds[m.osPlatform]) expect(ids).toContain(osIds[m.osPlatform]);
			for (const [platform, id] of Object.entries(osIds))
				if (platform !== m.osPlatform) expect(ids).not.toContain(id);
			expect(new Set(ids).size).toBe(ids.length);
		}
	});
});

describe('inventory routes', () => {
	let emu: RunningEmulator;
	let token: string;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 600, seed: 31, httpsPort: false, rateLimits: false });
		token = await tokenFor(emu, MDE_SCOPE);
	});
	afterAll(() => emu.stop());

	const get = (path: string, t = token) => call(emu, 'GET', path, { token: t });
	const ids = (body: { value: { id: string }[] }) => body.value.map((v) => v.id);
	const inv = () => emu.state.inventory;

	it('lists all vulnerabilities and filters them on the documented fields', async () => {
		const all = await get('/api/vulnerabilities');
		expect(all.status).toBe(200);
		expect(all.body['@odata.context']).toBe(`${emu.url}/api/$metadata#Vulnerabilities`);
		expect(ids(all.body)).toEqual(inv().vulnerabilities.map((v) => v.id));

		const expectIds = async (filter: string, predicate: (v: MdeVulnerability) => boolean) => {
			const res = await get(`/api/vulnerabilities?$filter=${encodeURIComponent(filter)}`);
			expect(res.status).toBe(200);
			const expected = inv()
				.vulnerabilities.filter(predicate)
				.map((v) => v.id);
			expect(expected.length).toBeGreaterThan(0);
			expect(ids(res.body)).toEqual(expected);
		};
		const sample = inv().vulnerabilities[3];
		await expectIds("severity eq 'Critical'", (v) => v.severity === 'Critical');
		await expectIds('cvssV3 ge 8.8', (v) => v.cvssV3 >= 8.8);
		await expectIds(`id eq '${sample.id.toLowerCase()}'`, (v) => v.id === sample.id);
		await expectIds(`name eq '${sample.id}'`, (v) => v.id === sample.id);
		await expectIds(
			`publishedOn ge ${sample.publishedOn}`,
			(v) => v.publishedOn >= sample.publishedOn,
		);
		await expectIds(`updatedOn lt ${sample.updatedOn}`, (v) => v.updatedOn < sample.updatedOn);
		await expectIds(
			"(severity eq 'High' or severity eq 'Critical') and cvssV3 lt 9",
			(v) => v.severity === 'High',
		);
	});

	it('pages with $top and $skip and caps $top at 8,000', async () => {
		const page = await get('/api/vulnerabilities?$top=5&$skip=5');
		expect(ids(page.body)).toEqual(
			inv()
				.vulnerabilities.slice(5, 10)
				.map((v) => v.id),
		);
		expect(page.body['@odata.nextLink']).toBeUndefined();
		expect((await get('/api/vulnerabilities?$top=8000')).status).toBe(200);
		const tooMany = await get('/api/vulnerabilities?$top=8001');
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.error.message).toMatch(/limit of '8000' for Top query/);
		const notFilterable = await get('/api/vulnerabilities?$filter=exposedMachines gt 1');
		expect(notFilterable.status).toBe(400);
		expect(notFilterable.body.error.message).toMatch(/'exposedMachines' cannot be used/);
	});

	it('gets one vulnerability and the machines exposed to it', async () => {
		const v = inv().vulnerabilities.find((x) => x.exposedMachines > 1)!;
		const one = await get(`/api/vulnerabilities/${v.id}`);
		expect(one.body).toMatchObject({ id: v.id, cvssV3: v.cvssV3, severity: v.severity });
		const refs = await get(`/api/vulnerabilities/${v.id}/machineReferences`);
		expect(refs.status).toBe(200);
		expect(refs.body.value).toHaveLength(v.exposedMachines);
		for (const ref of refs.body.value) {
			const machine = emu.state.machines.get(ref.id)!;
			expect(ref).toEqual({
				id: machine.id,
				computerDnsName: machine.computerDnsName,
				osPlatform: machine.osPlatform,
				rbacGroupName: machine.rbacGroupName,
				rbacGroupId: machine.rbacGroupId,
			});
			expect(inv().byMachine[ref.id].vulnerabilities).toContain(v.id);
		}
		const missing = await get('/api/vulnerabilities/CVE-1999-0000/machineReferences');
		expect(missing.status).toBe(404);
		expect(missing.body.error).toMatchObject({
			code: 'ResourceNotFound',
			message: 'Vulnerability CVE-1999-0000 was not found',
		});
	});

	it('lists the vulnerabilities and software of one machine', async () => {
		const machine = [...emu.state.machines.values()].find(
			(m) => inv().byMachine[m.id].vulnerabilities.length > 0,
		)!;
		const vulns = await get(`/api/machines/${machine.id}/vulnerabilities`);
		expect(vulns.status).toBe(200);
		expect(ids(vulns.body)).toEqual(inv().byMachine[machine.id].vulnerabilities);
		for (const v of vulns.body.value) expect(v.exposedMachines).toBeGreaterThan(0);
		const software = await get(`/api/machines/${machine.id}/software`);
		expect(software.status).toBe(200);
		expect(software.body['@odata.context']).toBe(`${emu.url}/api/$metadata#Software`);
		expect(ids(software.body)).toEqual(inv().byMachine[machine.id].software.map((s) => s.id));
		expect(Object.keys(software.body.value[0]).sort()).toEqual(
			[
				'activeAlert',
				'exposedMachines',
				'id',
				'impactScore',
				'name',
				'publicExploit',
				'vendor',
				'weaknesses',
			].sort(),
		);
		for (const path of ['vulnerabilities', 'software']) {
			const unknown = await get(`/api/machines/${'f'.repeat(40)}/${path}`);
			expect(unknown.status).toBe(404);
			expect(unknown.body.error.message).toBe(`Machine ${'f'.repeat(40)} was not found`);
		}
	});

	it('lists software and filters it on id, name and vendor', async () => {
		const all = await get('/api/Software');
		expect(all.status).toBe(200);
		expect(ids(all.body)).toEqual(inv().software.map((s) => s.id));
		const microsoft = await get("/api/software?$filter=vendor eq 'microsoft'");
		expect(ids(microsoft.body)).toEqual(
			inv()
				.software.filter((s) => s.vendor === 'microsoft')
				.map((s) => s.id),
		);
		expect(microsoft.body.value.length).toBeGreaterThan(2);
		const chrome = await get("/api/Software?$filter=name eq 'chrome' or id eq 'mozilla-_-firefox'");
		expect(ids(chrome.body).sort()).toEqual(
			inv()
				.software.filter((s) => s.name === 'chrome' || s.name === 'firefox')
				.map((s) => s.id)
				.sort(),
		);
		const one = await get('/api/Software/google-_-chrome');
		expect(one.body).toMatchObject({ id: 'google-_-chrome', vendor: 'google', name: 'chrome' });
		expect((await get('/api/Software/nobody-_-nothing')).status).toBe(404);
		const bad = await get('/api/Software?$filter=weaknesses gt 1');
		expect(bad.status).toBe(400);
		expect(bad.body.error.code).toBe('ODataError');
	});

	it('needs Vulnerability.Read.All and Software.Read.All (graph-api.md §1.4)', async () => {
		const tokenWith = async (roles: string[]) => {
			const app = emu.registerApp({ clientSecret: 'test-secret-value', roles });
			return tokenFor(emu, MDE_SCOPE, {
				clientId: app.clientId,
				clientSecret: 'test-secret-value',
			});
		};
		const machineId = [...emu.state.machines.keys()][0];
		const cve = inv().vulnerabilities[0].id;
		const vulnPaths = [
			'/api/vulnerabilities',
			`/api/vulnerabilities/${cve}/machineReferences`,
			`/api/machines/${machineId}/vulnerabilities`,
		];
		const softwarePaths = ['/api/Software', `/api/machines/${machineId}/software`];
		const machineOnly = await tokenWith(['Machine.Read.All', 'Machine.ReadWrite.All']);
		const vulnOnly = await tokenWith(['Vulnerability.Read.All']);
		const softwareOnly = await tokenWith(['Software.Read.All']);
		for (const path of vulnPaths) {
			const denied = await get(path, machineOnly);
			expect(denied.status).toBe(403);
			expect(denied.body.error.message).toMatch(/requires one of Vulnerability\.Read\.All\./);
			expect((await get(path, softwareOnly)).status).toBe(403);
			expect((await get(path, vulnOnly)).status).toBe(200);
		}
		for (const path of softwarePaths) {
			const denied = await get(path, machineOnly);
			expect(denied.status).toBe(403);
			expect(denied.body.error.message).toMatch(/requires one of Software\.Read\.All\./);
			expect((await get(path, vulnOnly)).status).toBe(403);
			expect((await get(path, softwareOnly)).status).toBe(200);
		}
	});

	it('reseeding replaces the inventory with the new tenant', async () => {
		const before = ids((await get('/api/vulnerabilities')).body);
		emu.admin.seed(32, 600);
		const after = ids((await get('/api/vulnerabilities')).body);
		expect(after).toEqual(emu.state.inventory.vulnerabilities.map((v) => v.id));
		expect(after).not.toEqual(before);
		emu.admin.reset();
		expect(ids((await get('/api/vulnerabilities')).body)).toEqual(before);
	});
});
