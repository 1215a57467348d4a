import type { IDataObject } from 'n8n-workflow';

import { DefenderNormalize } from '../../../nodes/DefenderNormalize/DefenderNormalize.node';
import alertFixture from '../../fixtures/graph/alert-documented.json';
import incidentFixture from '../../fixtures/graph/incident-with-alerts.json';
import { createContext } from '../n8nHarness';

async function run(items: Array<Record<string, unknown>>, parameters: Record<string, unknown> = {}, continueOnFail = false) {
	const { context } = createContext({
		parameters: { profile: 'default', options: {}, ...parameters },
		items: items.map((json) => ({ json: json as IDataObject })),
		continueOnFail,
	});
	const [output] = await new DefenderNormalize().execute.call(context as never);
	return output;
}

describe('DefenderNormalize node', () => {
	const alert = alertFixture as Record<string, unknown> & { id: string };
	const incident = incidentFixture as Record<string, unknown> & { alerts: unknown[] };

	it('emits one case record per alert, paired with its input item', async () => {
		const output = await run([alert, alert]);
		expect(output).toHaveLength(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({ source: 'defender', sourceRef: alert.id, severity: 3, tlp: 2, pap: 2 });
	});

	it('splits a batch into records that all point back to the batch item', async () => {
		const output = await run([{ value: [alert, alert] }, alert]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
	});

	it('emits the incident record and, when asked, one record per alert', async () => {
		const output = await run([incident], { options: { splitIncidentAlerts: true } });
		expect(output[0].json).toMatchObject({ sourceType: 'incident' });
		expect(output.length).toBe(1 + incident.alerts.length);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('reads the object from the Input Field option', async () => {
		const output = await run([{ body: alert }], { options: { inputField: 'body' } });
		expect(output[0].json.sourceRef).toBe(alert.id);
	});

	it('applies TLP, PAP, profile and observable filter options', async () => {
		const [ocsf] = await run([alert], { profile: 'ocsf' });
		expect(ocsf.json).toMatchObject({ class_uid: 2004 });
		const [record] = await run([alert], { options: { tlp: 4, pap: 3, observableTypes: ['hash'] } });
		expect(record.json).toMatchObject({ tlp: 4, pap: 3 });
		const types = new Set((record.json.observables as Array<{ type: string }>).map((o) => o.type));
		expect([...types]).toEqual(['hash']);
	});

	it('fails the run on an item that is not an alert or incident, naming the item', async () => {
		await expect(run([alert, { hello: 'world' }])).rejects.toThrow(/Item 1/);
	});

	it('with Continue On Fail, turns only the bad item into an error item and keeps the rest', async () => {
		const output = await run([alert, { hello: 'world' }, alert], {}, true);
		expect(output).toHaveLength(3);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[1].json.error).toMatch(/not a Defender alert or incident/);
		expect(output[0].json.sourceRef).toBe(alert.id);
		expect(output[2].pairedItem).toEqual({ item: 2 });
	});

	it('reports a missing Input Field as an error item under Continue On Fail', async () => {
		const output = await run([{ other: 1 }], { options: { inputField: 'body' } }, true);
		expect(output[0].json.error).toMatch(/no field 'body'/);
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});
});
