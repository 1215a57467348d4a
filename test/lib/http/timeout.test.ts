import nock from 'nock';

import { DefenderClient } from '../../../lib/client/DefenderClient';
import { isRetryableNetworkError } from '../../../lib/http/retry';
import { DEFAULT_REQUEST_TIMEOUT_MS, requestTimeoutFromSeconds } from '../../../lib/http/timeout';
import { GRAPH, GRAPH_HOST, alert, graphScope } from '../client/helpers';
import { createAxiosTransport, manualClock, recordingSleep } from './axiosTransport';

const PATH = '/v1.0/security/alerts_v2/da1';

function client(requestTimeoutMs?: number) {
	const transport = createAxiosTransport();
	const sleep = recordingSleep();
	const defender = new DefenderClient({
		transport,
		endpoints: { graphBaseUrl: GRAPH, mdeBaseUrl: 'https://api.securitycenter.microsoft.com/api' },
		sleep,
		clock: manualClock(),
		random: () => 0.5,
		requestTimeoutMs,
	});
	return { defender, transport, sleep };
}

describe('request timeout', () => {
	afterEach(() => {
		nock.cleanAll();
	});

	it('sends every call with a 60 s default timeout', async () => {
		graphScope().get(PATH).reply(200, alert('da1'));
		const { defender, transport } = client();
		await defender.getAlert('da1');
		expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(60_000);
		expect(transport.requests.map((r) => r.timeoutMs)).toEqual([60_000]);
	});

	it('retries a call that answers later than the timeout, and the retry gets the answer', async () => {
		graphScope()
			.get(PATH)
			.delay(1_000)
			.reply(200, alert('da1', { status: 'late' }));
		graphScope().get(PATH).reply(200, alert('da1'));
		const { defender, transport, sleep } = client(100);
		const answer = await defender.getAlert('da1');
		expect(answer.status).toBe('new');
		expect(transport.requests.map((r) => r.timeoutMs)).toEqual([100, 100]);
		expect(sleep.waits).toHaveLength(1);
	});

	it('gives up with a network error naming the code after every try timed out', async () => {
		for (let i = 0; i < 5; i++) graphScope().get(PATH).delay(1_000).reply(200, alert('da1'));
		const { defender, sleep } = client(50);
		const failure = await defender.getAlert('da1').catch((error: unknown) => error);
		expect(failure).toMatchObject({ kind: 'network', code: 'ECONNABORTED' });
		expect((failure as Error).message).toBe(
			`No response from the API to ${GRAPH_HOST}${PATH} after 5 attempts.`,
		);
		expect(sleep.waits).toHaveLength(4);
	});

	it("classifies axios's timeout error as retryable by code and by message", () => {
		expect(isRetryableNetworkError(Object.assign(new Error('x'), { code: 'ECONNABORTED' }))).toBe(
			true,
		);
		expect(isRetryableNetworkError(new Error('timeout of 2000ms exceeded'))).toBe(true);
		expect(isRetryableNetworkError(new Error('Request failed with status code 400'))).toBe(false);
	});

	it('refuses a client without a positive timeout', () => {
		expect(() => client(0)).toThrow(
			'The request timeout must be a positive number of milliseconds.',
		);
		expect(() => client(Number.NaN)).toThrow(/positive number/);
	});

	describe('the "Request Timeout (Seconds)" option', () => {
		it('turns seconds into milliseconds, empty into the default', () => {
			expect(requestTimeoutFromSeconds(undefined)).toBe(60_000);
			expect(requestTimeoutFromSeconds('')).toBe(60_000);
			expect(requestTimeoutFromSeconds(5)).toBe(5_000);
			expect(requestTimeoutFromSeconds(' 2.5 ')).toBe(2_500);
			expect(requestTimeoutFromSeconds(600)).toBe(600_000);
		});

		it.each([0, -1, 601, Number.NaN, 'soon', true, {}])(
			'refuses %p with a message saying what to enter',
			(value) => {
				let failure: unknown;
				try {
					requestTimeoutFromSeconds(value);
				} catch (error) {
					failure = error;
				}
				expect(failure).toMatchObject({
					kind: 'validation',
					message: 'Request Timeout (Seconds) must be a number from 1 to 600.',
					hint: 'Enter the seconds to wait for one API answer, e.g. 60.',
				});
			},
		);
	});
});
