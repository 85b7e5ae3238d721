/**
 * Parses the browser's search text into a tree (ast.ts). `or` binds looser than the implicit
 * `and`, so `a b or c` is `(a b) or c`, as in Anki. Anything it cannot understand gives one
 * sentence saying what is wrong, and no tree.
 */
import {
	BROWSE_STATES,
	COMPARISONS,
	MATCH_ALL,
	PROPS,
	type BrowseState,
	type Comparison,
	type Leaf,
	type Prop,
	type SearchNode
} from './ast';
import { literalOf } from './glob';
import { tokenize, type Token } from './lexer';

export type ParsedSearch = { ok: true; node: SearchNode } | { ok: false; error: string };

class SearchSyntaxError extends Error {}

const fail = (message: string): never => {
	throw new SearchSyntaxError(message);
};

export function parseSearch(text: string): ParsedSearch {
	try {
		const parser = new Parser(tokenize(text));
		const node = parser.parseOr();
		if (!parser.done()) {
			fail('A “)” has no “(” before it.');
		}
		return { ok: true, node: node ?? MATCH_ALL };
	} catch (error) {
		if (error instanceof SearchSyntaxError) {
			return { ok: false, error: error.message };
		}
		throw error;
	}
}

const ENDS_GROUP = new Set(['close', 'or', 'and']);

class Parser {
	#tokens: Token[];
	#at = 0;

	constructor(tokens: Token[]) {
		this.#tokens = tokens;
	}

	done(): boolean {
		return this.#at >= this.#tokens.length;
	}

	#peek(): Token | undefined {
		return this.#tokens[this.#at];
	}

	#endsHere(): boolean {
		const next = this.#peek();
		return next === undefined || ENDS_GROUP.has(next.type);
	}

	parseOr(): SearchNode | undefined {
		const first = this.#parseAnd();
		const parts = first ? [first] : [];
		while (this.#peek()?.type === 'or') {
			this.#at++;
			const next = this.#parseAnd();
			if (parts.length === 0 || next === undefined) {
				fail('“or” needs a search term on each side.');
			}
			parts.push(next!);
		}
		return parts.length > 1 ? { kind: 'or', children: parts.flatMap(orChildren) } : parts[0];
	}

	#parseAnd(): SearchNode | undefined {
		const items: SearchNode[] = [];
		let sawTerm = false;
		while (!this.done()) {
			const token = this.#peek()!;
			if (token.type === 'close' || token.type === 'or') {
				break;
			}
			if (token.type === 'and') {
				this.#at++;
				if (!sawTerm || this.#endsHere()) {
					fail('“and” needs a search term on each side.');
				}
				continue;
			}
			sawTerm = true;
			const node = this.#parseUnary();
			if (node) {
				items.push(...(node.kind === 'and' ? node.children : [node]));
			}
		}
		return items.length === 0 ? undefined : items.length === 1 ? items[0] : andOf(items);
	}

	#parseUnary(): SearchNode | undefined {
		const token = this.#tokens[this.#at++]!;
		switch (token.type) {
			case 'not': {
				if (this.#endsHere()) {
					fail('A “-” must be followed by the search term it excludes.');
				}
				const child = this.#parseUnary();
				return child ? { kind: 'not', child } : undefined;
			}
			case 'open': {
				if (this.#peek()?.type === 'close') {
					fail('“()” is empty: put a search term between the parentheses.');
				}
				const inner = this.parseOr();
				if (this.#tokens[this.#at++]?.type !== 'close') {
					fail('A “(” is never closed: add a “)”.');
				}
				return inner;
			}
			case 'term':
				return leafOf(token.text);
			default:
				return fail('A “)” has no “(” before it.');
		}
	}
}

function andOf(children: SearchNode[]): SearchNode {
	return { kind: 'and', children };
}

function orChildren(node: SearchNode): SearchNode[] {
	return node.kind === 'or' ? node.children : [node];
}

/** Index of the first `:` not escaped by a backslash, or -1. */
function separator(raw: string): number {
	for (let i = 0; i < raw.length; i++) {
		if (raw[i] === '\\') {
			i++;
		} else if (raw[i] === ':') {
			return i;
		}
	}
	return -1;
}

/**
 * Resolves escapes that only protect search syntax (`\:`, `\"`, `\(`, `\-` …) and keeps the
 * wildcard ones (`\*`, `\_`, `\\`), which the matcher needs.
 */
export function normaliseEscapes(raw: string): string {
	return raw.replace(/\\([^])/g, (escape: string, char: string) =>
		char === '*' || char === '_' || char === '\\' ? escape : char
	);
}

function leafOf(raw: string): Leaf | undefined {
	const colon = separator(raw);
	if (colon < 0) {
		const pattern = normaliseEscapes(raw);
		return pattern ? { kind: 'text', pattern } : undefined;
	}
	const name = raw.slice(0, colon);
	const value = raw.slice(colon + 1);
	if (name === '') {
		return fail(`“${raw}” needs a field name or keyword before the “:”.`);
	}
	return keywordLeaf(normaliseEscapes(name).toLowerCase(), value, raw) ?? fieldLeaf(name, value);
}

