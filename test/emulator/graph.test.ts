import { startEmulator, type RunningEmulator } from './index';
import { call, tokenFor } from './testClient';

const PREFER = { prefer: 'include-unknown-enum-members' };

describe('Graph alerts and incidents', () => {
	let emu: RunningEmulator;
	let token: string;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 60, seed: 5, rateLimits: false, httpsPort: false });
		token = await tokenFor(emu);
	});
	afterAll(() => emu.stop());
	beforeEach(() => emu.admin.reset());

	const firstNew = () =>
		emu.state
			.alertsByCreatedDesc()
			.find((a) => a.status === 'new' && a.serviceSource === 'microsoftDefenderForEndpoint');

	describe('GET', () => {
		it('returns one alert with @odata.context, and 404 in Graph shape for unknown ids', async () => {
			const alert = emu.state.alertsByCreatedDesc()[0];
			const res = await call(emu, 'GET', `/v1.0/security/alerts_v2/${alert.id}`, { token });
			expect(res.status).toBe(200);
			expect(res.body['@odata.context']).toBe(
				`${emu.url}/v1.0/$metadata#security/alerts_v2/$entity`,
			);
			expect(res.body.id).toBe(alert.id);
			expect(res.body.evidence.length).toBeGreaterThanOrEqual(5);
			expect(res.headers.get('content-type')).toMatch(/^application\/json;odata.metadata=minimal/);
			expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
			const echoed = await call(emu, 'GET', `/v1.0/security/alerts_v2/${alert.id}`, {
				token,
				headers: { 'client-request-id': 'trace-me-123' },
			});
			expect(echoed.headers.get('client-request-id')).toBe('trace-me-123');
			const missing = await call(emu, 'GET', '/v1.0/security/alerts_v2/nope', { token });
			expect(missing.status).toBe(404);
			expect(missing.body.error.code).toBe('NotFound');
			expect(missing.body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
		});

		it('masks evolved enum members unless Prefer: include-unknown-enum-members is sent (§5.2)', async () => {
			const sentinel = emu.state
				.alertsByCreatedDesc()
				.find((a) => a.serviceSource === 'microsoftSentinel');
			expect(sentinel).toBeDefined();
			const plain = await call(emu, 'GET', `/v1.0/security/alerts_v2/${sentinel?.id}`, { token });
			expect(plain.body.serviceSource).toBe('unknownFutureValue');
			expect(plain.headers.get('preference-applied')).toBeNull();
			const opted = await call(emu, 'GET', `/v1.0/security/alerts_v2/${sentinel?.id}`, {
				token,
				headers: PREFER,
			});
			expect(opted.body.serviceSource).toBe('microsoftSentinel');
			expect(opted.headers.get('preference-applied')).toBe('include-unknown-enum-members');
			const list = await call(emu, 'GET', '/v1.0/security/alerts_v2?$top=1000', { token });
			const sources = new Set(
				list.body.value.map((a: { serviceSource: string }) => a.serviceSource),
			);
			expect(sources.has('microsoftSentinel')).toBe(false);
			expect(sources.has('unknownFutureValue')).toBe(true);
		});

		it('expands the alerts of incidents with $expand=alerts, on the list and on one incident', async () => {
			const incident = emu.state.incidentsByCreatedDesc().find((i) => i.alertIds.length > 1);
			const one = await call(
				emu,
				'GET',
				`/v1.0/security/incidents/${incident?.id}?$expand=alerts`,
				{ token },
			);
			expect(one.body.alerts.map((a: { id: string }) => a.id)).toEqual(incident?.alertIds);
			expect(one.body.alertIds).toBeUndefined();
			const without = await call(emu, 'GET', `/v1.0/security/incidents/${incident?.id}`, { token });
			expect(without.body.alerts).toBeUndefined();
			const list = await call(emu, 'GET', '/v1.0/security/incidents?$expand=alerts&$top=3', {
				token,
			});
			for (const i of list.body.value) expect(Array.isArray(i.alerts)).toBe(true);
			const rel = await call(emu, 'GET', `/v1.0/security/incidents/${incident?.id}/alerts`, {
				token,
			});
			expect(rel.body.value).toHaveLength(incident?.alertIds.length as number);
		});

		it('serves redirected incidents with redirectIncidentId', async () => {
			emu.admin.seed(8, 500);
			const res = await call(
				emu,
				'GET',
				"/v1.0/security/incidents?$filter=status eq 'redirected'&$top=50",
				{ token },
			);
			expect(res.body.value.length).toBeGreaterThan(0);
			for (const i of res.body.value) expect(i.redirectIncidentId).toMatch(/^\d+$/);
		});
	});

	describe('PATCH alerts (graph-api.md §4.1, §5)', () => {
		it('updates the four fields, moves lastUpdateDateTime with 7 digits and returns the alert', async () => {
			const alert = firstNew();
			const before = alert?.lastUpdateDateTime as string;
			const res = await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${alert?.id}`, {
				token,
				body: {
					status: 'resolved',
					classification: 'truePositive',
					determination: 'malware',
					assignedTo: 'secadmin@contoso.com',
				},
			});
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({
				id: alert?.id,
				status: 'resolved',
				classification: 'truePositive',
				determination: 'malware',
				assignedTo: 'secadmin@contoso.com',
			});
			expect(res.body.lastUpdateDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
			expect(res.body.lastUpdateDateTime > before).toBe(true);
			expect(res.body.resolvedDateTime).toBe(res.body.lastUpdateDateTime);
			const again = await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${alert?.id}`, {
				token,
				body: { status: 'inProgress' },
			});
			expect(again.body.lastUpdateDateTime > res.body.lastUpdateDateTime).toBe(true);
			expect(again.body.resolvedDateTime).toBeNull();
		});

		it('keeps lastUpdateDateTime strictly increasing across rapid updates', async () => {
			const alert = firstNew();
			const stamps: string[] = [];
			for (let i = 0; i < 20; i += 1) {
				const res = await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${alert?.id}`, {
					token,
					body: { assignedTo: `user${i}@contoso.com` },
				});
				stamps.push(res.body.lastUpdateDateTime);
			}
			expect(new Set(stamps).size).toBe(20);
			expect(stamps).toEqual([...stamps].sort());
		});

		it.each([
			[
				{ severity: 'high' },
				/'severity' of the alert cannot be updated\. Updatable properties: status, classification, determination, assignedTo/,
			],
			[{ id: 'x' }, /'id' of the alert cannot be updated/],
			[{ comments: [] }, /'comments' of the alert cannot be updated/],
			[
				{ status: 'closed' },
				/Invalid value 'closed' for 'status'\. The value must be one of: unknown, new, inProgress, resolved/,
			],
			[{ classification: 'benignPositive' }, /Invalid value 'benignPositive' for 'classification'/],
			[
				{ classification: 'falsePositive', determination: 'malware' },
				/'malware' is not valid for the classification 'falsePositive'\. Valid determinations for 'falsePositive': notMalicious, notEnoughDataToValidate, other/,
			],
			[{ classification: 'truePositive', determination: 'apt' }, /'apt' is deprecated/],
			[{ assignedTo: 42 }, /'assignedTo' must be a string or null/],
			[[1, 2], /must be a JSON object/],
		])('refuses %j with 400: %s', async (body, message) => {
			const alert = firstNew();
			const before = { ...alert };
			const res = await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${alert?.id}`, {
				token,
				body,
			});
			expect(res.status).toBe(400);
			expect(res.body.error.code).toBe('BadRequest');
			expect(res.body.error.message).toMatch(message);
			expect(emu.state.alerts.get(alert?.id as string)?.lastUpdateDateTime).toBe(
				before.lastUpdateDateTime,
			);
		});

		it('checks the pair against the stored value when only one side is sent', async () => {
			const alert = firstNew();
			await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${alert?.id}`, {
				token,
				body: { classification: 'falsePositive', determination: 'notMalicious' },
			});
			const res = await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${alert?.id}`, {
				token,
				body: { classification: 'truePositive' },
			});
			expect(res.status).toBe(400);
			expect(res.body.error.message).toMatch(
				/'notMalicious' is not valid for the classification 'truePositive'/,
			);
		});

		it('treats unknownFutureValue as absent (§5.2)', async () => {
			const alert = firstNew();
			const res = await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${alert?.id}`, {
				token,
				body: { status: 'unknownFutureValue', assignedTo: 'a@contoso.com' },
			});
			expect(res.status).toBe(200);
			expect(res.body.status).toBe('new');
			expect(res.body.assignedTo).toBe('a@contoso.com');
		});

		it('skips the pair check when validatePairs is false', async () => {
			const lax = await startEmulator({ alerts: 5, validatePairs: false, httpsPort: false });
			try {
				const t = await tokenFor(lax);
				const alert = lax.state.alertsByCreatedDesc()[0];
				const res = await call(lax, 'PATCH', `/v1.0/security/alerts_v2/${alert.id}`, {
					token: t,
					body: { classification: 'falsePositive', determination: 'malware' },
				});
				expect(res.status).toBe(200);
			} finally {
				await lax.stop();
			}
		});

		it('needs a JSON body with Content-Type application/json', async () => {
			const alert = firstNew();
			const res = await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${alert?.id}`, {
				token,
				body: '{not json',
			});
			expect(res.status).toBe(400);
			expect(res.body.error.message).toMatch(/Unable to read JSON request payload/);
			const noType = await call(emu, 'PATCH', `/v1.0/security/alerts_v2/${alert?.id}`, {
				token,
				body: '{"status":"new"}',
				headers: { 'content-type': 'text/plain' },
			});
			expect(noType.status).toBe(400);
		});
	});

	describe('PATCH incidents (graph-api.md §4.3)', () => {
		it('updates the extended set and records lastModifiedBy', async () => {
			const incident = emu.state.incidentsByCreatedDesc().find((i) => i.status === 'active');
			const res = await call(emu, 'PATCH', `/v1.0/security/incidents/${incident?.id}`, {
				token,
				body: {
					status: 'resolved',
					classification: 'truePositive',
					determination: 'multiStagedAttack',
					customTags: ['Demo'],
					severity: 'high',
					displayName: 'Renamed',
					summary: 's',
					description: 'd',
					resolvingComment: 'done',
					assignedTo: 'kai@contoso.com',
				},
			});
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({
				status: 'resolved',
				customTags: ['Demo'],
				severity: 'high',
				displayName: 'Renamed',
				resolvingComment: 'done',
				lastModifiedBy: 'Defender XDR emulator client',
			});
		});

		it('refuses redirected, awaitingAction, unknown fields and bad tags', async () => {
			const incident = emu.state.incidentsByCreatedDesc()[0];
			const path = `/v1.0/security/incidents/${incident.id}`;
			expect(
				(await call(emu, 'PATCH', path, { token, body: { status: 'redirected' } })).body.error
					.message,
			).toMatch(/merged/);
			expect(
				(await call(emu, 'PATCH', path, { token, body: { status: 'awaitingAction' } })).body.error
					.message,
			).toMatch(/include-unknown-enum-members/);
			expect(
				(
					await call(emu, 'PATCH', path, {
						token,
						body: { status: 'awaitingAction' },
						headers: PREFER,
					})
				).body.error.message,
			).toMatch(/Defender Experts/);
			expect((await call(emu, 'PATCH', path, { token, body: { priorityScore: 5 } })).status).toBe(
				400,
			);
			expect(
				(await call(emu, 'PATCH', path, { token, body: { customTags: 'x' } })).body.error.message,
			).toMatch(/array of strings/);
		});
	});

	describe('comments (graph-api.md §4.2, §4.4)', () => {
		it('appends a comment and returns the whole list with 200', async () => {
			const alert = emu.state.alertsByCreatedDesc()[0];
			const before = alert.comments.length;
			const res = await call(emu, 'POST', `/v1.0/security/alerts_v2/${alert.id}/comments`, {
				token,
				body: { '@odata.type': 'microsoft.graph.security.alertComment', comment: 'Demo for docs' },
			});
			expect(res.status).toBe(200);
			expect(res.body['@odata.context']).toContain(`alerts_v2('${alert.id}')/comments`);
			expect(res.body.value).toHaveLength(before + 1);
			expect(res.body.value[before]).toMatchObject({
				comment: 'Demo for docs',
				createdByDisplayName: 'Defender XDR emulator client',
			});
			expect(res.body.value[before].createdDateTime).toMatch(/\.\d{7}Z$/);
			const incident = emu.state.incidentsByCreatedDesc()[0];
			const inc = await call(emu, 'POST', `/v1.0/security/incidents/${incident.id}/comments`, {
				token,
				body: { comment: 'first' },
			});
			expect(inc.status).toBe(200);
			expect(inc.body.value.at(-1).comment).toBe('first');
		});

		it('refuses empty comments and unknown parameters', async () => {
			const alert = emu.state.alertsByCreatedDesc()[0];
			const path = `/v1.0/security/alerts_v2/${alert.id}/comments`;
			expect((await call(emu, 'POST', path, { token, body: { comment: '  ' } })).status).toBe(400);
			expect(
				(await call(emu, 'POST', path, { token, body: { text: 'x' } })).body.error.message,
			).toMatch(/'comment'/);
			expect(
				(await call(emu, 'POST', path, { token, body: { comment: 'x', author: 'y' } })).body.error
					.message,
			).toMatch(/'author' is not a parameter/);
		});
	});

	it('answers unknown segments with 400 and wrong methods with 405', async () => {
		const res = await call(emu, 'GET', '/v1.0/security/alertz', { token });
		expect(res.status).toBe(400);
		expect(res.body.error.message).toMatch(/Resource not found for the segment 'alertz'/);
		const del = await call(emu, 'DELETE', '/v1.0/security/alerts_v2/x', { token });
		expect(del.status).toBe(405);
	});
});
