import { jsonOf, pairing, runNode, runNodeError } from '../helpers';
import { DEVICE_A, mde, mdeError } from '../mdeHelpers';

const cve = (id: string, severity = 'High') => ({ id, name: id, severity, exposedMachines: 3 });

describe('Defender › Vulnerability › Get Many', () => {
	const base = { resource: 'vulnerability', operation: 'getMany' };

	it('lists all vulnerabilities with the severity and CVE filters', async () => {
		const scope = mde()
			.get('/api/vulnerabilities')
			.query({
				$top: '20',
				$filter: "(severity eq 'High' or severity eq 'Critical') and id eq 'CVE-2024-21413'",
			})
			.reply(200, { value: [cve('CVE-2024-21413', 'Critical')] });
		const items = await runNode({
			parameters: {
				...base,
				scope: 'all',
				returnAll: false,
				limit: 20,
				filters: { severity: ['High', 'Critical'], cveId: 'cve-2024-21413' },
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([expect.objectContaining({ id: 'CVE-2024-21413' })]);
	});

	it('lists the vulnerabilities of a device, and names Vulnerability.Read.All on 403', async () => {
		const scope = mde()
			.get(`/api/machines/${DEVICE_A}/vulnerabilities`)
			.reply(200, { value: [cve('CVE-2024-1'), cve('CVE-2024-2')] });
		const items = await runNode({
			parameters: { ...base, scope: 'device', deviceId: DEVICE_A, returnAll: true },
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items).map((json) => json.id)).toEqual(['CVE-2024-1', 'CVE-2024-2']);

		mde()
			.get(`/api/machines/${DEVICE_A}/vulnerabilities`)
			.reply(403, mdeError('Forbidden', 'Missing role'));
		const error = await runNodeError({
			parameters: { ...base, scope: 'device', deviceId: DEVICE_A, returnAll: true },
		});
		expect(error.httpCode).toBe('403');
		expect(error.description).toContain('permission Vulnerability.Read.All');
	});

	it('lists the devices exposed to a CVE', async () => {
		const scope = mde()
			.get('/api/vulnerabilities/CVE-2024-21413/machineReferences')
			.reply(200, { value: [{ id: DEVICE_A, computerDnsName: 'desk-01' }] });
		const items = await runNode({
			parameters: { ...base, scope: 'cve', cveId: 'CVE-2024-21413', returnAll: true },
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([expect.objectContaining({ id: DEVICE_A })]);
	});

	it('fails a malformed CVE ID before any request', async () => {
		const error = await runNodeError({
			parameters: { ...base, scope: 'cve', cveId: 'CVE-24', returnAll: true },
		});
		expect(error.message).toBe("'CVE-24' is not a CVE ID.");
	});

	it('retries a 429 after its Retry-After', async () => {
		const scope = mde()
			.get('/api/vulnerabilities')
			.query(true)
			.reply(429, mdeError('TooManyRequests', 'slow'), { 'Retry-After': '0' })
			.get('/api/vulnerabilities')
			.query(true)
			.reply(200, { value: [cve('CVE-2024-3')] });
		const items = await runNode({ parameters: { ...base, scope: 'all', returnAll: true } });
		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(1);
	});
});

describe('Defender › Software › Get Many', () => {
	const base = { resource: 'software', operation: 'getMany', deviceId: DEVICE_A };

	it('lists the software of a device up to the limit, paired with its item', async () => {
		const scope = mde()
			.get(`/api/machines/${DEVICE_A}/software`)
			.reply(200, {
				value: [
					{ id: 'microsoft-_-edge', name: 'edge', vendor: 'microsoft' },
					{ id: 'google-_-chrome', name: 'chrome', vendor: 'google' },
				],
			});
		const items = await runNode({ parameters: { ...base, returnAll: false, limit: 1 } });
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([expect.objectContaining({ id: 'microsoft-_-edge' })]);
		expect(pairing(items)).toEqual([{ item: 0 }]);
	});

	it('names Software.Read.All on 403, as an error item with Continue On Fail', async () => {
		mde()
			.get(`/api/machines/${DEVICE_A}/software`)
			.reply(403, mdeError('Forbidden', 'Missing role'));
		const items = await runNode({ parameters: { ...base, returnAll: true }, continueOnFail: true });
		expect(jsonOf(items)[0]).toMatchObject({
			status: 403,
			hint: expect.stringContaining('permission Software.Read.All'),
		});
	});
});
