/**
 * Validation of PATCH bodies for alerts (4 fields, graph-api.md §4.1) and incidents (extended
 * set, §4.3): enum members, `unknownFutureValue` treated as absent (§5.2), and the
 * classification/determination pairs of §5.1.
 */
import {
	ALERT_CLASSIFICATION,
	ALERT_DETERMINATION,
	ALERT_SEVERITY,
	ALERT_STATUS,
	DETERMINATIONS_BY_CLASSIFICATION,
	INCIDENT_STATUS,
	isEvolved,
	isMember,
	type EvolvableEnum,
} from './enums';
import { isRecord } from '../http';

type FieldRule =
	| { kind: 'enum'; enum: EvolvableEnum; typeName: string; forbidden?: Record<string, string> }
	| { kind: 'string' }
	| { kind: 'stringArray' };

const NS = 'microsoft.graph.security';

const CLASSIFICATION: FieldRule = {
	kind: 'enum',
	enum: ALERT_CLASSIFICATION,
	typeName: `${NS}.alertClassification`,
};
const DETERMINATION: FieldRule = {
	kind: 'enum',
	enum: ALERT_DETERMINATION,
	typeName: `${NS}.alertDetermination`,
	// graph-api.md §5.1: deprecated August 2022, "no longer available via the API".
	forbidden: {
		apt: "'apt' is deprecated and can no longer be set; use 'multiStagedAttack' or another truePositive determination.",
		securityPersonnel:
			"'securityPersonnel' is deprecated and can no longer be set; use 'securityTesting' with classification 'informationalExpectedActivity'.",
	},
};

export const ALERT_PATCH_RULES: Record<string, FieldRule> = {
	status: { kind: 'enum', enum: ALERT_STATUS, typeName: `${NS}.alertStatus` },
	classification: CLASSIFICATION,
	determination: DETERMINATION,
	assignedTo: { kind: 'string' },
};

export const INCIDENT_PATCH_RULES: Record<string, FieldRule> = {
	status: {
		kind: 'enum',
		enum: INCIDENT_STATUS,
		typeName: `${NS}.incidentStatus`,
		forbidden: {
			redirected:
				"'redirected' is set by the service when incidents are merged; it cannot be set with PATCH.",
			awaitingAction: "'awaitingAction' can only be set by Microsoft Defender Experts.",
		},
	},
	severity: { kind: 'enum', enum: ALERT_SEVERITY, typeName: `${NS}.alertSeverity` },
	classification: CLASSIFICATION,
	determination: DETERMINATION,
	assignedTo: { kind: 'string' },
	customTags: { kind: 'stringArray' },
	description: { kind: 'string' },
	displayName: { kind: 'string' },
	summary: { kind: 'string' },
	resolvingComment: { kind: 'string' },
};

export interface PatchOptions {
	includeEvolved: boolean;
	validatePairs: boolean;
	/** Entity name for messages: 'alert' or 'incident'. */
	entity: string;
}

export type PatchResult =
	| { ok: true; changes: Record<string, unknown> }
	| { ok: false; message: string };

/** Checks a PATCH body against the rules; `current` supplies the values the body leaves out. */
export function validatePatch(
	body: unknown,
	rules: Record<string, FieldRule>,
	current: { classification: string | null; determination: string | null },
	options: PatchOptions,
): PatchResult {
	if (!isRecord(body)) return { ok: false, message: 'The request body must be a JSON object.' };
	const changes: Record<string, unknown> = {};
	const updatable = Object.keys(rules).join(', ');
	for (const [key, value] of Object.entries(body)) {
		if (key.startsWith('@odata.')) continue;
		const rule = rules[key];
		if (!rule) {
			return {
				ok: false,
				message: `The property '${key.slice(0, 100)}' of the ${options.entity} cannot be updated. Updatable properties: ${updatable}.`,
			};
		}
		if (rule.kind === 'string') {
			if (value !== null && typeof value !== 'string') {
				return { ok: false, message: `The property '${key}' must be a string or null.` };
			}
			changes[key] = value;
			continue;
		}
		if (rule.kind === 'stringArray') {
			if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
				return { ok: false, message: `The property '${key}' must be an array of strings.` };
			}
			changes[key] = [...(value as string[])];
			continue;
		}
		if (typeof value !== 'string' || !isMember(rule.enum, value)) {
			const valid = rule.enum.base.filter(
				(m) => m !== 'unknownFutureValue' && !rule.forbidden?.[m],
			);
			return {
				ok: false,
				message: `Invalid value '${String(value).slice(0, 100)}' for '${key}'. The value must be one of: ${valid.join(', ')}.`,
			};
		}
		// graph-api.md §5.2: in PATCH, unknownFutureValue means "no change".
		if (value === 'unknownFutureValue') continue;
		if (isEvolved(rule.enum, value) && !options.includeEvolved) {
			return {
				ok: false,
				message: `The value '${value}' for '${key}' requires the request header 'Prefer: include-unknown-enum-members'.`,
			};
		}
		const forbidden = rule.forbidden?.[value];
		if (forbidden) return { ok: false, message: forbidden };
		changes[key] = value;
	}
	if (options.validatePairs && ('classification' in changes || 'determination' in changes)) {
		const problem = pairProblem(
			(changes.classification as string | undefined) ?? current.classification ?? 'unknown',
			(changes.determination as string | undefined) ?? current.determination ?? 'unknown',
		);
		if (problem) return { ok: false, message: problem };
	}
	return { ok: true, changes };
}

/** graph-api.md §5.1: determinations allowed for each classification. */
export function pairProblem(classification: string, determination: string): string | undefined {
	if (determination === 'unknown') return undefined;
	const allowed = DETERMINATIONS_BY_CLASSIFICATION[classification] ?? [];
	if (allowed.includes(determination)) return undefined;
	return `The determination '${determination}' is not valid for the classification '${classification}'. Valid determinations for '${classification}': ${allowed.join(', ')}.`;
}
