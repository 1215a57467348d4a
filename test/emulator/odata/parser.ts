/**
 * Recursive-descent parser for `$filter`: comparisons (eq ne gt ge lt le), `in`, `and`, `or`,
 * `not`, parentheses, `any` lambdas over collections and the string functions `startswith`,
 * `endswith` and `contains` (whether a route allows them is the evaluator's call). Limits mirror ASP.NET OData's defaults
 * (node count 100) so hostile input fails fast with a 400 instead of exhausting the stack.
 */
import { ODataError, quoteInput } from './errors';
import { tokenize, type Token } from './lexer';

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export const STRING_FUNCTIONS = ['startswith', 'endswith', 'contains'] as const;
export type StringFunction = (typeof STRING_FUNCTIONS)[number];

export type Literal =
	| { kind: 'string'; value: string }
	| { kind: 'number'; value: number }
	| { kind: 'boolean'; value: boolean }
	| { kind: 'null' }
	| { kind: 'datetime'; value: string }
	| { kind: 'enum'; value: string; typeName: string };

export type FilterNode =
	| { type: 'and' | 'or'; left: FilterNode; right: FilterNode }
	| { type: 'not'; operand: FilterNode }
	| { type: 'compare'; op: CompareOp; path: string; value: Literal }
	| { type: 'in'; path: string; values: Literal[] }
	| { type: 'any'; path: string; variable: string; predicate: FilterNode | null }
	| { type: 'function'; name: StringFunction; path: string; value: Literal };

export const MAX_FILTER_LENGTH = 8000;
export const MAX_NODE_COUNT = 100;
const MAX_DEPTH = 50;
const OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

class Parser {
	private index = 0;
	private nodes = 0;
	private depth = 0;

	constructor(
		private readonly tokens: Token[],
		private readonly input: string,
	) {}

	private peek(): Token {
		return this.tokens[this.index];
	}

	private take(): Token {
		const token = this.tokens[this.index];
		if (token.kind !== 'eof') this.index += 1;
		return token;
	}

	private isKeyword(token: Token, word: string): boolean {
		return token.kind === 'ident' && token.text.toLowerCase() === word;
	}

	private fail(token: Token, expected: string): never {
		const found = token.kind === 'eof' ? 'the end of the expression' : `'${token.text}'`;
		throw new ODataError(
			`Syntax error at position ${token.position} in '${quoteInput(this.input)}': expected ${expected}, found ${found}.`,
		);
	}

	private count(): void {
		this.nodes += 1;
		if (this.nodes > MAX_NODE_COUNT) {
			throw new ODataError(
				`The node count limit of '${MAX_NODE_COUNT}' has been exceeded. To increase the limit, set the 'MaxNodeCount' property on EnableQueryAttribute or ODataValidationSettings.`,
			);
		}
	}

	parse(): FilterNode {
		const node = this.parseOr();
		const rest = this.peek();
		if (rest.kind !== 'eof') this.fail(rest, "'and', 'or' or the end of the expression");
		return node;
	}

	private parseOr(): FilterNode {
		let left = this.parseAnd();
		while (this.isKeyword(this.peek(), 'or')) {
			this.take();
			this.count();
			left = { type: 'or', left, right: this.parseAnd() };
		}
		return left;
	}

	private parseAnd(): FilterNode {
		let left = this.parseUnary();
		while (this.isKeyword(this.peek(), 'and')) {
			this.take();
			this.count();
			left = { type: 'and', left, right: this.parseUnary() };
		}
		return left;
	}

	private parseUnary(): FilterNode {
		this.depth += 1;
		if (this.depth > MAX_DEPTH) throw new ODataError('The recursion limit has been exceeded.');
		try {
			const token = this.peek();
			if (this.isKeyword(token, 'not')) {
				this.take();
				this.count();
				return { type: 'not', operand: this.parseUnary() };
			}
			if (token.kind === 'lparen') {
				this.take();
				const inner = this.parseOr();
				const close = this.take();
				if (close.kind !== 'rparen') this.fail(close, "')'");
				return inner;
			}
			return this.parseComparison();
		} finally {
			this.depth -= 1;
		}
	}

