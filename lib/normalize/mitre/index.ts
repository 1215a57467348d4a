import { TECHNIQUES } from './techniques';
import type { TacticShortName } from './tactics';

export { TACTICS, tacticInfo } from './tactics';
export type { TacticInfo, TacticShortName } from './tactics';
export { TECHNIQUES } from './techniques';

/** One ATT&CK technique of a record, with tactics from the bundled table (never from `category`). */
export interface Ttp {
	/** As Defender reported it, upper-cased: `T1564.001`. */
	techniqueId: string;
	/** Set for sub-techniques: `T1564`. */
	parentTechniqueId?: string;
	/** ATT&CK name of the technique, or of its parent for a sub-technique; absent when unknown. */
	techniqueName?: string;
	/** Tactic short names (`defense-evasion`); empty when the technique is not in the table. */
	tactics: TacticShortName[];
}

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;
const techniques = new Map(Object.entries(TECHNIQUES));

/** Canonical form of a technique id, or undefined for blank input. Unknown formats are kept as given. */
export function canonicalTechniqueId(value: string): string | undefined {
	const trimmed = value.trim();
	if (trimmed === '') return undefined;
	const upper = trimmed.toUpperCase();
	return TECHNIQUE_ID.test(upper) ? upper : trimmed;
}

export function resolveTechnique(techniqueId: string): Ttp {
	const dot = techniqueId.indexOf('.');
	const parentId = dot > 0 ? techniqueId.slice(0, dot) : techniqueId;
	const wellFormed = TECHNIQUE_ID.test(techniqueId);
	const entry = wellFormed ? techniques.get(parentId) : undefined;
	const ttp: Ttp = { techniqueId } as Ttp;
	if (wellFormed && dot > 0) ttp.parentTechniqueId = parentId;
	if (entry) ttp.techniqueName = entry[0];
	ttp.tactics = entry ? entry[1].slice() : [];
	return ttp;
}
