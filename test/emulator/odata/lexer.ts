/** Tokens of the OData `$filter` subset the emulator understands. */
import { ODataError, quoteInput } from './errors';

export type TokenKind =
	| 'lparen'
	| 'rparen'
	| 'comma'
	| 'colon'
	| 'string'
	| 'number'
	| 'datetime'
	| 'enum'
	| 'ident'
	| 'eof';

export interface Token {
	kind: TokenKind;
	/** Decoded value: string contents with `''` unescaped, identifier text, number text. */
	text: string;
	/** For `enum` tokens: the qualified type name before the quoted member. */
	typeName?: string;
	position: number;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?/i;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_$][A-Za-z0-9_.$/]*/;

function readString(input: string, start: number): { value: string; end: number } {
	let i = start + 1;
	let value = '';
	while (i < input.length) {
		const ch = input[i];
		if (ch === "'") {
			if (input[i + 1] === "'") {
				value += "'";
				i += 2;
				continue;
			}
			return { value, end: i + 1 };
		}
		value += ch;
		i += 1;
	}
	throw new ODataError(
		`There is an unterminated string literal at position ${start} in '${quoteInput(input)}'.`,
	);
}

export function tokenize(input: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < input.length) {
		const ch = input[i];
		if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
			i += 1;
			continue;
		}
		const single: Record<string, TokenKind> = {
			'(': 'lparen',
			')': 'rparen',
			',': 'comma',
			':': 'colon',
		};
		if (single[ch]) {
			tokens.push({ kind: single[ch], text: ch, position: i });
			i += 1;
			continue;
		}
		if (ch === "'") {
			const { value, end } = readString(input, i);
			tokens.push({ kind: 'string', text: value, position: i });
			i = end;
			continue;
		}
		const rest = input.slice(i, i + 64);
		const dt = DATETIME.exec(rest);
		if (dt && /^\d{4}-/.test(rest)) {
			tokens.push({ kind: 'datetime', text: dt[0], position: i });
			i += dt[0].length;
			continue;
		}
		const num = NUMBER.exec(rest);
		if (num) {
			tokens.push({ kind: 'number', text: num[0], position: i });
			i += num[0].length;
			continue;
		}
		const id = IDENT.exec(input.slice(i, i + 512));
		if (id) {
			const end = i + id[0].length;
			if (input[end] === "'") {
				// Qualified enum literal: microsoft.graph.security.alertSeverity'high'
				const { value, end: after } = readString(input, end);
				tokens.push({ kind: 'enum', text: value, typeName: id[0], position: i });
				i = after;
				continue;
			}
			tokens.push({ kind: 'ident', text: id[0], position: i });
			i = end;
			continue;
		}
		throw new ODataError(
			`Syntax error: character '${ch}' is not valid at position ${i} in '${quoteInput(input)}'.`,
		);
	}
	tokens.push({ kind: 'eof', text: '', position: input.length });
	return tokens;
}
