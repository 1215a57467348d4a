/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, not shipped */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { DefenderXdrApi } from '../../credentials/DefenderXdrApi.credentials';
import { DefenderWebhookApi } from '../../credentials/DefenderWebhookApi.credentials';
import { Defender } from '../../nodes/Defender/Defender.node';
import { DefenderNormalize } from '../../nodes/DefenderNormalize/DefenderNormalize.node';
import { DefenderTrigger } from '../../nodes/DefenderTrigger/DefenderTrigger.node';

const dir = join(__dirname, '..', '..', 'workflows');
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
const PREFIX = 'n8n-nodes-defender-xdr.';

const ours: Record<string, INodeType> = {
	defender: new Defender(),
	defenderTool: new Defender(),
	defenderTrigger: new DefenderTrigger(),
	defenderNormalize: new DefenderNormalize(),
};
const ourCredentials = new Set([new DefenderXdrApi().name, new DefenderWebhookApi().name]);
// Parameters n8n adds itself: the poll schedule, and the AI-tool description of a *Tool node.
const ADDED_BY_N8N: Record<string, string[]> = {
	defenderTrigger: ['pollTimes'],
	defenderTool: ['descriptionType', 'toolDescription'],
};

interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id?: string; name: string }>;
	webhookId?: string;
	id?: string;
}

const load = (file: string) =>
	JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
		nodes: WorkflowNode[];
		connections: Record<string, Record<string, Array<Array<{ node: string }>>>>;
		[key: string]: unknown;
	};

function versions(node: INodeType): number[] {
	const version = node.description.version;
	return Array.isArray(version) ? version : [version];
}

function checkValue(property: INodeProperties, value: unknown, where: string): string[] {
	if (typeof value === 'string' && value.startsWith('=')) return [];
	if (property.type === 'options' && property.options) {
		const allowed = property.options.map((option) => (option as { value: unknown }).value);
		if (!allowed.includes(value)) return [`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(allowed)}`];
	}
	if (property.type === 'multiOptions' && property.options && Array.isArray(value)) {
		const allowed = property.options.map((option) => (option as { value: unknown }).value);
		return value.filter((v) => !allowed.includes(v)).map((v) => `${where}: ${JSON.stringify(v)} is not allowed`);
	}
	if (property.type === 'collection' && property.options && value && typeof value === 'object') {
		const children = property.options as INodeProperties[];
		return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
			const match = children.find((candidate) => candidate.name === key);
			return match ? checkValue(match, child, `${where}.${key}`) : [`${where}.${key} is not an option`];
		});
	}
	return [];
}

describe.each(files)('example workflow %s', (file) => {
	const workflow = load(file);

	it('has uniquely named nodes and connections between existing nodes', () => {
		const names = workflow.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
		for (const [source, outputs] of Object.entries(workflow.connections)) {
			expect(names).toContain(source);
			for (const target of Object.values(outputs).flat(2)) expect(names).toContain(target.node);
		}
	});

	it('carries no ids, pinned data or instance metadata (webhook ids only, for stable URLs)', () => {
		expect(Object.keys(workflow).sort()).toEqual(['connections', 'name', 'nodes', 'settings']);
		for (const node of workflow.nodes) {
			expect(node.id).toBeUndefined();
			for (const credential of Object.values(node.credentials ?? {})) expect(credential.id).toBeUndefined();
		}
	});

	it('uses our nodes with declared versions, known parameters and option values', () => {
		const problems: string[] = [];
		for (const node of workflow.nodes.filter((n) => n.type.startsWith(PREFIX))) {
			const short = node.type.slice(PREFIX.length);
			const type = ours[short];
			if (!type) {
				problems.push(`${node.name}: unknown type ${node.type}`);
				continue;
			}
			if (!versions(type).includes(node.typeVersion)) problems.push(`${node.name}: version ${node.typeVersion}`);
			const properties = type.description.properties;
			for (const [key, value] of Object.entries(node.parameters)) {
				if ((ADDED_BY_N8N[short] ?? []).includes(key)) continue;
				const candidates = properties.filter((property) => property.name === key);
				if (candidates.length === 0) {
					problems.push(`${node.name}: parameter ${key} does not exist`);
					continue;
				}
				const errors = candidates.map((property) => checkValue(property, value, `${node.name}.${key}`));
				if (errors.every((list) => list.length > 0)) problems.push(...errors[0]);
			}
			for (const credential of Object.keys(node.credentials ?? {})) {
				if (!ourCredentials.has(credential)) problems.push(`${node.name}: credential ${credential} is not ours`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('contains nothing that looks like a secret', () => {
		const text = readFileSync(join(dir, file), 'utf8');
		expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
		expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
		expect(text).not.toMatch(/"(apiKey|clientSecret|password|secret|token|privateKey)"\s*:\s*"[^"={]{8,}"/);
	});
});

it('every example workflow is documented in workflows/README.md', () => {
	const readme = readFileSync(join(dir, 'README.md'), 'utf8');
	for (const file of files) expect(readme).toContain(file);
});
