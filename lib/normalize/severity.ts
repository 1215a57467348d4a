/**
 * Defender severity → case severity: high 1, medium 2, low 3, informational 4; `unknown`,
 * `unknownFutureValue` and anything else 3. Case-insensitive so the MDE API's PascalCase
 * values (`High`) map too.
 */
export type CaseSeverity = 1 | 2 | 3 | 4;

export function caseSeverity(label: string | undefined): CaseSeverity {
	switch (label === undefined ? '' : label.toLowerCase()) {
		case 'high':
			return 1;
		case 'medium':
			return 2;
		case 'informational':
			return 4;
		default:
			return 3;
	}
}

/** OCSF `severity_id`: 0 Unknown, 1 Informational, 2 Low, 3 Medium, 4 High, 99 Other. */
export function ocsfSeverityId(label: string | null): number {
	if (label === null) return 0;
	switch (label.toLowerCase()) {
		case 'informational':
			return 1;
		case 'low':
			return 2;
		case 'medium':
			return 3;
		case 'high':
			return 4;
		case 'unknown':
			return 0;
		default:
			return 99;
	}
}
