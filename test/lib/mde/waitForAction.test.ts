import { waitForAction } from '../../../lib/mde/waitForAction';
import { clockAndSleep, machineAction, makeClient, mdeScope } from './helpers';

const ACTION = '/api/machineactions/act-1';

describe('waitForAction', () => {
	it('polls with growing intervals until Succeeded and returns the final action', async () => {
		const scope = mdeScope()
			.get(ACTION)
			.reply(200, machineAction('act-1', { status: 'Pending' }))
			.get(ACTION)
			.reply(200, machineAction('act-1', { status: 'InProgress' }))
			.get(ACTION)
			.reply(200, machineAction('act-1', { status: 'InProgress' }))
			.get(ACTION)
			.reply(200, machineAction('act-1', { status: 'Succeeded' }));
		const { client } = makeClient();
		const { clock, sleep, waits } = clockAndSleep();

		const result = await waitForAction(client, 'act-1', { sleep, clock, timeoutMs: 600_000 });

		expect(result).toMatchObject({
			outcome: 'completed',
			status: 'Succeeded',
			succeeded: true,
			polls: 4,
			waitedMs: 70_000,
			action: { id: 'act-1', status: 'Succeeded' },
		});
		expect(waits).toEqual([10_000, 20_000, 40_000]);
		expect(scope.isDone()).toBe(true);
	});

	it.each(['Failed', 'TimeOut', 'Cancelled'])(
		'stops at the final status %s, not succeeded',
		async (status) => {
			mdeScope().get(ACTION).reply(200, machineAction('act-1', { status }));
			const { client } = makeClient();
			const { clock, sleep, waits } = clockAndSleep();

			const result = await waitForAction(client, 'act-1', { sleep, clock });

			expect(result).toMatchObject({ outcome: 'completed', status, succeeded: false, polls: 1 });
			expect(waits).toEqual([]);
		},
	);

	it('caps the interval and returns a clear timeout result at the limit, polling once at the deadline', async () => {
		mdeScope()
			.get(ACTION)
			.times(20)
			.reply(200, machineAction('act-1', { status: 'InProgress' }));
		const { client } = makeClient();
		const { clock, sleep, waits } = clockAndSleep();

		const result = await waitForAction(client, 'act-1', {
			sleep,
			clock,
			timeoutMs: 150_000,
			firstIntervalMs: 20_000,
			maxIntervalMs: 50_000,
		});

		expect(waits).toEqual([20_000, 40_000, 50_000, 40_000]);
		expect(result).toMatchObject({
			outcome: 'timedOut',
			status: 'InProgress',
			polls: 5,
			waitedMs: 150_000,
			message: expect.stringMatching(
				/Isolate action act-1 was still InProgress after 2\.5 min; it keeps running/,
			),
		});
	});

	it('rejects a negative time limit before polling', async () => {
		const { client, transport } = makeClient();
		const { clock, sleep } = clockAndSleep();
		await expect(waitForAction(client, 'act-1', { sleep, clock, timeoutMs: -1 })).rejects.toThrow(
			/wait time limit must be a number of milliseconds/,
		);
		expect(transport.requests).toHaveLength(0);
	});
});
