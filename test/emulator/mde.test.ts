import { startEmulator, type RunningEmulator } from './index';
import { formatTicks } from './time';
import { call, MDE_SCOPE, tokenFor } from './testClient';

describe('MDE API (graph-api.md §8)', () => {
	let emu: RunningEmulator;
	let token: string;
	beforeAll(async () => {
		emu = await startEmulator({
			alerts: 200,
			seed: 12,
			httpsPort: false,
			rateLimits: false,
			actionClock: 1000,
		});
		token = await tokenFor(emu, MDE_SCOPE);
	});
	afterAll(() => emu.stop());
	beforeEach(() => {
		emu.admin.reset();
	});

	const machineId = () => [...emu.state.machines.values()][0].id;
	const act = (action: string, body: unknown, id = machineId()) =>
		call(emu, 'POST', `/api/machines/${id}/${action}`, { token, body });

	describe('machines (§8.1)', () => {
		it('lists with OData and gets one machine', async () => {
			const all = await call(emu, 'GET', '/api/machines', { token });
			expect(all.status).toBe(200);
			expect(all.body['@odata.context']).toBe(`${emu.url}/api/$metadata#Machines`);
			expect(all.body.value).toHaveLength(emu.state.machines.size);
			const high = await call(emu, 'GET', "/api/machines?$filter=riskScore eq 'High'&$top=3", {
				token,
			});
			for (const m of high.body.value) expect(m.riskScore).toBe('High');
			expect(high.body.value.length).toBeLessThanOrEqual(3);
			const recent = await call(
				emu,
				'GET',
				`/api/machines?$filter=lastSeen gt ${formatTicks(Date.now() - 86400000)}`,
				{ token },
			);
			for (const m of recent.body.value)
				expect(Date.parse(m.lastSeen)).toBeGreaterThan(Date.now() - 86400000 - 1000);
			const tagged = [...emu.state.machines.values()].find((m) => m.machineTags.length > 0);
			const byTag = await call(
				emu,
				'GET',
				`/api/machines?$filter=machineTags/any(t: t eq '${tagged?.machineTags[0]}')`,
				{ token },
			);
			expect(byTag.body.value.map((m: { id: string }) => m.id)).toContain(tagged?.id);
			const one = await call(emu, 'GET', `/api/machines/${machineId()}`, { token });
			expect(one.body.id).toBe(machineId());
			expect(one.body['@odata.context']).toMatch(/#Machines\/\$entity$/);
			const missing = await call(emu, 'GET', '/api/machines/0000', { token });
			expect(missing.status).toBe(404);
			expect(missing.body.error).toMatchObject({
				code: 'ResourceNotFound',
				message: 'Machine 0000 was not found',
			});
			expect(
				(await call(emu, 'GET', "/api/machines?$filter=nope eq 'x'", { token })).body.error.code,
			).toBe('ODataError');
			expect((await call(emu, 'GET', '/api/machines?$top=10001', { token })).status).toBe(400);
		});

		it('takes startswith, endswith and contains on computerDnsName; Graph routes do not', async () => {
			const target = [...emu.state.machines.values()][2];
			const prefix = target.computerDnsName.split('.')[0];
			const q = (filter: string) =>
				call(emu, 'GET', `/api/machines?$filter=${encodeURIComponent(filter)}`, { token });
			const starts = await q(`startswith(computerDnsName, '${prefix.toUpperCase()}')`);
			expect(starts.status).toBe(200);
			expect(starts.body.value.map((m: { id: string }) => m.id)).toEqual([target.id]);
			const ends = await q("endswith(computerDnsName, '.contoso.com')");
			expect(ends.body.value).toHaveLength(emu.state.machines.size);
			const contains = await q(`contains(computerDnsName, '${prefix.slice(-4)}')`);
			expect(contains.body.value.map((m: { id: string }) => m.id)).toContain(target.id);
			const hostile = await q("startswith(computerDnsName, 'x'') or 1 eq 1 or ''')");
			expect(hostile.status).toBe(200);
			expect(hostile.body.value).toEqual([]);
			const broken = await q("startswith(computerDnsName, 'x'");
			expect(broken.status).toBe(400);
			expect(broken.body.error).toMatchObject({ code: 'ODataError' });
			expect(broken.body.error.message).toMatch(/expected '\)' after the second argument/);
			const graphToken = await tokenFor(emu);
			const graph = await call(
				emu,
				'GET',
				`/v1.0/security/alerts_v2?$filter=${encodeURIComponent("startswith(title, 'x')")}`,
				{ token: graphToken },
			);
			expect(graph.status).toBe(400);
			expect(graph.text).toMatch(/unknown function with name 'startswith'/);
		});

		it('answers 404 when the tenant has no machines', async () => {
			emu.state.machines.clear();
			expect((await call(emu, 'GET', '/api/machines', { token })).status).toBe(404);
		});
	});

	describe('machine actions (§8.2)', () => {
		it('moves Pending → InProgress → Succeeded on the action clock', async () => {
			const res = await act('isolate', {
				Comment: 'Isolate for investigation',
				IsolationType: 'Selective',
			});
			expect(res.status).toBe(201);
			expect(res.body).toMatchObject({
				type: 'Isolate',
				scope: 'Selective',
				status: 'Pending',
				machineId: machineId(),
				requestor: emu.defaultClient.clientId,
				requestorComment: 'Isolate for investigation',
			});
			expect(res.body['@odata.context']).toMatch(/#MachineActions\/\$entity$/);
			const poll = () => call(emu, 'GET', `/api/machineactions/${res.body.id}`, { token });
			expect((await poll()).body.status).toBe('Pending');
			emu.clock.advance(1000);
			expect((await poll()).body.status).toBe('InProgress');
			emu.clock.advance(1000);
			const done = await poll();
			expect(done.body.status).toBe('Succeeded');
			expect(done.body.lastUpdateDateTimeUtc > done.body.creationDateTimeUtc).toBe(true);
		});

		it('answers 400 "Action is already in progress" on a repeat, and accepts it once finished', async () => {
			expect((await act('runAntiVirusScan', { Comment: 'scan', ScanType: 'Quick' })).status).toBe(
				201,
			);
			const again = await act('runAntiVirusScan', { Comment: 'scan', ScanType: 'Full' });
			expect(again.status).toBe(400);
			expect(again.body.error.message).toBe('Action is already in progress');
			expect(again.body.error.target).toBeDefined();
			expect((await act('isolate', { Comment: 'other action type' })).status).toBe(201);
			emu.clock.advance(2000);
			expect((await act('runAntiVirusScan', { Comment: 'scan', ScanType: 'Quick' })).status).toBe(
				201,
			);
		});

		it('supports every documented action with its own body and status code', async () => {
			const sha1 = 'a'.repeat(40);
			const cases: [string, Record<string, unknown>, number, string][] = [
				['isolate', { Comment: 'c', IsolationType: 'Full' }, 201, 'Isolate'],
				['unisolate', { Comment: 'c' }, 201, 'Unisolate'],
				['runAntiVirusScan', { Comment: 'c', ScanType: 'Full' }, 201, 'RunAntiVirusScan'],
				['restrictCodeExecution', { Comment: 'c' }, 201, 'RestrictCodeExecution'],
				['unrestrictCodeExecution', { Comment: 'c' }, 201, 'UnrestrictCodeExecution'],
				['collectInvestigationPackage', { Comment: 'c' }, 201, 'CollectInvestigationPackage'],
				['StopAndQuarantineFile', { Comment: 'c', Sha1: sha1 }, 201, 'StopAndQuarantineFile'],
				['offboard', { Comment: 'c' }, 200, 'Offboard'],
			];
			for (const [action, body, status, type] of cases) {
				const res = await act(action, body);
				expect([action, res.status, res.body.type]).toEqual([action, status, type]);
			}
			const list = await call(
				emu,
				'GET',
				`/api/machineactions?$filter=type eq 'StopAndQuarantineFile'`,
				{ token },
			);
			expect(list.body.value).toHaveLength(1);
			expect(list.body.value[0].relatedFileInfo).toEqual({
				fileIdentifier: sha1,
				fileIdentifierType: 'Sha1',
			});
		});

		it.each([
			['isolate', {}, 'MissingRequiredParameter', /'Comment' is required/],
			['isolate', { comment: 'lower case' }, 'InvalidRequestBody', /case-sensitive: use 'Comment'/],
			[
				'isolate',
				{ Comment: 'c', IsolationType: 'full' },
				'InvalidRequestBody',
				/IsolationType must be/,
			],
			['runAntiVirusScan', { Comment: 'c' }, 'MissingRequiredParameter', /'ScanType' is required/],
			['StopAndQuarantineFile', { Comment: 'c', Sha1: 'xyz' }, 'InvalidHashValue', /40-character/],
		])('validates the %s body %j', async (action, body, code, message) => {
			const res = await act(action, body);
			expect(res.status).toBe(400);
			expect(res.body.error.code).toBe(code);
			expect(res.body.error.message).toMatch(message);
		});

		it('cancels a running action, refuses to cancel a finished one, and reports forced failures', async () => {
			const started = await act('collectInvestigationPackage', { Comment: 'collect' });
			expect(
				(await call(emu, 'GET', `/api/machineactions/${started.body.id}/getPackageUri`, { token }))
					.status,
			).toBe(404);
			const cancelled = await call(emu, 'POST', `/api/machineactions/${started.body.id}/cancel`, {
				token,
				body: { Comment: 'not needed' },
			});
			expect(cancelled.body).toMatchObject({
				status: 'Cancelled',
				cancellationComment: 'not needed',
			});
			expect(
				(
					await call(emu, 'POST', `/api/machineactions/${started.body.id}/cancel`, {
						token,
						body: { Comment: 'again' },
					})
				).status,
			).toBe(400);
			const collect = await act('collectInvestigationPackage', { Comment: 'collect again' });
			emu.clock.advance(2000);
			const uri = await call(emu, 'GET', `/api/machineactions/${collect.body.id}/getPackageUri`, {
				token,
			});
			expect(uri.status).toBe(200);
			expect(uri.body.value).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_emulator\/packages\//);
			const scan = await act('runAntiVirusScan', { Comment: 'c', ScanType: 'Quick' });
			emu.admin.setMachineActionStatus(scan.body.id, 'Failed');
			expect(
				(await call(emu, 'GET', `/api/machineactions/${scan.body.id}`, { token })).body.status,
			).toBe('Failed');
			expect((await call(emu, 'GET', '/api/machineactions/nope', { token })).status).toBe(404);
		});
	});

	describe('indicators (§8.3)', () => {
		const indicator = (overrides: Record<string, unknown> = {}) => ({
			indicatorValue: '203.0.113.77',
			indicatorType: 'IpAddress',
			action: 'Block',
			title: 'Known C2',
			description: 'Seen in incident 1234',
			severity: 'High',
			...overrides,
		});

		it('submits, updates in place (same type and value) and lists active indicators', async () => {
			const created = await call(emu, 'POST', '/api/indicators', { token, body: indicator() });
			expect(created.status).toBe(200);
			expect(created.body).toMatchObject({
				indicatorValue: '203.0.113.77',
				action: 'Block',
				createdBy: emu.defaultClient.clientId,
				sourceType: 'AadApp',
			});
			const updated = await call(emu, 'POST', '/api/indicators', {
				token,
				body: indicator({ action: 'Warn', title: 'Renamed' }),
			});
			expect(updated.body.id).toBe(created.body.id);
			expect(updated.body.action).toBe('Warn');
			const expired = await call(emu, 'POST', '/api/indicators', {
				token,
				body: indicator({ indicatorValue: '203.0.113.78', expirationTime: '2000-01-01T00:00:00Z' }),
			});
			expect(expired.status).toBe(200);
			const list = await call(emu, 'GET', "/api/indicators?$filter=indicatorType eq 'IpAddress'", {
				token,
			});
			const values = list.body.value.map((i: { indicatorValue: string }) => i.indicatorValue);
			expect(values).toContain('203.0.113.77');
			expect(values).not.toContain('203.0.113.78');
		});

		it.each([
			[{ indicatorValue: '203.0.113.0/24' }, 'InvalidIpAddress'],
			[{ indicatorType: 'FileSha256', indicatorValue: 'abc' }, 'InvalidHashValue'],
			[{ indicatorType: 'DomainName', indicatorValue: 'not a domain' }, 'InvalidDomainName'],
			[{ indicatorType: 'Url', indicatorValue: 'ftp://x.example/a' }, 'InvalidUrl'],
			[{ action: 'Audit' }, 'InvalidRequestBody'],
			[{ action: 'Destroy' }, 'InvalidRequestBody'],
			[{ title: '' }, 'MissingRequiredParameter'],
			[{ IndicatorValue: 'x' }, 'InvalidRequestBody'],
		])('refuses %j with %s', async (overrides, code) => {
			const res = await call(emu, 'POST', '/api/indicators', { token, body: indicator(overrides) });
			expect(res.status).toBe(400);
			expect(res.body.error.code).toBe(code);
		});

		it('imports up to 500 with per-item results and refuses bigger batches', async () => {
			const items = [
				indicator({ indicatorValue: '198.51.100.1' }),
				indicator({ indicatorValue: 'bad-ip' }),
			];
			const res = await call(emu, 'POST', '/api/indicators/import', {
				token,
				body: { Indicators: items },
			});
			expect(res.status).toBe(200);
			expect(res.body.value[0]).toMatchObject({
				indicator: '198.51.100.1',
				isFailed: false,
				failureReason: null,
			});
			expect(res.body.value[1]).toMatchObject({ isFailed: true });
			expect(res.body.value[1].failureReason).toMatch(/not a valid IP address/);
			const tooMany = Array.from({ length: 501 }, (_, i) =>
				indicator({ indicatorValue: `198.51.100.${i % 250}` }),
			);
			const big = await call(emu, 'POST', '/api/indicators/import', {
				token,
				body: { Indicators: tooMany },
			});
			expect(big.status).toBe(400);
			expect(big.body.error).toMatchObject({
				code: 'MaximumBatchSizeExceeded',
				message: 'Maximum batch size exceeded. Received: 501, allowed: 500.',
			});
		});

		it('deletes one, batch-deletes several, and refuses missing ids', async () => {
			const a = (
				await call(emu, 'POST', '/api/indicators', {
					token,
					body: indicator({ indicatorValue: '198.51.100.10' }),
				})
			).body.id;
			const b = (
				await call(emu, 'POST', '/api/indicators', {
					token,
					body: indicator({ indicatorValue: '198.51.100.11' }),
				})
			).body.id;
			const c = (
				await call(emu, 'POST', '/api/indicators', {
					token,
					body: indicator({ indicatorValue: '198.51.100.12' }),
				})
			).body.id;
			expect((await call(emu, 'DELETE', `/api/indicators/${a}`, { token })).status).toBe(204);
			expect((await call(emu, 'DELETE', `/api/indicators/${a}`, { token })).status).toBe(404);
			expect(
				(
					await call(emu, 'POST', '/api/indicators/BatchDelete', {
						token,
						body: { IndicatorIds: [b, 'missing'] },
					})
				).status,
			).toBe(404);
			expect(emu.state.indicators.has(b)).toBe(true);
			expect(
				(
					await call(emu, 'POST', '/api/indicators/BatchDelete', {
						token,
						body: { IndicatorIds: [b, c] },
					})
				).status,
			).toBe(204);
			expect(emu.state.indicators.has(c)).toBe(false);
			expect(
				(
					await call(emu, 'POST', '/api/indicators/BatchDelete', {
						token,
						body: { IndicatorIds: [] },
					})
				).status,
			).toBe(400);
		});

		it('enforces the 15,000 active-indicator cap for new values, not for updates', async () => {
			const base = [...emu.state.indicators.values()][0];
			for (let i = emu.state.indicators.size; i < 15000; i += 1) {
				const id = String(100000 + i);
				emu.state.indicators.set(id, { ...base, id, indicatorValue: `filler-${i}` });
			}
			expect(emu.state.activeIndicatorCount(Date.now())).toBe(15000);
			const refused = await call(emu, 'POST', '/api/indicators', {
				token,
				body: indicator({ indicatorValue: '198.51.100.200' }),
			});
			expect(refused.status).toBe(400);
			expect(refused.body.error.message).toMatch(/limit of 15000 active indicators/);
			const update = await call(emu, 'POST', '/api/indicators', {
				token,
				body: {
					...indicator(),
					indicatorType: base.indicatorType,
					indicatorValue: base.indicatorValue,
					action: base.indicatorType.startsWith('File') ? 'Block' : 'Warn',
				},
			});
			expect(update.status).toBe(200);
		});

		it('shows an app without Ti.ReadWrite.All only its own indicators', async () => {
			const app = emu.registerApp({ clientSecret: 'test-secret-value', roles: ['Ti.ReadWrite'] });
			const own = await tokenFor(emu, MDE_SCOPE, {
				clientId: app.clientId,
				clientSecret: 'test-secret-value',
			});
			await call(emu, 'POST', '/api/indicators', {
				token: own,
				body: indicator({ indicatorValue: '198.51.100.99' }),
			});
			const list = await call(emu, 'GET', '/api/indicators', { token: own });
			expect(list.body.value.map((i: { indicatorValue: string }) => i.indicatorValue)).toEqual([
				'198.51.100.99',
			]);
		});
	});
});
