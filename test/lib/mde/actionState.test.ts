import { checkActionState, historyTypesFor } from '../../../lib/mde/actionState';
import type { DeviceActionType } from '../../../lib/mde/actions';
import type { MachineAction } from '../../../lib/mde/schemas';

let n = 0;
function act(
	type: string,
	status: string,
	minute: number,
	extra: Partial<MachineAction> = {},
): MachineAction {
	n += 1;
	return {
		id: `a${n}`,
		type,
		status,
		creationDateTimeUtc: `2025-01-15T10:${String(minute).padStart(2, '0')}:00Z`,
		...extra,
	} as MachineAction;
}

describe('checkActionState', () => {
	const cases: Array<{
		name: string;
		type: DeviceActionType;
		history: MachineAction[];
		expected: false | 'alreadyInState' | 'actionRunning';
	}> = [
		{ name: 'isolate, no history', type: 'isolate', history: [], expected: false },
		{
			name: 'isolate after a succeeded isolate',
			type: 'isolate',
			history: [act('Isolate', 'Succeeded', 1)],
			expected: 'alreadyInState',
		},
		{
			name: 'isolate after isolate then unisolate',
			type: 'isolate',
			history: [act('Isolate', 'Succeeded', 1), act('Unisolate', 'Succeeded', 5)],
			expected: false,
		},
		{
			name: 'isolate after unisolate then isolate (history unordered)',
			type: 'isolate',
			history: [act('Isolate', 'Succeeded', 9), act('Unisolate', 'Succeeded', 5)],
			expected: 'alreadyInState',
		},
		{
			name: 'isolate after a failed isolate',
			type: 'isolate',
			history: [act('Isolate', 'Failed', 1)],
			expected: false,
		},
		{
			name: 'isolate while one is pending',
			type: 'isolate',
			history: [act('Isolate', 'Pending', 1)],
			expected: 'actionRunning',
		},
		{
			name: 'isolate while an unisolate is running (not the same action)',
			type: 'isolate',
			history: [act('Isolate', 'Succeeded', 1), act('Unisolate', 'InProgress', 3)],
			expected: 'alreadyInState',
		},
		{
			name: 'unisolate with no history goes ahead',
			type: 'unisolate',
			history: [],
			expected: false,
		},
		{
			name: 'unisolate of an isolated device',
			type: 'unisolate',
			history: [act('Isolate', 'Succeeded', 1)],
			expected: false,
		},
		{
			name: 'unisolate of a released device',
			type: 'unisolate',
			history: [act('Isolate', 'Succeeded', 1), act('Unisolate', 'Succeeded', 2)],
			expected: 'alreadyInState',
		},
		{
			name: 'restrict after a succeeded restrict',
			type: 'restrictCodeExecution',
			history: [act('RestrictCodeExecution', 'Succeeded', 1)],
			expected: 'alreadyInState',
		},
		{
			name: 'unrestrict of a restricted device',
			type: 'unrestrictCodeExecution',
			history: [act('RestrictCodeExecution', 'Succeeded', 1)],
			expected: false,
		},
		{
			name: 'scan after a succeeded scan (scans repeat)',
			type: 'runAntiVirusScan',
			history: [act('RunAntiVirusScan', 'Succeeded', 1)],
			expected: false,
		},
		{
			name: 'scan while one runs',
			type: 'runAntiVirusScan',
			history: [act('RunAntiVirusScan', 'InProgress', 1)],
			expected: 'actionRunning',
		},
		{
			name: 'offboard after a succeeded offboard',
			type: 'offboard',
			history: [act('Offboard', 'Succeeded', 1)],
			expected: 'alreadyInState',
		},
		{
			name: 'offboard after a failed offboard',
			type: 'offboard',
			history: [act('Offboard', 'Failed', 1)],
			expected: false,
		},
		{
			name: 'collect while one runs',
			type: 'collectInvestigationPackage',
			history: [act('CollectInvestigationPackage', 'Pending', 1)],
			expected: 'actionRunning',
		},
	];

	it.each(cases)('$name', ({ type, history, expected }) => {
		const result = checkActionState(type, history);
		if (expected === false) expect(result.alreadyInState).toBe(false);
		else expect(result).toMatchObject({ alreadyInState: true, code: expected });
	});

	it('explains an isolated device with the action, its scope and time', () => {
		const result = checkActionState('isolate', [
			act('Isolate', 'Succeeded', 1, {
				id: 'iso-7',
				scope: 'Selective',
				lastUpdateDateTimeUtc: '2025-01-15T10:02:00Z',
			}),
		]);
		expect(result).toMatchObject({
			reason:
				'The device is already isolated (Selective): Isolate action iso-7 succeeded at 2025-01-15T10:02:00Z and nothing reversed it since.',
			evidence: { id: 'iso-7' },
		});
	});

	it('reads both members of a pair for the history query', () => {
		expect(historyTypesFor('isolate')).toEqual(['Isolate', 'Unisolate']);
		expect(historyTypesFor('unrestrictCodeExecution')).toEqual([
			'RestrictCodeExecution',
			'UnrestrictCodeExecution',
		]);
		expect(historyTypesFor('offboard')).toEqual(['Offboard']);
	});
});
