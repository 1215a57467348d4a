/**
 * A very small KQL subset for runHuntingQuery (graph-api.md §6): a table, then any of
 * `where` (==, !=, =~, contains, has, and comparisons with ago(Nd|h|m) or numbers, joined by
 * `and`), `take`/`limit N`, `project a, b`, `sort by`/`order by Col [asc|desc]`, `count`.
 */
import type { HuntingRow, HuntingTable } from './huntingTables';

export class KqlError extends Error {}

export interface KqlResult {
	columns: { name: string; type: string }[];
	rows: HuntingRow[];
}

/** Splits on `|` outside string literals. */
function splitPipes(query: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quote: string | undefined;
	for (const ch of query) {
		if (quote) {
			if (ch === quote) quote = undefined;
			current += ch;
		} else if (ch === '"' || ch === "'") {
			quote = ch;
			current += ch;
		} else if (ch === '|') {
			parts.push(current.trim());
			current = '';
		} else current += ch;
	}
	if (quote) throw new KqlError('Query could not be parsed: unterminated string literal.');
	parts.push(current.trim());
	return parts;
}

const DURATION_UNITS: Record<string, number> = { d: 86400000, h: 3600000, m: 60000, s: 1000 };

type Value = string | number | boolean;

function parseValue(raw: string, nowMs: number): { value: Value; isTime: boolean } {
	const text = raw.trim();
	const str = /^(["'])(.*)\1$/s.exec(text);
	if (str) return { value: str[2], isTime: false };
	const ago = /^ago\(\s*(\d+)\s*([dhms])\s*\)$/i.exec(text);
	if (ago) {
		const ms = nowMs - Number(ago[1]) * DURATION_UNITS[ago[2].toLowerCase()];
		return { value: new Date(ms).toISOString(), isTime: true };
	}
	const dt = /^datetime\(\s*([^)]+?)\s*\)$/i.exec(text);
	if (dt) {
		const ms = Date.parse(dt[1]);
		if (Number.isNaN(ms))
			throw new KqlError(`Query could not be parsed: invalid datetime literal '${dt[1]}'.`);
		return { value: new Date(ms).toISOString(), isTime: true };
	}
	if (/^-?\d+(\.\d+)?$/.test(text)) return { value: Number(text), isTime: false };
	if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === 'true', isTime: false };
	throw new KqlError(
		`Query could not be parsed at '${text.slice(0, 80)}': expected a string literal, a number, ago() or datetime().`,
	);
}

type Condition = (row: HuntingRow) => boolean;

function requireColumn(columns: { name: string }[], name: string, operator: string): string {
	const found = columns.find((c) => c.name === name);
	if (!found)
		throw new KqlError(
			`'${operator}' operator: Failed to resolve scalar expression named '${name.slice(0, 80)}'`,
		);
	return found.name;
}

function parseCondition(
	text: string,
	columns: { name: string; type: string }[],
	nowMs: number,
): Condition {
	const m =
		/^([A-Za-z_][A-Za-z0-9_]*)\s*(==|!=|=~|!~|>=|<=|>|<|\bcontains\b|\bhas\b)\s*(.+)$/s.exec(
			text.trim(),
		);
	if (!m)
		throw new KqlError(
			`Query could not be parsed at '${text.trim().slice(0, 80)}': expected <column> <operator> <value>.`,
		);
	const column = requireColumn(columns, m[1], 'where');
	const op = m[2];
	const { value, isTime } = parseValue(m[3], nowMs);
	const type = columns.find((c) => c.name === column)?.type;
	if (isTime && type !== 'DateTime')
		throw new KqlError(`Cannot compare column '${column}' of type ${type} with a datetime.`);
	const norm = (v: unknown): unknown =>
		isTime && typeof v === 'string' ? new Date(Date.parse(v)).toISOString() : v;
	const lower = (v: unknown) => String(v).toLowerCase();
	switch (op) {
		case '==':
			return (row) => norm(row[column]) === value;
		case '!=':
			return (row) => norm(row[column]) !== value;
		case '=~':
			return (row) => lower(row[column]) === lower(value);
		case '!~':
			return (row) => lower(row[column]) !== lower(value);
		case 'contains':
			return (row) => lower(row[column]).includes(lower(value));
		case 'has':
			return (row) =>
				lower(row[column])
					.split(/[^a-z0-9]+/)
					.includes(lower(value));
		default: {
			const cmp = (a: unknown): number => {
				const x = norm(a);
				if (typeof x === 'number' && typeof value === 'number') return x - value;
				return String(x) < String(value) ? -1 : String(x) > String(value) ? 1 : 0;
			};
			if (op === '>') return (row) => cmp(row[column]) > 0;
			if (op === '>=') return (row) => cmp(row[column]) >= 0;
			if (op === '<') return (row) => cmp(row[column]) < 0;
			return (row) => cmp(row[column]) <= 0;
		}
	}
}

