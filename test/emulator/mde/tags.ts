/**
 * `POST /api/machines/{id}/tags` with `{"Value": "<tag>", "Action": "Add" | "Remove"}`: adds or
 * removes one device tag and answers 200 with the machine. Body names and the Action values are
 * case-sensitive, as every MDE body is (graph-api.md §8).
 */
import { mdeBadRequest, mdeEntity, mdeNotFound, readMdeBody, unexpectedKeys } from './responses';
import type { EmuContext } from '../context';
import type { EmuRequest, EmuResponse } from '../http';

/** Longest tag the emulator accepts; keeps stored state and echoed errors small. */
export const MAX_TAG_LENGTH = 200;
const TAG_ACTIONS = ['Add', 'Remove'];

export function postMachineTag(ctx: EmuContext, req: EmuRequest, id: string): EmuResponse {
	const machine = ctx.state.machines.get(id.toLowerCase()) ?? ctx.state.machines.get(id);
	if (!machine) return mdeNotFound('Machine', id);
	const read = readMdeBody(req);
	if (!read.ok) return read.response;
	const body = read.body;
	const extra = unexpectedKeys(body, ['Value', 'Action']);
	if (extra) return extra;
	if (typeof body.Value !== 'string' || body.Value.trim() === '') {
		return mdeBadRequest(
			'MissingRequiredParameter',
			"The parameter 'Value' is required: the tag to add or remove, as a non-empty string.",
		);
	}
	if (body.Value.length > MAX_TAG_LENGTH) {
		return mdeBadRequest(
			'InvalidRequestBody',
			`The tag is ${body.Value.length} characters long; the limit is ${MAX_TAG_LENGTH}.`,
		);
	}
	if (body.Action === undefined) {
		return mdeBadRequest(
			'MissingRequiredParameter',
			"The parameter 'Action' is required: 'Add' or 'Remove' (case-sensitive).",
		);
	}
	if (typeof body.Action !== 'string' || !TAG_ACTIONS.includes(body.Action)) {
		return mdeBadRequest(
			'InvalidRequestBody',
			`The parameter 'Action' must be 'Add' or 'Remove' (case-sensitive), not ${JSON.stringify(body.Action).slice(0, 60)}.`,
		);
	}
	const tag = body.Value;
	if (body.Action === 'Add') {
		if (!machine.machineTags.includes(tag)) machine.machineTags = [...machine.machineTags, tag];
	} else {
		// Removing a tag the device does not carry is not an error: the end state is the same.
		machine.machineTags = machine.machineTags.filter((t) => t !== tag);
	}
	return mdeEntity(req, 200, 'Machines', { ...machine });
}
