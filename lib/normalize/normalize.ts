import { ecsFromRecord, type EcsDocument } from './ecs';
import { recordsOf } from './input';
import { ocsfFromRecord, type OcsfDetectionFinding } from './ocsf';
import { resolveOptions, type NormalizeOptions } from './options';
import type { NormalizedRecord } from './types';

export type NormalizedOutput = NormalizedRecord | OcsfDetectionFinding | EcsDocument;

/**
 * One input item (alert, incident, or batch `{ value: [...] }`) → records in the chosen profile:
 * one per alert, one per incident (plus one per alert with `splitIncidentAlerts`). Throws
 * NormalizeInputError, naming `itemIndex` when given, for an item that is none of these; throws
 * DefenderError (kind `validation`) for invalid options.
 */
export function normalizeInput(
	item: unknown,
	options?: NormalizeOptions & { profile?: 'default' },
	itemIndex?: number,
): NormalizedRecord[];
export function normalizeInput(
	item: unknown,
	options: NormalizeOptions & { profile: 'ocsf' },
	itemIndex?: number,
): OcsfDetectionFinding[];
export function normalizeInput(
	item: unknown,
	options: NormalizeOptions & { profile: 'ecs' },
	itemIndex?: number,
): EcsDocument[];
export function normalizeInput(
	item: unknown,
	options?: NormalizeOptions,
	itemIndex?: number,
): NormalizedOutput[];
export function normalizeInput(
	item: unknown,
	options?: NormalizeOptions,
	itemIndex?: number,
): NormalizedOutput[] {
	const resolved = resolveOptions(options);
	const records = recordsOf(item, resolved, itemIndex);
	switch (resolved.profile) {
		case 'ocsf':
			return records.map((record) => ocsfFromRecord(record, resolved.clock));
		case 'ecs':
			return records.map((record) => ecsFromRecord(record, resolved.clock));
		default:
			return records;
	}
}
