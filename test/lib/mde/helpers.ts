/** Shared set-up for the Defender for Endpoint tests: nock scopes, fixtures, a clock-moving sleep. */
import nock from 'nock';

import { MDE_HOST, makeClient } from '../client/helpers';
import { manualClock } from '../http/axiosTransport';

export { MDE_HOST, makeClient };
export const MDE = `${MDE_HOST}/api`;
export const MACHINE_ID = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
export const OTHER_MACHINE_ID = '7b1f4967d9728e5aa3c06a9e617a22a4a5a17378';

/** The MDE API with the headers every call must carry (no Graph Prefer, no Authorization here). */
export function mdeScope() {
	return nock(MDE_HOST, {
		reqheaders: { accept: 'application/json' },
		badheaders: ['authorization', 'prefer'],
	});
}

export function mdeError(code: string, message: string, target = 'corr-1') {
	return { error: { code, message, target } };
}

export function machine(id: string, extra: Record<string, unknown> = {}) {
	return {
		id,
		computerDnsName: `${id.slice(0, 6)}.contoso.com`,
		osPlatform: 'Windows11',
		healthStatus: 'Active',
		riskScore: 'Low',
		exposureLevel: 'Medium',
		lastIpAddress: '10.0.0.5',
		machineTags: [],
		...extra,
	};
}

export function machineAction(id: string, extra: Record<string, unknown> = {}) {
	return {
		id,
		type: 'Isolate',
		scope: 'Full',
		status: 'Pending',
		requestor: 'app',
		requestorComment: 'Contain INC-42',
		machineId: MACHINE_ID,
		computerDnsName: 'desk-01.contoso.com',
		creationDateTimeUtc: '2025-01-15T10:00:00.0000000Z',
		lastUpdateDateTimeUtc: '2025-01-15T10:00:00.0000000Z',
		relatedFileInfo: null,
		...extra,
	};
}

/** A Sleep that moves a manual clock forward by each wait, and records the waits. */
export function clockAndSleep(start = Date.parse('2025-01-15T10:00:00Z')) {
	const clock = manualClock(start);
	const waits: number[] = [];
	const sleep = async (ms: number) => {
		waits.push(ms);
		clock.advance(ms);
	};
	return { clock, sleep, waits };
}
