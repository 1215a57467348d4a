import { startEmulator, type RunningEmulator } from './index';
import { MAX_TAG_LENGTH } from './mde/tags';
import { call, MDE_SCOPE, tokenFor } from './testClient';

describe('POST /api/machines/{id}/tags', () => {
	let emu: RunningEmulator;
	let token: string;
	beforeAll(async () => {
		emu = await startEmulator({ alerts: 40, seed: 21, httpsPort: false, rateLimits: false });
		token = await tokenFor(emu, MDE_SCOPE);
	});
	afterAll(() => emu.stop());
	beforeEach(() => emu.admin.reset());

	const untagged = () => [...emu.state.machines.values()].find((m) => m.machineTags.length === 0)!;
	const tag = (id: string, body: unknown, t = token) =>
		call(emu, 'POST', `/api/machines/${id}/tags`, { token: t, body });

	it('adds a tag once, answers 200 with the machine, and the tag is filterable', async () => {
		const machine = untagged();
		const res = await tag(machine.id, { Value: 'Quarantine Review', Action: 'Add' });
		expect(res.status).toBe(200);
		expect(res.body['@odata.context']).toMatch(/#Machines\/\$entity$/);
		expect(res.body).toMatchObject({ id: machine.id, machineTags: ['Quarantine Review'] });
		expect(emu.state.machines.get(machine.id)?.machineTags).toEqual(['Quarantine Review']);

		const again = await tag(machine.id, { Value: 'Quarantine Review', Action: 'Add' });
		expect(again.body.machineTags).toEqual(['Quarantine Review']);

		const found = await call(
			emu,
			'GET',
			"/api/machines?$filter=machineTags/any(t: t eq 'Quarantine Review')",
			{ token },
		);
		expect(found.body.value.map((m: { id: string }) => m.id)).toEqual([machine.id]);
		expect(emu.state.machineActions.size).toBe(0);
	});

	it('removes a tag, and removing an absent tag leaves the machine as it is', async () => {
		const machine = untagged();
		await tag(machine.id, { Value: 'A', Action: 'Add' });
		await tag(machine.id, { Value: 'B', Action: 'Add' });
		const removed = await tag(machine.id, { Value: 'A', Action: 'Remove' });
		expect(removed.status).toBe(200);
		expect(removed.body.machineTags).toEqual(['B']);
		const absent = await tag(machine.id, { Value: 'never-set', Action: 'Remove' });
		expect(absent.status).toBe(200);
		expect(absent.body.machineTags).toEqual(['B']);
		const read = await call(emu, 'GET', `/api/machines/${machine.id}`, { token });
		expect(read.body.machineTags).toEqual(['B']);
	});

	it.each([
		['no Value', { Action: 'Add' }, 'MissingRequiredParameter', /'Value' is required/],
		[
			'a blank Value',
			{ Value: '   ', Action: 'Add' },
			'MissingRequiredParameter',
			/'Value' is required/,
		],
		[
			'a number as Value',
			{ Value: 42, Action: 'Add' },
			'MissingRequiredParameter',
			/'Value' is required/,
		],
		[
			'no Action',
			{ Value: 'x' },
			'MissingRequiredParameter',
			/'Action' is required: 'Add' or 'Remove'/,
		],
		[
			'a lower-case Action',
			{ Value: 'x', Action: 'add' },
			'InvalidRequestBody',
			/'Add' or 'Remove' \(case-sensitive\), not "add"/,
		],
		['an unknown Action', { Value: 'x', Action: 'Delete' }, 'InvalidRequestBody', /not "Delete"/],
		[
			'a lower-case parameter name',
			{ value: 'x', Action: 'Add' },
			'InvalidRequestBody',
			/case-sensitive: use 'Value'/,
		],
		[
			'an unknown parameter',
			{ Value: 'x', Action: 'Add', Extra: 1 },
			'InvalidRequestBody',
			/Unexpected parameter 'Extra'/,
		],
		[
			'a tag that is too long',
			{ Value: 'x'.repeat(MAX_TAG_LENGTH + 1), Action: 'Add' },
			'InvalidRequestBody',
			/limit is 200/,
		],
	])('answers 400 for %s without changing the machine', async (_label, body, code, message) => {
		const machine = untagged();
		const res = await tag(machine.id, body);
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe(code);
		expect(res.body.error.message).toMatch(message);
		expect(emu.state.machines.get(machine.id)?.machineTags).toEqual([]);
	});

	it('answers 400 for a body that is not a JSON object', async () => {
		const res = await call(emu, 'POST', `/api/machines/${untagged().id}/tags`, {
			token,
			body: '["Value"]',
		});
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('InvalidRequestBody');
	});

	it('answers 404 for an unknown machine', async () => {
		const res = await tag('0'.repeat(40), { Value: 'x', Action: 'Add' });
		expect(res.status).toBe(404);
		expect(res.body.error).toMatchObject({
			code: 'ResourceNotFound',
			message: `Machine ${'0'.repeat(40)} was not found`,
		});
	});

	it('needs Machine.ReadWrite.All: a read-only app gets 403', async () => {
		const app = emu.registerApp({ clientSecret: 'test-secret-value', roles: ['Machine.Read.All'] });
		const readOnly = await tokenFor(emu, MDE_SCOPE, {
			clientId: app.clientId,
			clientSecret: 'test-secret-value',
		});
		const machine = untagged();
		const res = await tag(machine.id, { Value: 'x', Action: 'Add' }, readOnly);
		expect(res.status).toBe(403);
		expect(res.body.error.message).toMatch(/requires one of Machine\.ReadWrite\.All/);
		expect(emu.state.machines.get(machine.id)?.machineTags).toEqual([]);
	});
});
