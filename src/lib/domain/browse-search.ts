/**
 * The card browser's search language, as in Anki: plain words and "quoted phrases" match the
 * note's text and tags; `tag:x`, `deck:"Name"` (with its subdecks), `is:new|learning|review|
 * suspended|due|buried` and `flag:N` narrow it; a leading `-` negates any of them. Every clause
 * must hold. This module parses and evaluates clauses on plain values, so storage can run them
 * through indexes or over a scan and tests can check both against the same rules.
 */
import type { Queue } from './model';

export const BROWSE_STATES = ['new', 'learning', 'review', 'due', 'suspended', 'buried'] as const;
export type BrowseState = (typeof BROWSE_STATES)[number];

export type Clause =
	| { kind: 'text'; text: string; negate: boolean }
	| { kind: 'tag'; pattern: string; negate: boolean }
	| { kind: 'deck'; pattern: string; negate: boolean }
	| { kind: 'is'; state: BrowseState; negate: boolean }
	| { kind: 'flag'; flag: number; negate: boolean };

export type ParsedSearch = { ok: true; clauses: Clause[] } | { ok: false; error: string };

/** One search term: `-`? then `prefix:` and a value, either of them possibly "quoted". */
const TOKEN = /\s*(-)?(?:([a-z]+):(?=\S))?(?:"([^"]*)"?|([^\s"]+))/iy;
const PREFIXED = /^([a-z]+):(.*)$/is;
const PREFIXES = new Set(['tag', 'deck', 'is', 'flag']);

/** Parses a search; a term it cannot understand gives a one-sentence error instead of clauses. */
export function parseSearch(text: string): ParsedSearch {
	const clauses: Clause[] = [];
	TOKEN.lastIndex = 0;
	let match: RegExpExecArray | null;
	while (TOKEN.lastIndex < text.length && (match = TOKEN.exec(text)) !== null) {
		const negate = match[1] === '-';
		let prefix = match[2]?.toLowerCase();
		let value = match[3] ?? match[4] ?? '';
		// Anki also accepts the whole term quoted: "deck:My Deck".
		const inner = prefix === undefined && match[3] !== undefined ? PREFIXED.exec(value) : null;
		if (inner && PREFIXES.has(inner[1]!.toLowerCase())) {
			prefix = inner[1]!.toLowerCase();
			value = inner[2]!;
		}
		const clause = toClause(prefix, value.trim(), negate, match[0].trim());
		if (typeof clause === 'string') {
			return { ok: false, error: clause };
		}
		if (clause) {
			clauses.push(clause);
		}
	}
	return { ok: true, clauses };
}

function toClause(
	prefix: string | undefined,
	value: string,
	negate: boolean,
	raw: string
): Clause | string | undefined {
	switch (prefix) {
		case 'tag':
		case 'deck':
			return value
				? { kind: prefix, pattern: value, negate }
				: `Write a name after ${prefix}:, like ${prefix}:${prefix === 'tag' ? 'verbs' : '"My deck"'}.`;
		case 'is':
			return isState(value.toLowerCase())
				? { kind: 'is', state: value.toLowerCase() as BrowseState, negate }
				: `“is:${value}” is not a card state: use ${BROWSE_STATES.join(', ')}.`;
		case 'flag': {
			const flag = Number(value);
			return /^[0-7]$/.test(value)
				? { kind: 'flag', flag, negate }
				: `“flag:${value}” is not a flag: use a number from 0 (no flag) to 7.`;
		}
		default: {
			// An unknown prefix is just text, as in Anki (`10:30` or `e.g.:`).
			const words = prefix === undefined ? value : raw.replace(/^-/, '').replaceAll('"', '');
			const term = words.toLowerCase().trim();
			return term ? { kind: 'text', text: term, negate } : undefined;
		}
	}
}

function isState(value: string): value is BrowseState {
	return (BROWSE_STATES as readonly string[]).includes(value);
}

/** The facts about one card (and its note) that clauses are checked against. */
export interface CardFacts {
	deckName: string;
	queue: Queue;
	due: Date;
	flag: number;
	tags: readonly string[];
	/** Fields and tags, HTML stripped, lower-cased. */
	haystack: string;
}

/** Text and tag clauses need the note; the others are decided by the card alone. */
export function needsNote(clause: Clause): boolean {
	return clause.kind === 'text' || clause.kind === 'tag';
}

/** `*` is a wildcard; a name also matches its children (`History` matches `History::Russia`). */
export function nameMatches(pattern: string, name: string): boolean {
	const glob = pattern
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${glob}(::.*)?$`, 'is').test(name);
}

export function matchesState(
	state: BrowseState,
	card: Pick<CardFacts, 'queue' | 'due'>,
	dayEnd: Date
): boolean {
	if (state === 'due') {
		return (
			(card.queue === 'learning' || card.queue === 'review') &&
			card.due.getTime() < dayEnd.getTime()
		);
	}
	return card.queue === state;
}

function holds(clause: Clause, facts: CardFacts, dayEnd: Date): boolean {
	switch (clause.kind) {
		case 'text':
			return facts.haystack.includes(clause.text);
		case 'tag':
			return facts.tags.some((tag) => nameMatches(clause.pattern, tag));
		case 'deck':
			return nameMatches(clause.pattern, facts.deckName);
		case 'is':
			return matchesState(clause.state, facts, dayEnd);
		case 'flag':
			return facts.flag === clause.flag;
	}
}

export function matchesClause(clause: Clause, facts: CardFacts, dayEnd: Date): boolean {
	return holds(clause, facts, dayEnd) !== clause.negate;
}

export function matchesAll(clauses: readonly Clause[], facts: CardFacts, dayEnd: Date): boolean {
	return clauses.every((clause) => matchesClause(clause, facts, dayEnd));
}

/** Lower-cased text of the fields and tags (HTML already stripped), for text clauses. */
export function haystackOf(fields: readonly string[], tags: readonly string[]): string {
	return [...fields, ...tags].join('\n').toLowerCase();
}