function keywordLeaf(keyword: string, value: string, raw: string): Leaf | undefined {
	switch (keyword) {
		case 'tag':
		case 'deck':
		case 'note':
		case 'preset':
			return namedLeaf(keyword, normaliseEscapes(value));
		case 'w':
		case 'nc':
			return textLeaf(keyword, normaliseEscapes(value), raw);
		case 'is':
			return isLeaf(value.toLowerCase(), raw);
		case 'card':
			return cardLeaf(normaliseEscapes(value), raw);
		case 'dupe':
			return dupeLeaf(normaliseEscapes(value), raw);
		case 'flag':
			return /^[0-7]$/.test(value)
				? { kind: 'flag', flag: Number(value) }
				: fail(`“${raw}” is not a flag: use a number from 0 (no flag) to 7.`);
		case 'added':
		case 'edited':
		case 'introduced':
		case 'resched':
			return { kind: keyword, days: dayCount(value, raw) };
		case 'rated':
			return ratedLeaf(value, raw);
		case 'prop':
			return propLeaf(value, raw);
		case 're':
			return { kind: 're', source: regexSource(value, raw) };
		case 'nid':
		case 'cid':
			return { kind: keyword, ids: idList(value, raw) };
		default:
			return undefined;
	}
}

function namedLeaf(kind: 'tag' | 'deck' | 'note' | 'preset', pattern: string): Leaf {
	if (!pattern) {
		const example = { tag: 'verbs', deck: '"My deck"', note: 'Basic', preset: 'Default' }[kind];
		fail(`Write a name after ${kind}:, like ${kind}:${example}.`);
	}
	return { kind, pattern };
}

function textLeaf(kind: 'w' | 'nc', pattern: string, raw: string): Leaf {
	if (!pattern) {
		fail(`Write some text after ${kind}:, like ${kind}:${kind === 'w' ? 'dog' : 'uber'}.`);
	}
	if (kind === 'w' && /^[*\s]*$/.test(pattern)) {
		fail(`“${raw}” needs a word, not only wildcards.`);
	}
	return kind === 'w' ? { kind: 'word', pattern } : { kind: 'nc', pattern };
}

function isLeaf(state: string, raw: string): Leaf {
	if (state === 'leech') {
		return { kind: 'leech' };
	}
	return (BROWSE_STATES as readonly string[]).includes(state)
		? { kind: 'is', state: state as BrowseState }
		: fail(`“${raw}” is not a card state: use ${BROWSE_STATES.join(', ')} or leech.`);
}

/** `card:2` (the second template, or cloze 2) or `card:Reverse*` (a template name). */
function cardLeaf(value: string, raw: string): Leaf {
	if (/^\d+$/.test(value)) {
		const which = Number(value);
		return which >= 1
			? { kind: 'card', which }
			: fail(`“${raw}” needs a card number from 1 up, or a template name.`);
	}
	return value
		? { kind: 'card', which: value }
		: fail('Write a card number or template name after card:, like card:1 or card:Reverse.');
}

/** `dupe:notetypeid,text`: the text is everything after the first comma. */
function dupeLeaf(value: string, raw: string): Leaf {
	const comma = value.indexOf(',');
	if (comma <= 0) {
		fail(`“${raw}” should be dupe:notetypeid,text, like dupe:basic,dog.`);
	}
	return {
		kind: 'dupe',
		noteTypeId: value.slice(0, comma),
		text: literalOf(value.slice(comma + 1))
	};
}

function dayCount(value: string, raw: string): number {
	const days = /^\d{1,5}$/.test(value) ? Number(value) : 0;
	return days >= 1 ? days : fail(`“${raw}” needs a number of days from 1 up, like added:7.`);
}

function ratedLeaf(value: string, raw: string): Leaf {
	const [days, ease, ...rest] = value.split(':');
	if (rest.length > 0 || (ease !== undefined && !/^[1-4]$/.test(ease))) {
		fail(
			`“${raw}” should be rated:days or rated:days:grade, with a grade from 1 (Again) to 4 (Easy).`
		);
	}
	const leaf: Leaf = { kind: 'rated', days: dayCount(days!, raw) };
	return ease === undefined ? leaf : { ...leaf, ease: Number(ease) };
}

const PROP = new RegExp(
	`^(${PROPS.join('|')})(${COMPARISONS.join('|')})(-?\\d+(?:\\.\\d+)?)$`,
	'i'
);

function propLeaf(value: string, raw: string): Leaf {
	const match = PROP.exec(value);
	if (/^ease(?![a-z])/i.test(value)) {
		return fail(
			`“${raw}” cannot match: FSRS cards have no ease factor, so use prop:d (difficulty, 0 to 1) instead.`
		);
	}
	if (!match) {
		return fail(
			`“${raw}” is not a property test: use prop:ivl, due, reps, lapses, s, d, r or pos with <, <=, =, !=, >= or >, like prop:ivl>=10.`
		);
	}
	return {
		kind: 'prop',
		prop: match[1]!.toLowerCase() as Prop,
		op: match[2] as Comparison,
		value: Number(match[3])
	};
}

/** A regular expression's source: only `\"` is search syntax; other escapes are the regex's. */
function regexSource(value: string, raw: string): string {
	const source = value.replaceAll('\\"', '"');
	if (!source) {
		fail(`Write a regular expression after re:, like re:^\\d+$.`);
	}
	try {
		new RegExp(source, 'i');
	} catch {
		fail(`“${raw}” is not a valid regular expression.`);
	}
	return source;
}

function idList(value: string, raw: string): string[] {
	const ids = normaliseEscapes(value)
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	return ids.length > 0 ? ids : fail(`“${raw}” needs one or more ids, separated by commas.`);
}

/** `front:dog` (the whole field), `front:*dog*`, `fr*:dog` and `front:re:^dog`. */
function fieldLeaf(name: string, value: string): Leaf {
	const field = normaliseEscapes(name);
	if (value.startsWith('re:')) {
		return { kind: 'field-re', field, source: regexSource(value.slice(3), `${name}:${value}`) };
	}
	return { kind: 'field', field, pattern: normaliseEscapes(value) };
}
