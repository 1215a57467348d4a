import { DefenderError } from '../../../lib/errors';
import {
	checkDeviceCount,
	planDeviceActions,
	resolveGuardrails,
	type DeviceFacts,
} from '../../../lib/mde/guardrails';
import type { Machine, MachineAction } from '../../../lib/mde/schemas';

function device(
	id: string,
	tags: string[] = [],
	history: Partial<MachineAction>[] = [],
): DeviceFacts {
	return {
		machineId: id,
		machine: { id, computerDnsName: `${id}.contoso.com`, machineTags: tags } as Machine,
		history: history.map((h, i) => ({
			id: `${id}-a${i}`,
			creationDateTimeUtc: `2025-01-15T10:0${i}:00Z`,
			...h,
		})) as MachineAction[],
	};
}

describe('planDeviceActions', () => {
	it('runs devices that pass, in the given order, with their names', () => {
		const plan = planDeviceActions({ action: 'isolate', devices: [device('d1'), device('d2')] });
		expect(plan).toMatchObject({ action: 'isolate', dryRun: false, duplicates: [] });
		expect(plan.steps).toEqual([
			{
				machineId: 'd1',
				computerDnsName: 'd1.contoso.com',
				decision: 'run',
				code: 'ok',
				reason: 'Guardrails passed: isolate.',
			},
			{
				machineId: 'd2',
				computerDnsName: 'd2.contoso.com',
				decision: 'run',
				code: 'ok',
				reason: 'Guardrails passed: isolate.',
			},
		]);
	});

	const table: Array<{
		name: string;
		action: 'isolate' | 'offboard' | 'runAntiVirusScan' | 'unisolate';
		facts: DeviceFacts;
		guardrails?: Parameters<typeof planDeviceActions>[0]['guardrails'];
		decision: 'run' | 'skip';
		code: string;
		reason?: RegExp;
	}> = [
		{
			name: 'default protected tag blocks isolate',
			action: 'isolate',
			facts: device('d1', ['VIP', 'Do-Not-Isolate']),
			decision: 'skip',
			code: 'protectedTag',
			reason: /protected tag 'Do-Not-Isolate'.*never sent 'isolate'/,
		},
		{
			name: 'default protected tag blocks offboard',
			action: 'offboard',
			facts: device('d1', ['do-not-isolate']),
			decision: 'skip',
			code: 'protectedTag',
		},
		{
			name: 'protected tag does not block a scan',
			action: 'runAntiVirusScan',
			facts: device('d1', ['do-not-isolate']),
			decision: 'run',
			code: 'ok',
		},
		{
			name: 'protected tag does not block a release',
			action: 'unisolate',
			facts: device('d1', ['do-not-isolate']),
			decision: 'run',
			code: 'ok',
		},
		{
			name: 'custom protected tags replace the default',
			action: 'isolate',
			facts: device('d1', ['do-not-isolate']),
			guardrails: { protectedTags: ['crown-jewel'] },
			decision: 'run',
			code: 'ok',
		},
		{
			name: 'custom protected tag matches',
			action: 'isolate',
			facts: device('d1', ['Crown-Jewel']),
			guardrails: { protectedTags: ['crown-jewel'] },
			decision: 'skip',
			code: 'protectedTag',
		},
		{
			name: 'protected ID list, case-insensitive',
			action: 'isolate',
			facts: device('abc123'),
			guardrails: { protectedMachineIds: ['ABC123'] },
			decision: 'skip',
			code: 'protectedId',
			reason: /protected list/,
		},
		{
			name: 'guarded actions can include scans',
			action: 'runAntiVirusScan',
			facts: device('d1', ['do-not-isolate']),
			guardrails: { guardedActions: ['runAntiVirusScan'] },
			decision: 'skip',
			code: 'protectedTag',
		},
		{
			name: 'already isolated is skipped, not failed',
			action: 'isolate',
			facts: device('d1', [], [{ type: 'Isolate', status: 'Succeeded' }]),
			decision: 'skip',
			code: 'alreadyInState',
			reason: /already isolated/,
		},
		{
			name: 'pre-check off acts anyway',
			action: 'isolate',
			facts: device('d1', [], [{ type: 'Isolate', status: 'Succeeded' }]),
			guardrails: { skipIfAlreadyInState: false },
			decision: 'run',
			code: 'ok',
		},
		{
			name: 'a running isolate is skipped',
			action: 'isolate',
			facts: device('d1', [], [{ type: 'Isolate', status: 'InProgress' }]),
			decision: 'skip',
			code: 'actionRunning',
		},
		{
			name: 'lookup failure never acts blind',
			action: 'isolate',
			facts: {
				machineId: 'd1',
				lookupError: {
					kind: 'forbidden',
					message: 'The app is not allowed to do this (403 Forbidden).',
					hint: 'Add Machine.Read.All.',
				},
			},
			decision: 'skip',
			code: 'lookupFailed',
			reason: /Could not check the guardrails.*403 Forbidden.*Machine\.Read\.All/,
		},
		{
			name: 'missing history with the pre-check on never acts blind',
			action: 'runAntiVirusScan',
			facts: { machineId: 'd1' },
			decision: 'skip',
			code: 'lookupFailed',
		},
		{
			name: 'no facts needed for a scan without pre-check',
			action: 'runAntiVirusScan',
			facts: { machineId: 'd1' },
			guardrails: { skipIfAlreadyInState: false },
			decision: 'run',
			code: 'ok',
		},
		{
			name: 'dry run still plans, and says so',
			action: 'isolate',
			facts: device('d1'),
			guardrails: { dryRun: true },
			decision: 'run',
			code: 'ok',
			reason: /^Dry run: would isolate/,
		},
	];

	it.each(table)('$name', ({ action, facts, guardrails, decision, code, reason }) => {
		const plan = planDeviceActions({ action, devices: [facts], guardrails });
		expect(plan.steps).toHaveLength(1);
		expect(plan.steps[0]).toMatchObject({ decision, code });
		if (reason) expect(plan.steps[0]?.reason).toMatch(reason);
	});

	it('checks the protected ID before the tag and the tag before the state', () => {
		const facts = device('d1', ['do-not-isolate'], [{ type: 'Isolate', status: 'Succeeded' }]);
		expect(
			planDeviceActions({
				action: 'isolate',
				devices: [facts],
				guardrails: { protectedMachineIds: ['d1'] },
			}).steps[0]?.code,
		).toBe('protectedId');
		expect(planDeviceActions({ action: 'isolate', devices: [facts] }).steps[0]?.code).toBe(
			'protectedTag',
		);
	});

	it('acts once on a device listed twice and reports the repeat', () => {
		const plan = planDeviceActions({
			action: 'isolate',
			devices: [device('d1'), device('D1'), device('d2')],
		});
		expect(plan.steps.map((s) => s.machineId)).toEqual(['d1', 'd2']);
		expect(plan.duplicates).toEqual(['D1']);
	});

	it('refuses more devices than the maximum, naming the count and limit', () => {
		const devices = ['a', 'b', 'c'].map((id) => device(id));
		expect(() =>
			planDeviceActions({ action: 'offboard', devices, guardrails: { maxDevices: 2 } }),
		).toThrow('Refusing to offboard 3 devices: the limit per execution is 2. Nothing was sent.');
		expect(
			planDeviceActions({ action: 'offboard', devices, guardrails: { maxDevices: 3 } }).steps,
		).toHaveLength(3);
	});

	it('defaults to at most 10 devices; duplicates do not count', () => {
		const ids = Array.from({ length: 10 }, (_, i) => `d${i}`);
		expect(checkDeviceCount([...ids, 'D0'], 10, 'isolate').ids).toHaveLength(10);
		expect(() =>
			checkDeviceCount([...ids, 'd10'], resolveGuardrails().maxDevices, 'isolate'),
		).toThrow(/11 devices/);
	});

	it('rejects bad guardrails and empty input with clear errors', () => {
		expect(() => resolveGuardrails({ maxDevices: 0 })).toThrow(/at least 1/);
		expect(() => resolveGuardrails({ guardedActions: ['reboot' as never] })).toThrow(
			/Unknown guarded action 'reboot'/,
		);
		expect(() => checkDeviceCount([], 5, 'isolate')).toThrow(/No device IDs/);
		expect(() => checkDeviceCount(['a', ' '], 5, 'isolate')).toThrow(/Device ID #2 is empty/);
		expect(() => planDeviceActions({ action: 'reboot' as never, devices: [] })).toThrow(
			DefenderError,
		);
	});
});
