/**
 * Classification and determination checks, run before any request so a wrong pair never reaches
 * Graph (graph-api.md §5.1: server-side enforcement is undocumented, so the client checks).
 */

import { DefenderError } from '../errors';
import {
	ALERT_CLASSIFICATIONS,
	ALERT_DETERMINATIONS,
	DETERMINATION_ALIASES,
	determinationsFor,
	isValidClassificationPair,
	type AlertClassification,
	type AlertDetermination,
} from '../graph/enums';
import { requireEnumValue } from '../odata/values';

export interface Verdict {
	classification?: AlertClassification;
	determination?: AlertDetermination;
}

export function requireClassification(value: unknown): AlertClassification {
	return requireEnumValue(value, ALERT_CLASSIFICATIONS, 'Classification') as AlertClassification;
}

/** Accepts the CSDL names and the older doc names (e.g. `compromisedUser`, `clean`). */
export function requireDetermination(value: unknown): AlertDetermination {
	return requireEnumValue(
		value,
		ALERT_DETERMINATIONS,
		'Determination',
		DETERMINATION_ALIASES,
	) as AlertDetermination;
}

/**
 * Normalizes both values and checks that they go together. A determination alone is refused: the
 * pair can only be checked against a classification.
 */
export function checkVerdict(input: {
	classification?: unknown;
	determination?: unknown;
}): Verdict {
	const verdict: Verdict = {};
	if (input.classification !== undefined && input.classification !== '') {
		verdict.classification = requireClassification(input.classification);
	}
	if (input.determination !== undefined && input.determination !== '') {
		verdict.determination = requireDetermination(input.determination);
	}
	if (verdict.determination === undefined) return verdict;
	if (verdict.classification === undefined) {
		throw new DefenderError('validation', 'A determination needs a classification.', {
			hint: 'Set Classification too; the determinations allowed depend on it.',
		});
	}
	if (!isValidClassificationPair(verdict.classification, verdict.determination)) {
		const allowed = (determinationsFor(verdict.classification) ?? []).join(', ');
		throw new DefenderError(
			'validation',
			`Determination '${verdict.determination}' does not go with classification '${verdict.classification}'. Valid determinations for ${verdict.classification}: ${allowed}.`,
			{ hint: `Pick one of: ${allowed}.` },
		);
	}
	return verdict;
}
