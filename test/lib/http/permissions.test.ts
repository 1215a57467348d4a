import { requiredPermission } from '../../../lib/http/permissions';

const MDE = 'https://api.security.microsoft.com/api';

describe('requiredPermission: device tags and per-device inventory', () => {
	it.each([
		['POST', `${MDE}/machines/abc/tags`, 'Machine.ReadWrite.All'],
		['GET', `${MDE}/machines/abc/vulnerabilities`, 'Vulnerability.Read.All'],
		['GET', `${MDE}/machines/abc/vulnerabilities?$top=10`, 'Vulnerability.Read.All'],
		['GET', `${MDE}/machines/abc/software`, 'Software.Read.All'],
		['GET', `${MDE}/vulnerabilities/CVE-2024-1234/machineReferences`, 'Vulnerability.Read.All'],
		['GET', `${MDE}/machines/abc`, 'Machine.Read.All'],
		['GET', `${MDE}/machines`, 'Machine.Read.All'],
		['POST', `${MDE}/machines/abc/isolate`, 'Machine.Isolate'],
	] as const)('%s %s needs %s', (method, url, permission) => {
		expect(requiredPermission(method, url)).toEqual({ api: 'WindowsDefenderATP', permission });
	});

	it('treats reading a device with a tag-like id as a machine read', () => {
		expect(requiredPermission('GET', `${MDE}/machines/tags`)).toEqual({
			api: 'WindowsDefenderATP',
			permission: 'Machine.Read.All',
		});
	});
});
