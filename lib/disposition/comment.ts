/** The audit comment written on the Defender entity when a case closes. */

import { DefenderError } from '../errors';

export const DEFAULT_COMMENT_TEMPLATE =
	'Case {caseId} closed in {system} with resolution: {resolution}';

export interface CommentValues {
	caseId: string;
	system: string;
	resolution: string;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const KNOWN = new Set<keyof CommentValues>(['caseId', 'system', 'resolution']);

/**
 * Fills `{caseId}`, `{system}` and `{resolution}`. An unknown placeholder is an error rather than
 * text left in the comment; an empty template means no comment.
 */
export function renderComment(template: string, values: CommentValues): string | undefined {
	if (template.trim() === '') return undefined;
	for (const match of template.matchAll(PLACEHOLDER)) {
		const name = match[1] as keyof CommentValues;
		if (!KNOWN.has(name)) {
			throw new DefenderError(
				'validation',
				`The comment template has an unknown placeholder {${name}}.`,
				{ hint: 'Use {caseId}, {system} and {resolution}.' },
			);
		}
		if (values[name].trim() === '') {
			throw new DefenderError(
				'validation',
				`The comment needs {${name}}, but it is empty for this item.`,
				{
					hint:
						name === 'caseId'
							? 'Set Case ID Field to the field holding the case id, or remove {caseId} from the template.'
							: name === 'system'
								? 'Set Case System to the name of the case system, e.g. TheHive.'
								: 'Set Resolution Field to the field holding the resolution.',
				},
			);
		}
	}
	return template.replace(PLACEHOLDER, (_, name: keyof CommentValues) => values[name]).trim();
}

/** Graph keeps comments as sent; compare ignoring surrounding space and line-ending style. */
export function sameComment(a: string, b: string): boolean {
	const norm = (text: string) => text.replace(/\r\n?/g, '\n').trim();
	return norm(a) === norm(b);
}