function splitAnd(text: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quote: string | undefined;
	const tokens = text.split(/(\s+and\s+|["'])/i);
	for (const token of tokens) {
		if (token === '"' || token === "'") {
			if (!quote) quote = token;
			else if (quote === token) quote = undefined;
			current += token;
		} else if (!quote && /^\s+and\s+$/i.test(token)) {
			parts.push(current);
			current = '';
		} else current += token;
	}
	parts.push(current);
	return parts;
}

export function runKql(
	query: string,
	tables: Record<string, HuntingTable>,
	nowMs: number,
	maxRows: number,
	window?: { from: number; to: number },
): KqlResult {
	const [source, ...operators] = splitPipes(query.trim());
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(source)) {
		throw new KqlError(
			`Query could not be parsed at '${source.slice(0, 80)}': a query starts with a table name.`,
		);
	}
	const table = tables[source];
	if (!table) throw new KqlError(`Failed to resolve table or column expression named '${source}'`);
	let columns = table.columns;
	let rows = table.rows();
	if (window) {
		rows = rows.filter((row) => {
			const t = typeof row.Timestamp === 'string' ? Date.parse(row.Timestamp) : NaN;
			return Number.isNaN(t) || (t >= window.from && t <= window.to);
		});
	}
	for (const op of operators) {
		const [, keyword = '', rest = ''] = /^([A-Za-z-]+)(?:\s+([\s\S]*))?$/.exec(op) ?? [];
		switch (keyword.toLowerCase()) {
			case 'where': {
				const conditions = splitAnd(rest).map((c) => parseCondition(c, columns, nowMs));
				rows = rows.filter((row) => conditions.every((c) => c(row)));
				break;
			}
			case 'take':
			case 'limit': {
				if (!/^\d+$/.test(rest.trim()))
					throw new KqlError(
						`'${keyword}' operator: expected a row count, found '${rest.trim().slice(0, 40)}'.`,
					);
				rows = rows.slice(0, Number(rest.trim()));
				break;
			}
			case 'project': {
				const names = rest
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean);
				if (names.length === 0)
					throw new KqlError("'project' operator: expected at least one column.");
				const kept = names.map((n) => requireColumn(columns, n, 'project'));
				columns = kept.map(
					(n) => columns.find((c) => c.name === n) as { name: string; type: string },
				);
				rows = rows.map((row) => Object.fromEntries(kept.map((n) => [n, row[n]])));
				break;
			}
			case 'sort':
			case 'order': {
				const m = /^by\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?$/i.exec(rest.trim());
				if (!m) throw new KqlError(`'${keyword}' operator: expected 'by <column> [asc|desc]'.`);
				const col = requireColumn(columns, m[1], keyword);
				const dir = (m[2] ?? 'desc').toLowerCase() === 'asc' ? 1 : -1;
				rows = [...rows].sort((a, b) =>
					String(a[col]) < String(b[col]) ? -dir : String(a[col]) > String(b[col]) ? dir : 0,
				);
				break;
			}
			case 'count': {
				if (rest.trim() !== '') throw new KqlError("'count' operator takes no arguments.");
				rows = [{ Count: rows.length }];
				columns = [{ name: 'Count', type: 'Int64' }];
				break;
			}
			default:
				throw new KqlError(
					`Query could not be parsed: the operator '${keyword || op.slice(0, 40)}' is not supported by this emulator (supported: where, take, limit, project, sort, order, count).`,
				);
		}
	}
	// graph-api.md §6: results are capped at 100,000 rows.
	return { columns, rows: rows.slice(0, maxRows) };
}
