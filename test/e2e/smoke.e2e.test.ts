import { startStack, type Stack } from './harness/stack';

const PACKAGE = 'n8n-nodes-defender-xdr';

describe('the package inside a real n8n', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({ emulator: { alerts: 20, seed: 3 } });
	}, 900_000);

	afterAll(async () => {
		await stack?.stop();
	});

	it('loads every node and credential as a community package', async () => {
		const nodes = await stack.n8n.rest().get('/types/nodes.json');
		expect(nodes.status).toBe(200);
		const names = (nodes.data as Array<{ name: string }>).map((node) => node.name);
		expect(names).toEqual(
			expect.arrayContaining([`${PACKAGE}.defenderTrigger`, `${PACKAGE}.defenderNormalize`]),
		);
		const credentials = await stack.n8n.rest().get('/types/credentials.json');
		const types = (credentials.data as Array<{ name: string }>).map((credential) => credential.name);
		expect(types).toEqual(expect.arrayContaining(['defenderXdrApi', 'defenderWebhookApi']));
	});

	it('passes the credential test against the emulator (tokens minted, Graph answered)', async () => {
		const response = await stack.n8n.rest().post('/rest/credentials/test', {
			credentials: {
				id: stack.credentials.defenderXdrApi.id,
				name: stack.credentials.defenderXdrApi.name,
				type: 'defenderXdrApi',
				data: stack.credentials.defenderXdrApi.data,
			},
		});
		expect(response.status).toBe(200);
		expect(response.data.data).toEqual({ status: 'OK', message: 'Connection successful!' });
		const tokenCalls = stack.emulator.requests.list().filter((entry) => entry.path.endsWith('/oauth2/v2.0/token'));
		expect(tokenCalls.length).toBeGreaterThan(0);
	});
});
