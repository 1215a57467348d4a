import { jsonOf, pairing, runNode, runNodeError } from '../helpers';
import { DEVICE_A, DEVICE_B, device, mde, mdeError } from '../mdeHelpers';

describe('Defender › Device › Get', () => {
	it('gets the device by id', async () => {
		const scope = mde().get(`/api/machines/${DEVICE_A}`).reply(200, device(DEVICE_A));
		const items = await runNode({
			parameters: { resource: 'device', operation: 'get', deviceId: ` ${DEVICE_A} ` },
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([expect.objectContaining({ id: DEVICE_A, riskScore: 'Low' })]);
		expect(pairing(items)).toEqual([{ item: 0 }]);
	});

	it('names Machine.Read.All on 403 and fails an empty id before any request', async () => {
		mde().get(`/api/machines/${DEVICE_A}`).reply(403, mdeError('Forbidden', 'Missing role'));
		const forbidden = await runNodeError({
			parameters: { resource: 'device', operation: 'get', deviceId: DEVICE_A },
		});
		expect(forbidden.httpCode).toBe('403');
		expect(forbidden.description).toContain('Machine.Read.All');
		const empty = await runNodeError({
			parameters: { resource: 'device', operation: 'get', deviceId: '' },
		});
		expect(empty.message).toBe('Device ID is empty.');
	});
});

describe('Defender › Device › Get Many', () => {
	it('sends every filter in one $filter and stops at the limit', async () => {
		const scope = mde()
			.get('/api/machines')
			.query({
				$top: '2',
				$filter:
					"computerDnsName eq 'desk-01.contoso.com' and lastIpAddress eq '10.0.0.5' and (healthStatus eq 'Active' or healthStatus eq 'Inactive') and riskScore eq 'High' and exposureLevel eq 'High' and osPlatform eq 'Windows11' and (machineTags/any(x: x eq 'vip') or machineTags/any(x: x eq 'finance')) and lastSeen gt 2026-01-01T00:00:00Z",
			})
			.reply(200, { value: [device(DEVICE_A), device(DEVICE_B)] });
		const items = await runNode({
			parameters: {
				resource: 'device',
				operation: 'getMany',
				returnAll: false,
				limit: 2,
				filters: {
					name: 'desk-01.contoso.com',
					ip: '10.0.0.5',
					health: ['Active', 'Inactive'],
					risk: ['High'],
					exposure: ['High'],
					os: 'Windows11',
					tag: 'vip, finance',
					lastSeenAfter: '2026-01-01T00:00:00Z',
				},
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items).map((json) => json.id)).toEqual([DEVICE_A, DEVICE_B]);
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('pages with $skip under Return All until a short page', async () => {
		const full = Array.from({ length: 10_000 }, (_v, i) =>
			device(i.toString(16).padStart(40, '0')),
		);
		const scope = mde()
			.get('/api/machines')
			.query({ $top: '10000' })
			.reply(200, { value: full })
			.get('/api/machines')
			.query({ $top: '10000', $skip: '10000' })
			.reply(200, { value: [device(DEVICE_A)] });
		const items = await runNode({
			parameters: { resource: 'device', operation: 'getMany', returnAll: true, filters: {} },
		});
		expect(scope.isDone()).toBe(true);
		expect(items).toHaveLength(10_001);
	});

	it('rejects an IP filter that is not an address before any request', async () => {
		const error = await runNodeError({
			parameters: {
				resource: 'device',
				operation: 'getMany',
				returnAll: true,
				filters: { ip: '10.0.0.0/8' },
			},
		});
		expect(error.message).toMatch(/is not an IP address/);
	});

	it('retries a 429 after its Retry-After', async () => {
		const scope = mde()
			.get('/api/machines')
			.query({ $top: '5' })
			.reply(429, mdeError('TooManyRequests', 'slow down'), { 'Retry-After': '0' })
			.get('/api/machines')
			.query({ $top: '5' })
			.reply(200, { value: [device(DEVICE_A)] });
		const items = await runNode({
			parameters: { resource: 'device', operation: 'getMany', returnAll: false, limit: 5 },
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]?.id).toBe(DEVICE_A);
	});
});

describe('Defender › Device › Add Tag and Remove Tag', () => {
	it('posts {Value, Action} and returns the updated device, per item', async () => {
		const scope = mde()
			.post(`/api/machines/${DEVICE_A}/tags`, { Value: 'contained', Action: 'Add' })
			.reply(200, device(DEVICE_A, { machineTags: ['contained'] }))
			.post(`/api/machines/${DEVICE_B}/tags`, { Value: 'contained', Action: 'Remove' })
			.reply(200, device(DEVICE_B, { machineTags: [] }));
		const added = await runNode({
			parameters: {
				resource: 'device',
				operation: 'addTag',
				deviceId: DEVICE_A,
				tag: ' contained ',
			},
		});
		const removed = await runNode({
			parameters: {
				resource: 'device',
				operation: 'removeTag',
				deviceId: DEVICE_B,
				tag: 'contained',
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(added)[0]).toMatchObject({ id: DEVICE_A, machineTags: ['contained'] });
		expect(jsonOf(removed)[0]).toMatchObject({ id: DEVICE_B, machineTags: [] });
	});

	it('names Machine.ReadWrite.All on 403, and gives an error item with Continue On Fail', async () => {
		mde()
			.post(`/api/machines/${DEVICE_A}/tags`)
			.reply(403, mdeError('Forbidden', 'Missing role'))
			.post(`/api/machines/${DEVICE_B}/tags`)
			.reply(200, device(DEVICE_B, { machineTags: ['x'] }));
		const items = await runNode({
			parameters: { resource: 'device', operation: 'addTag', tag: 'x' },
			items: [{}, {}],
			itemParameters: [{ deviceId: DEVICE_A }, { deviceId: DEVICE_B }],
			continueOnFail: true,
		});
		expect(pairing(items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(jsonOf(items)[0]).toMatchObject({
			kind: 'forbidden',
			status: 403,
			hint: expect.stringContaining('permission Machine.ReadWrite.All'),
		});
		expect(jsonOf(items)[1]).toMatchObject({ id: DEVICE_B });
	});

	it('fails an empty tag before any request', async () => {
		const error = await runNodeError({
			parameters: { resource: 'device', operation: 'removeTag', deviceId: DEVICE_A, tag: '' },
		});
		expect(error.message).toBe('Tag is empty.');
	});
});
