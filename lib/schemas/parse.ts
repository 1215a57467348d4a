/**
 * Runs a zod schema over an API response and turns a mismatch into DefenderError('schema') that
 * says where the shape differed, never what the payload contained.
 */

import type { z } from 'zod';

import { DefenderError } from '../errors';

const MAX_ISSUES = 5;

function formatPath(path: ReadonlyArray<string | number>): string {
	if (path.length === 0) return '(root)';
	return path
		.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
		.join('');
}

function describeIssue(issue: z.ZodIssue): string {
	const where = formatPath(issue.path);
	if (issue.code === 'invalid_type')
		return `${where}: expected ${issue.expected}, got ${issue.received}`;
	if (issue.code === 'invalid_union') return `${where}: matches none of the expected shapes`;
	return `${where}: ${issue.code.replace(/_/g, ' ')}`;
}

/** A short summary of where a value did not match, e.g. "value[3].id: expected string, got number". */
export function summarizeIssues(error: z.ZodError): string {
	const issues = error.issues.slice(0, MAX_ISSUES).map(describeIssue);
	const more =
		error.issues.length > MAX_ISSUES ? ` (+${error.issues.length - MAX_ISSUES} more)` : '';
	return `${issues.join('; ')}${more}`;
}

/**
 * Parses `data` with `schema`. `what` names the payload for the message ("alert", "alerts page").
 * Bodies that are not JSON at all get their own message.
 */
export function parseResponse<Schema extends z.ZodTypeAny>(
	schema: Schema,
	data: unknown,
	what: string,
): z.infer<Schema> {
	if (typeof data === 'string') {
		throw new DefenderError(
			'schema',
			`The API answered the ${what} request with a body that is not JSON.`,
			{
				hint: 'Check that the Graph and Defender base URLs in the credential point at the Microsoft APIs.',
			},
		);
	}
	if (data === undefined) {
		throw new DefenderError('schema', `The API answered the ${what} request with an empty body.`);
	}
	const result = schema.safeParse(data);
	if (result.success) return result.data;
	throw new DefenderError(
		'schema',
		`Unexpected ${what} shape from the API: ${summarizeIssues(result.error)}.`,
		{
			hint: 'The API returned data this version does not understand; please report it with the request ID.',
		},
	);
}