	private parseComparison(): FilterNode {
		const left = this.take();
		if (left.kind !== 'ident' || ['and', 'or', 'not'].includes(left.text.toLowerCase())) {
			this.fail(left, 'a property name');
		}
		this.count();
		if (/\/any$/i.test(left.text)) return this.parseAny(left.text.slice(0, -4));
		if (this.peek().kind === 'lparen') return this.parseFunction(left.text);
		const opToken = this.take();
		const op = opToken.kind === 'ident' ? opToken.text.toLowerCase() : '';
		if (op === 'in') return { type: 'in', path: left.text, values: this.parseList() };
		if (!OPS.has(op)) this.fail(opToken, 'a comparison operator (eq, ne, gt, ge, lt, le, in)');
		return { type: 'compare', op: op as CompareOp, path: left.text, value: this.parseLiteral() };
	}

	/** `startswith(field, 'x')`, optionally compared with `eq`/`ne` true or false. */
	private parseFunction(text: string): FilterNode {
		const name = STRING_FUNCTIONS.find((f) => f === text.toLowerCase());
		if (!name) throw unknownFunction(text);
		this.take();
		const target = this.take();
		if (target.kind !== 'ident' || /\/any$/i.test(target.text)) {
			this.fail(target, `a property name as the first argument of ${name}()`);
		}
		const comma = this.take();
		if (comma.kind !== 'comma') this.fail(comma, `',' between the two arguments of ${name}()`);
		const value = this.parseLiteral();
		const close = this.take();
		if (close.kind !== 'rparen') this.fail(close, `')' after the second argument of ${name}()`);
		const node: FilterNode = { type: 'function', name, path: target.text, value };
		const next = this.peek();
		const op = next.kind === 'ident' ? next.text.toLowerCase() : '';
		if (op !== 'eq' && op !== 'ne') return node;
		this.take();
		const compared = this.parseLiteral();
		if (compared.kind !== 'boolean') {
			throw new ODataError(
				`${name}() returns a boolean: compare it with true or false, or not at all.`,
			);
		}
		return (op === 'eq') === compared.value ? node : { type: 'not', operand: node };
	}

	private parseAny(path: string): FilterNode {
		const open = this.take();
		if (open.kind !== 'lparen') this.fail(open, "'('");
		if (this.peek().kind === 'rparen') {
			this.take();
			return { type: 'any', path, variable: '', predicate: null };
		}
		const variable = this.take();
		if (variable.kind !== 'ident') this.fail(variable, 'a lambda variable name');
		const colon = this.take();
		if (colon.kind !== 'colon') this.fail(colon, "':'");
		const predicate = this.parseOr();
		const close = this.take();
		if (close.kind !== 'rparen') this.fail(close, "')'");
		return { type: 'any', path, variable: variable.text, predicate };
	}

	private parseList(): Literal[] {
		const open = this.take();
		if (open.kind !== 'lparen') this.fail(open, "'(' after 'in'");
		const values: Literal[] = [];
		for (;;) {
			values.push(this.parseLiteral());
			this.count();
			const next = this.take();
			if (next.kind === 'rparen') return values;
			if (next.kind !== 'comma') this.fail(next, "',' or ')'");
		}
	}

	private parseLiteral(): Literal {
		const token = this.take();
		switch (token.kind) {
			case 'string':
				return { kind: 'string', value: token.text };
			case 'number':
				return { kind: 'number', value: Number(token.text) };
			case 'datetime':
				return { kind: 'datetime', value: token.text };
			case 'enum':
				return { kind: 'enum', value: token.text, typeName: token.typeName ?? '' };
			case 'ident': {
				const word = token.text.toLowerCase();
				if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
				if (word === 'null') return { kind: 'null' };
				return this.fail(token, 'a literal value (quote strings with single quotes)');
			}
			default:
				return this.fail(token, 'a literal value');
		}
	}
}

export function unknownFunction(name: string): ODataError {
	return new ODataError(
		`An unknown function with name '${quoteInput(name)}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
	);
}

export function parseFilter(input: string): FilterNode {
	if (input.length > MAX_FILTER_LENGTH) {
		throw new ODataError(
			`The $filter expression is ${input.length} characters long; the limit is ${MAX_FILTER_LENGTH}.`,
		);
	}
	if (input.trim() === '') throw new ODataError('The $filter query option must not be empty.');
	return new Parser(tokenize(input), input).parse();
}
