import { EVIDENCE_TYPES, GENERATED_SOURCES, generateTenant } from './generator';
import { allMembers, DETERMINATIONS_BY_CLASSIFICATION, SERVICE_SOURCE } from './graph/enums';

const DOC_IP = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/;

function collectIps(value: unknown, out: string[]): void {
	if (Array.isArray(value)) value.forEach((v) => collectIps(v, out));
	else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			if (
				typeof v === 'string' &&
				/(^ipAddress$|^senderIp$|^senderIP$|^lastExternalIpAddress$)/.test(k)
			)
				out.push(v);
			else collectIps(v, out);
		}
	}
}

describe('generateTenant', () => {
	it('is deterministic: the same seed gives identical tenants, another seed does not', () => {
		const a = JSON.stringify(generateTenant({ seed: 42, alerts: 300 }));
		const b = JSON.stringify(generateTenant({ seed: 42, alerts: 300 }));
		const c = JSON.stringify(generateTenant({ seed: 43, alerts: 300 }));
		expect(a).toBe(b);
		expect(c).not.toBe(a);
	});

	it('reads the same evidence every time an alert is read', () => {
		const tenant = generateTenant({ seed: 5, alerts: 20 });
		expect(JSON.stringify(tenant.alerts[3].evidence)).toBe(
			JSON.stringify(tenant.alerts[3].evidence),
		);
	});

	it.each([0, 1, 2, 13, 49, 1000])(
		'generates exactly %i alerts, each in exactly one incident',
		(n) => {
			const tenant = generateTenant({ seed: 1, alerts: n });
			expect(tenant.alerts).toHaveLength(n);
			const owners = new Map<string, string>();
			for (const incident of tenant.incidents) {
				for (const id of incident.alertIds) {
					expect(owners.has(id)).toBe(false);
					owners.set(id, incident.id);
				}
			}
			expect(owners.size).toBe(n);
			for (const alert of tenant.alerts) expect(owners.get(alert.id)).toBe(alert.incidentId);
			expect(new Set(tenant.alerts.map((a) => a.id)).size).toBe(n);
			expect(tenant.machines.length).toBeGreaterThanOrEqual(5);
		},
	);

	it('covers every serviceSource and every evidence subtype', () => {
		const tenant = generateTenant({ seed: 9, alerts: 60 });
		expect(new Set(tenant.alerts.map((a) => a.serviceSource))).toEqual(new Set(GENERATED_SOURCES));
		expect(GENERATED_SOURCES).toEqual(
			allMembers(SERVICE_SOURCE).filter((s) => s !== 'unknownFutureValue'),
		);
		const types = new Set(
			tenant.alerts.flatMap((a) =>
				a.evidence.map((e) => e['@odata.type'].replace('#microsoft.graph.security.', '')),
			),
		);
		expect([...types].sort()).toEqual([...EVIDENCE_TYPES].sort());
		expect(EVIDENCE_TYPES.length).toBeGreaterThanOrEqual(45);
	});

	it('produces realistic, well-formed alerts', () => {
		const tenant = generateTenant({ seed: 3, alerts: 400 });
		for (const alert of tenant.alerts) {
			if (alert.serviceSource === 'microsoftDefenderForEndpoint')
				expect(alert.id).toMatch(/^da\d{18}_-?\d+$/);
			else
				expect(alert.id).toMatch(
					/^[a-z]{2}[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
				);
			expect(alert.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
			expect(alert.lastUpdateDateTime >= alert.createdDateTime).toBe(true);
			expect(alert.evidence.length).toBeGreaterThanOrEqual(5);
			expect(alert.evidence.length).toBeLessThanOrEqual(15);
			expect(alert.alertWebUrl).toBe(
				`https://security.microsoft.com/alerts/${alert.id}?tid=${tenant.tenantId}`,
			);
			expect(alert.incidentWebUrl).toBe(
				`https://security.microsoft.com/incidents/${alert.incidentId}?tid=${tenant.tenantId}`,
			);
			for (const t of alert.mitreTechniques) expect(t).toMatch(/^T\d{4}(\.\d{3})?$/);
			if (alert.status === 'resolved') {
				expect(DETERMINATIONS_BY_CLASSIFICATION[alert.classification as string]).toContain(
					alert.determination,
				);
				expect(alert.resolvedDateTime).not.toBeNull();
			}
			for (const e of alert.evidence) {
				const file = (e.fileDetails ?? e.imageFile) as Record<string, string> | undefined;
				if (file?.sha256) {
					expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
					expect(file.sha1).toMatch(/^[0-9a-f]{40}$/);
					expect(file.md5).toMatch(/^[0-9a-f]{32}$/);
				}
			}
		}
		expect(tenant.alerts.some((a) => a.mitreTechniques.some((t) => t.includes('.')))).toBe(true);
		const ips: string[] = [];
		collectIps(
			tenant.alerts.map((a) => a.evidence),
			ips,
		);
		collectIps(tenant.machines, ips);
		expect(ips.length).toBeGreaterThan(100);
		for (const ip of ips) expect(ip).toMatch(DOC_IP);
	});

	it('references generated machines from device evidence', () => {
		const tenant = generateTenant({ seed: 4, alerts: 200 });
		const machineIds = new Set(tenant.machines.map((m) => m.id));
		const deviceEvidence = tenant.alerts.flatMap((a) =>
			a.evidence.filter((e) => e['@odata.type'].endsWith('.deviceEvidence')),
		);
		expect(deviceEvidence.length).toBeGreaterThan(0);
		for (const e of deviceEvidence) expect(machineIds.has(e.mdeDeviceId as string)).toBe(true);
		for (const m of tenant.machines) expect(m.id).toMatch(/^[0-9a-f]{40}$/);
	});

	it('merges some incidents into others (status redirected)', () => {
		const tenant = generateTenant({ seed: 8, alerts: 500 });
		const redirected = tenant.incidents.filter((i) => i.status === 'redirected');
		expect(redirected.length).toBeGreaterThan(0);
		const byId = new Map(tenant.incidents.map((i) => [i.id, i]));
		for (const incident of redirected) {
			expect(incident.alertIds).toEqual([]);
			expect(byId.get(incident.redirectIncidentId as string)?.status).not.toBe('redirected');
		}
	});

	it('generates indicators with valid values per type', () => {
		const tenant = generateTenant({ seed: 2, alerts: 100 });
		expect(tenant.indicators.length).toBeGreaterThan(0);
		for (const i of tenant.indicators) {
			if (i.indicatorType === 'FileSha256') expect(i.indicatorValue).toMatch(/^[0-9a-f]{64}$/);
			if (i.indicatorType === 'IpAddress') expect(i.indicatorValue).toMatch(DOC_IP);
			if (i.action === 'Audit') expect(i.generateAlert).toBe(true);
		}
	});

	it('generates the largest tenant, 100,000 alerts', () => {
		const big = generateTenant({ seed: 11, alerts: 100000 });
		expect(big.alerts).toHaveLength(100000);
		expect(new Set(big.alerts.map((alert) => alert.id)).size).toBe(100000);
	});

	it('refuses sizes outside 0..100,000 with a clear message', () => {
		expect(() => generateTenant({ seed: 1, alerts: -1 })).toThrow(
			'alerts must be an integer from 0 to 100000, got -1',
		);
		expect(() => generateTenant({ seed: 1, alerts: 100001 })).toThrow(/from 0 to 100000/);
	});
});
