/** The Defender for Endpoint API on nock for the node tests, with its token and fixtures. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

export const MDE_HOST = 'https://mde.example.test';
export const MDE_TOKEN = 'test-mde-token';
export const DEVICE_A = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
export const DEVICE_B = '7b1f4967d9728e5aa3c06a9e617a22a4a5a17378';
export const DEVICE_C = 'cccccccccccccccccccccccccccccccccccccccc';

/** MDE insisting on its own token and never the Graph Prefer header. */
export function mde(): nock.Scope {
	return nock(MDE_HOST, {
		reqheaders: { authorization: `Bearer ${MDE_TOKEN}` },
		badheaders: ['prefer'],
	});
}

/** graph-api.md §10.2: the MDE error shape. */
export function mdeError(code: string, message: string): IDataObject {
	return { error: { code, message, target: 'corr-1' } };
}

export function device(id: string, fields: IDataObject = {}): IDataObject {
	return {
		id,
		computerDnsName: `${id.slice(0, 6)}.contoso.com`,
		osPlatform: 'Windows11',
		healthStatus: 'Active',
		riskScore: 'Low',
		exposureLevel: 'Medium',
		lastIpAddress: '10.0.0.5',
		machineTags: [],
		...fields,
	};
}

export function machineAction(id: string, fields: IDataObject = {}): IDataObject {
	return {
		id,
		type: 'Isolate',
		scope: 'Full',
		status: 'Pending',
		requestor: 'app',
		requestorComment: 'INC-42',
		machineId: DEVICE_A,
		creationDateTimeUtc: '2026-01-15T10:00:00.0000000Z',
		lastUpdateDateTimeUtc: '2026-01-15T10:00:00.0000000Z',
		relatedFileInfo: null,
		...fields,
	};
}

/** The history query the state pre-check sends for isolate / release. */
export function isolationHistory(id: string): Record<string, string> {
	return {
		$top: '10000',
		$filter: `machineId eq '${id}' and (type eq 'Isolate' or type eq 'Unisolate')`,
	};
}
