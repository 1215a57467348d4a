/** `GET /api/machines` and `/api/machines/{id}` (graph-api.md §8.1). */
import { mdeList } from './list';
import { mdeEntity, mdeNotFound } from './responses';
import { MACHINE_SCHEMA } from './schemas';
import type { EmuContext } from '../context';
import type { EmuRequest, EmuResponse } from '../http';

export function listMachines(ctx: EmuContext, req: EmuRequest): EmuResponse {
	if (ctx.state.machines.size === 0) {
		// graph-api.md §8.1: "If there are no recent machines, you see 404 Not Found".
		return mdeNotFound('Machines', 'list');
	}
	return mdeList(req, 'Machines', [...ctx.state.machines.values()], MACHINE_SCHEMA);
}

export function getMachine(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const machine = ctx.state.machines.get(id.toLowerCase()) ?? ctx.state.machines.get(id);
	return machine ? mdeEntity(req, 200, 'Machines', { ...machine }) : mdeNotFound('Machine', id);
}
