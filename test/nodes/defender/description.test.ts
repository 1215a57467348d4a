import nock from 'nock';
import type { INodeProperties } from 'n8n-workflow';

import { Defender } from '../../../nodes/Defender/Defender.node';
import { OPERATIONS } from '../../../nodes/Defender/actions/router';
import {
	GRAPH_TOKEN,
	LOGIN,
	SECRET,
	TENANT,
	credentialData,
	graphError,
	runNodeError,
} from './helpers';

const description = new Defender().description;

function optionValues(property: INodeProperties | undefined): string[] {
	return (property?.options ?? []).map((option) => String((option as { value: unknown }).value));
}

describe('Defender node description', () => {
	it('is an action node an AI Agent can use as a tool', () => {
		expect(description.name).toBe('defender');
		expect(description.usableAsTool).toBe(true);
		expect(description.version).toEqual([1]);
		expect(description.subtitle).toBe(
			'={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		);
		expect(description.credentials).toEqual([{ name: 'defenderXdrApi', required: true }]);
		expect(description.icon).toEqual({
			light: 'file:../../icons/defender.svg',
			dark: 'file:../../icons/defender.dark.svg',
		});
	});

	it('offers exactly the operations the router runs', () => {
		const resources = optionValues(description.properties.find((p) => p.name === 'resource'));
		expect(resources.sort()).toEqual(Object.keys(OPERATIONS).sort());
		for (const resource of resources) {
			const operation = description.properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
			);
			expect(optionValues(operation).sort()).toEqual(
				Object.keys(OPERATIONS[resource] ?? {}).sort(),
			);
		}
		expect(Object.keys(OPERATIONS.alert ?? {}).sort()).toEqual([
			'addComment',
			'get',
			'getMany',
			'resolve',
			'update',
		]);
		expect(Object.keys(OPERATIONS.incident ?? {}).sort()).toEqual([
			'addComment',
			'assign',
			'get',
			'getMany',
			'resolve',
			'update',
		]);
		expect(Object.keys(OPERATIONS.case ?? {})).toEqual(['syncDisposition']);
		expect(Object.keys(OPERATIONS.device ?? {}).sort()).toEqual([
			'addTag',
			'collectInvestigationPackage',
			'get',
			'getMany',
			'isolate',
			'offboard',
			'removeTag',
			'restrictCodeExecution',
			'runAntiVirusScan',
			'stopAndQuarantineFile',
			'unisolate',
			'unrestrictCodeExecution',
		]);
		expect(Object.keys(OPERATIONS.indicator ?? {}).sort()).toEqual([
			'create',
			'delete',
			'getMany',
			'import',
			'sync',
		]);
		expect(Object.keys(OPERATIONS.hunting ?? {})).toEqual(['runQuery']);
		expect(Object.keys(OPERATIONS.vulnerability ?? {})).toEqual(['getMany']);
		expect(Object.keys(OPERATIONS.software ?? {})).toEqual(['getMany']);
	});

	it('shows every field for an existing resource and operation only', () => {
		for (const property of description.properties) {
			const show = property.displayOptions?.show;
			if (!show || property.name === 'operation') continue;
			for (const resource of (show.resource ?? []) as string[]) {
				expect(OPERATIONS[resource]).toBeDefined();
				for (const operation of (show.operation ?? []) as string[]) {
					expect(OPERATIONS[resource]?.[operation]).toBeDefined();
				}
			}
		}
	});

	it('never offers unknownFutureValue or the read-only determinations', () => {
		const text = JSON.stringify(description.properties);
		expect(text).not.toContain('unknownFutureValue');
		expect(text).not.toContain('"apt"');
		expect(text).not.toContain('securityPersonnel');
	});

	it('fails an unknown operation with a clear error', async () => {
		const error = await runNodeError({ parameters: { resource: 'alert', operation: 'delete' } });
		expect(error.message).toBe("The operation 'delete' of 'alert' is not supported.");
	});
});

describe('Defender node secrets', () => {
	it('mints the token with the credential and keeps secret and token out of errors', async () => {
		const token = nock(LOGIN)
			.post(`/${TENANT}/oauth2/v2.0/token`)
			.times(2)
			.reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: GRAPH_TOKEN });
		nock('https://graph.example.test', { reqheaders: { authorization: `Bearer ${GRAPH_TOKEN}` } })
			.patch('/v1.0/security/alerts_v2/a1')
			.reply(403, graphError('Forbidden', 'Missing application permission'));
		const error = await runNodeError({
			parameters: {
				resource: 'alert',
				operation: 'update',
				alertId: 'a1',
				updateFields: { status: 'resolved' },
			},
			credential: credentialData({ graphAccessToken: '', mdeAccessToken: '', tokenExpiry: '' }),
		});
		expect(token.isDone()).toBe(true);
		expect(error.httpCode).toBe('403');
		const visible = JSON.stringify({
			...error,
			message: error.message,
			description: error.description,
		});
		expect(visible).not.toContain(SECRET);
		expect(visible).not.toContain(GRAPH_TOKEN);
		expect(visible).toContain('SecurityAlert.ReadWrite.All');
	});
});
