import { DEFAULT_COMMENT_TEMPLATE, renderComment, sameComment } from '../../../lib/disposition';

const values = { caseId: '42', system: 'TheHive', resolution: 'FalsePositive' };

describe('renderComment', () => {
	it('fills the default template', () => {
		expect(renderComment(DEFAULT_COMMENT_TEMPLATE, values)).toBe(
			'Case 42 closed in TheHive with resolution: FalsePositive',
		);
	});

	it('fills every occurrence of an edited template', () => {
		expect(renderComment('[{system}#{caseId}] {resolution} ({caseId})', values)).toBe(
			'[TheHive#42] FalsePositive (42)',
		);
	});

	it('leaves values with braces alone (no second pass)', () => {
		expect(renderComment('{caseId}', { ...values, caseId: '{system}' })).toBe('{system}');
	});

	it('means no comment when the template is empty', () => {
		expect(renderComment('  ', values)).toBeUndefined();
	});

	it('refuses unknown placeholders', () => {
		expect(() => renderComment('Case {caseID}', values)).toThrow(
			'The comment template has an unknown placeholder {caseID}.',
		);
	});

	it.each([
		['caseId', 'Case ID Field'],
		['system', 'Case System'],
		['resolution', 'Resolution Field'],
	])('refuses an empty {%s} with a hint naming %s', (name, hint) => {
		let caught: unknown;
		try {
			renderComment(`x {${name}}`, { ...values, [name]: ' ' });
		} catch (error) {
			caught = error;
		}
		expect((caught as Error).message).toBe(
			`The comment needs {${name}}, but it is empty for this item.`,
		);
		expect((caught as { hint?: string }).hint).toContain(hint);
	});

	it('does not need values the template does not use', () => {
		expect(renderComment('Closed as {resolution}', { ...values, caseId: '' })).toBe(
			'Closed as FalsePositive',
		);
	});
});

describe('sameComment', () => {
	it('ignores surrounding space and line endings only', () => {
		expect(sameComment(' a\r\nb ', 'a\nb')).toBe(true);
		expect(sameComment('a b', 'a  b')).toBe(false);
		expect(sameComment('Case 1', 'case 1')).toBe(false);
	});
});
