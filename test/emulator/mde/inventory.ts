/**
 * Vulnerability and software inventory (graph-api.md §8.4): the organisation's vulnerabilities
 * and software, the devices exposed to one CVE, and the software and vulnerabilities of one device.
 */
import { mdeList } from './list';
import { mdeEntity, mdeNotFound } from './responses';
import { MACHINE_REFERENCE_SCHEMA, SOFTWARE_SCHEMA, VULNERABILITY_SCHEMA } from './schemas';
import type { EmuContext } from '../context';
import type { MdeMachine } from '../generator';
import type { EmuRequest, EmuResponse } from '../http';

/** graph-api.md §8.4: `$top` ≤ 8,000 on vulnerabilities (10,000 elsewhere). */
export const VULNERABILITIES_MAX_TOP = 8000;

function findMachine(ctx: EmuContext, id: string): MdeMachine | undefined {
	return ctx.state.machines.get(id.toLowerCase()) ?? ctx.state.machines.get(id);
}

export function listVulnerabilities(ctx: EmuContext, req: EmuRequest): EmuResponse {
	return mdeList(
		req,
		'Vulnerabilities',
		ctx.state.inventory.vulnerabilities,
		VULNERABILITY_SCHEMA,
		VULNERABILITIES_MAX_TOP,
	);
}

export function getVulnerability(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const vulnerability = ctx.state.vulnerabilities.get(id.toUpperCase());
	return vulnerability
		? mdeEntity(req, 200, 'Vulnerabilities', { ...vulnerability })
		: mdeNotFound('Vulnerability', id);
}

export function listVulnerableMachines(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const vulnerability = ctx.state.vulnerabilities.get(id.toUpperCase());
	if (!vulnerability) return mdeNotFound('Vulnerability', id);
	const refs = (ctx.state.inventory.machinesByVulnerability[vulnerability.id] ?? [])
		.map((machineId) => ctx.state.machines.get(machineId))
		.filter((m): m is MdeMachine => m !== undefined)
		.map((m) => ({
			id: m.id,
			computerDnsName: m.computerDnsName,
			osPlatform: m.osPlatform,
			rbacGroupName: m.rbacGroupName,
			rbacGroupId: m.rbacGroupId,
		}));
	return mdeList(req, 'MachineReferences', refs, MACHINE_REFERENCE_SCHEMA);
}

export function listMachineVulnerabilities(
	ctx: EmuContext,
	req: EmuRequest,
	id: string,
): EmuResponse {
	const machine = findMachine(ctx, id);
	if (!machine) return mdeNotFound('Machine', id);
	const ids = ctx.state.inventory.byMachine[machine.id]?.vulnerabilities ?? [];
	const rows = ids.flatMap((cve) => {
		const v = ctx.state.vulnerabilities.get(cve);
		return v ? [v] : [];
	});
	return mdeList(req, 'Vulnerabilities', rows, VULNERABILITY_SCHEMA, VULNERABILITIES_MAX_TOP);
}

export function listSoftware(ctx: EmuContext, req: EmuRequest): EmuResponse {
	return mdeList(req, 'Software', ctx.state.inventory.software, SOFTWARE_SCHEMA);
}

export function getSoftware(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const software = ctx.state.software.get(id.toLowerCase());
	return software ? mdeEntity(req, 200, 'Software', { ...software }) : mdeNotFound('Software', id);
}

export function listMachineSoftware(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const machine = findMachine(ctx, id);
	if (!machine) return mdeNotFound('Machine', id);
	const installed = ctx.state.inventory.byMachine[machine.id]?.software ?? [];
	const rows = installed.flatMap((s) => {
		const software = ctx.state.software.get(s.id.toLowerCase());
		return software ? [software] : [];
	});
	return mdeList(req, 'Software', rows, SOFTWARE_SCHEMA);
}
