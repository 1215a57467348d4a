/**
 * Case resolution → Defender classification (and optionally determination). The default rows are
 * the common case-system resolutions; anything else gets the fallback (true positive), because
 * an unrecognised resolution of a closed case is more safely kept as a real finding.
 */

import { DefenderError } from '../errors';
import type { AlertClassification, AlertDetermination } from '../graph/enums';
import { checkVerdict } from './verdict';

export interface ResolutionRule {
	resolution: string;
	classification: string;
	/** Empty or absent: the determination is left unchanged. */
	determination?: string;
}

export const DEFAULT_RESOLUTION_RULES: readonly ResolutionRule[] = [
	{ resolution: 'TruePositive', classification: 'truePositive' },
	{ resolution: 'FalsePositive', classification: 'falsePositive' },
	{ resolution: 'Duplicate', classification: 'informationalExpectedActivity' },
	{ resolution: 'NoImpact', classification: 'informationalExpectedActivity' },
];

export const DEFAULT_FALLBACK: Readonly<Omit<ResolutionRule, 'resolution'>> = {
	classification: 'truePositive',
};

export interface Disposition {
	classification: AlertClassification;
	determination?: AlertDetermination;
	/** The table row that matched, or undefined when the fallback applied. */
	matchedResolution?: string;
}

/** "True Positive", "true_positive" and "TruePositive" are the same resolution. */
export function resolutionKey(value: string): string {
	return value.toLowerCase().replace(/[\s_-]+/g, '');
}

function toDisposition(
	rule: Omit<ResolutionRule, 'resolution'>,
	matchedResolution?: string,
): Disposition {
	const verdict = checkVerdict({
		classification: rule.classification,
		determination: rule.determination,
	});
	if (!verdict.classification) {
		throw new DefenderError('validation', 'A resolution mapping row has no classification.', {
			hint: 'Pick the Defender classification for every row and for other resolutions.',
		});
	}
	return {
		classification: verdict.classification,
		determination: verdict.determination,
		matchedResolution,
	};
}

/**
 * Checks every row up front, so a typo in the table fails the item before any call, even when the
 * row that has it is not the one used.
 */
export function validateResolutionRules(
	rules: readonly ResolutionRule[],
	fallback: Omit<ResolutionRule, 'resolution'>,
): void {
	const seen = new Map<string, string>();
	for (const rule of rules) {
		const key = resolutionKey(rule.resolution ?? '');
		if (key === '') {
			throw new DefenderError('validation', 'A row of the resolution mapping has no resolution.', {
				hint: 'Fill in the resolution the case system uses, e.g. FalsePositive, or remove the row.',
			});
		}
		const earlier = seen.get(key);
		if (earlier !== undefined) {
			throw new DefenderError(
				'validation',
				`The resolution mapping lists '${rule.resolution}' twice (also as '${earlier}').`,
				{ hint: 'Keep one row per resolution.' },
			);
		}
		seen.set(key, rule.resolution);
		toDisposition(rule);
	}
	toDisposition(fallback);
}

export function dispositionFor(
	resolution: string | undefined,
	rules: readonly ResolutionRule[] = DEFAULT_RESOLUTION_RULES,
	fallback: Omit<ResolutionRule, 'resolution'> = DEFAULT_FALLBACK,
): Disposition {
	if (resolution !== undefined && resolution.trim() !== '') {
		const key = resolutionKey(resolution);
		const rule = rules.find((candidate) => resolutionKey(candidate.resolution) === key);
		if (rule) return toDisposition(rule, rule.resolution);
	}
	return toDisposition(fallback);
}
