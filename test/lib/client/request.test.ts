import nock from 'nock';

import { DefenderClient } from '../../../lib/client/DefenderClient';
import { createAxiosTransport, recordingSleep } from '../http/axiosTransport';
import { MDE_HOST, graphScope, makeClient } from './helpers';

describe('raw calls', () => {
	it('calls the Defender for Endpoint API without the Graph-only Prefer header', async () => {
		const scope = nock(MDE_HOST, { badheaders: ['prefer', 'authorization'] })
			.matchHeader('accept', 'application/json')
			.matchHeader('content-type', 'application/json')
			.post('/api/machines/7b1f4967d9728e5aa3c06a9e617a22a4a5a17378/isolate', {
				Comment: 'Isolated by n8n',
				IsolationType: 'Full',
			})
			.reply(201, {
				id: '5382f7ea-7557-4ab7-9782-d50480024a4e',
				type: 'Isolate',
				status: 'Pending',
			});
		const { client } = makeClient();

		const action = await client.request({
			api: 'mde',
			method: 'POST',
			path: '/machines/7b1f4967d9728e5aa3c06a9e617a22a4a5a17378/isolate',
			body: { Comment: 'Isolated by n8n', IsolationType: 'Full' },
		});

		expect(action).toEqual({
			id: '5382f7ea-7557-4ab7-9782-d50480024a4e',
			type: 'Isolate',
			status: 'Pending',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('maps an MDE 403 to the WindowsDefenderATP permission', async () => {
		nock(MDE_HOST)
			.post('/api/machines/m1/runAntiVirusScan')
			.reply(403, { error: { code: 'Forbidden', message: 'No permission', target: 'corr-1' } });
		const { client } = makeClient();

		await expect(
			client.request({
				api: 'mde',
				method: 'POST',
				path: '/machines/m1/runAntiVirusScan',
				body: {},
			}),
		).rejects.toMatchObject({
			kind: 'forbidden',
			requestId: 'corr-1',
			hint: 'Add the WindowsDefenderATP application permission Machine.Scan to the app registration, then grant admin consent in Entra ID > App registrations > API permissions.',
		});
	});

	it('returns undefined for an empty 204 answer', async () => {
		graphScope().delete('/v1.0/security/somethingDeletable/1').reply(204);
		const { client } = makeClient();
		expect(
			await client.request({
				api: 'graph',
				method: 'DELETE',
				path: '/security/somethingDeletable/1',
			}),
		).toBeUndefined();
	});
});

describe('client construction', () => {
	it('refuses plain-http base URLs other than loopback', () => {
		expect(
			() =>
				new DefenderClient({
					transport: createAxiosTransport(),
					endpoints: {
						graphBaseUrl: 'http://graph.contoso.example/v1.0',
						mdeBaseUrl: `${MDE_HOST}/api`,
					},
					sleep: recordingSleep(),
				}),
		).toThrow('Graph base URL must use https.');
	});

	it('accepts a loopback emulator', () => {
		const client = new DefenderClient({
			transport: createAxiosTransport(),
			endpoints: {
				graphBaseUrl: 'http://127.0.0.1:4010/v1.0/',
				mdeBaseUrl: 'http://127.0.0.1:4010/api',
			},
			sleep: recordingSleep(),
		});
		expect(client.graphBaseUrl).toBe('http://127.0.0.1:4010/v1.0');
		expect(client.mdeBaseUrl).toBe('http://127.0.0.1:4010/api');
	});
});
