/**
 * Checks cards against a search tree. The tree is compiled once per search into one test, so a
 * scan of 100,000 notes builds no regular expression twice.
 *
 * Tests answer in three values: a note-only check (no card yet) says `undefined` when the answer
 * depends on the card, so a scan can skip a note whose cards could never match without reading
 * them. Leaves answered by an index (`resolved`, card ids) need only the card's id.
 */
import type { BrowseState, Comparison, Leaf, Prop, SearchNode } from './ast';
import { globMatcher, globSource, hasWildcard, literalOf, nameMatcher } from './glob';
import { isLeechByLapses, isLeechTag } from '../leech';
import type { Queue } from '../model';
import { retrievability } from '../retrievability';

/** A note's facts, computed once per note. */
export interface NoteFacts {
	id: string;
	noteTypeId: string;
	typeName: string;
	/** Field name → text with HTML stripped. */
	fields: Readonly<Record<string, string>>;
	/** The fields' text joined by FIELD_SEPARATOR, lower-cased: what plain text searches look in. */
	text: string;
	tags: readonly string[];
	createdAt: number;
	/** Last edit, ms since epoch. */
	mtime: number;
}

export interface CardFacts {
	id: string;
	deckName: string;
	/** The name of the preset the card's deck uses. */
	presetName: string;
	/** Template ordinal (cloze number - 1) and the template's name. */
	ord: number;
	templateName: string;
	queue: Queue;
	/** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
	state: number;
	/** A new card's place in its deck's new-card order. */
	position: number;
	due: Date;
	flag: number;
	interval: number;
	reps: number;
	lapses: number;
	stability: number;
	difficulty: number;
	lastReview: Date | undefined;
	/** The preset's FSRS weights, for retrievability (undefined: ts-fsrs's defaults). */
	weights: readonly number[] | undefined;
	/** The preset's leech threshold: `is:leech` matches cards lapsed that often. */
	leechThreshold: number;
}

export const FIELD_SEPARATOR = '\u001f';

export interface SearchContext {
	/** End of today's study day: `is:due`, `added:`, `prop:due` count days from it. */
	dayEnd: Date;
	/** The moment searched at: `prop:r` is the retrievability then. */
	now: Date;
	/** Card-id tests for leaves an index answered (rated: always; others when storage chose). */
	resolved?: ReadonlyMap<Leaf, (cardId: string) => boolean>;
}

export type Tri = boolean | undefined;
export type CardTest = (cardId: string | undefined, note?: NoteFacts, card?: CardFacts) => Tri;

export function noteFacts(
	note: {
		id: string;
		noteTypeId: string;
		tags: readonly string[];
		createdAt: number;
		mtime: number;
	},
	typeName: string,
	fields: Readonly<Record<string, string>>
): NoteFacts {
	const text = Object.values(fields).join(FIELD_SEPARATOR).toLowerCase();
	const { id, noteTypeId, tags, createdAt, mtime } = note;
	return { id, noteTypeId, typeName, fields, text, tags, createdAt, mtime };
}

export function compileSearch(node: SearchNode, context: SearchContext): CardTest {
	switch (node.kind) {
		case 'and':
		case 'or': {
			const tests = node.children.map((child) => compileSearch(child, context));
			// Kleene logic: one false decides an and, one true an or; else unknown beats the rest.
			const decisive = node.kind === 'or';
			return (id, note, card) => {
				let result: Tri = !decisive;
				for (const test of tests) {
					const value = test(id, note, card);
					if (value === decisive) {
						return decisive;
					}
					result = value === undefined ? undefined : result;
				}
				return result;
			};
		}
		case 'not': {
			const test = compileSearch(node.child, context);
			return (id, note, card) => {
				const value = test(id, note, card);
				return value === undefined ? undefined : !value;
			};
		}
		default:
			return compileLeaf(node, context);
	}
}

/** True when the card matches; the card and its note must both be given. */
export function matchesCard(test: CardTest, note: NoteFacts, card: CardFacts): boolean {
	return test(card.id, note, card) === true;
}

function compileLeaf(leaf: Leaf, context: SearchContext): CardTest {
	const has = context.resolved?.get(leaf);
	if (has) {
		return (id) => (id === undefined ? undefined : has(id));
	}
	if (leaf.kind === 'leech') {
		// Tagged on the note decides at once; otherwise the card's lapses against its preset's
		// threshold (a preset that tags nothing, or cards from before, still count).
		return (_id, note, card) =>
			note?.tags.some(isLeechTag) ||
			(card ? isLeechByLapses(card.lapses, card.leechThreshold) : undefined);
	}
	const onNote = noteTest(leaf, context);
	if (onNote) {
		return (_id, note) => (note ? onNote(note) : undefined);
	}
	const onCard = cardTest(leaf, context);
	return (_id, _note, card) => (card ? onCard(card) : undefined);
}

function noteTest(leaf: Leaf, context: SearchContext): ((note: NoteFacts) => boolean) | undefined {
	switch (leaf.kind) {
		case 'text':
			return textTest(leaf.pattern);
		case 'field': {
			const [name, value] = [globMatcher(leaf.field), globMatcher(leaf.pattern)];
			return (note) => someField(note, name, value);
		}
		case 'field-re': {
			const [name, regex] = [globMatcher(leaf.field), new RegExp(leaf.source, 'i')];
			return (note) => someField(note, name, (text) => regex.test(text));
		}
		case 're': {
			const regex = new RegExp(leaf.source, 'i');
			return (note) => Object.values(note.fields).some((text) => regex.test(text));
		}
		case 'tag': {
			if (leaf.pattern.toLowerCase() === 'none') {
				return (note) => note.tags.length === 0;
			}
			const matches = nameMatcher(leaf.pattern);
			return (note) => note.tags.some(matches);
		}
		case 'note': {
			const matches = globMatcher(leaf.pattern);
			return (note) => matches(note.typeName);
		}
		case 'added':
		case 'edited': {
			const since = daysBefore(context.dayEnd, leaf.days).getTime();
			return leaf.kind === 'added'
				? (note) => note.createdAt >= since
				: (note) => note.mtime >= since;
		}
		case 'word':
			return wordTest(leaf.pattern);
		case 'nc': {
			const matches = textTest(withoutCombining(leaf.pattern));
			return (note) => matches({ ...note, text: withoutCombining(note.text) });
		}
		case 'dupe':
			return (note) =>
				note.noteTypeId === leaf.noteTypeId && Object.values(note.fields)[0] === leaf.text;
		case 'nid': {
			const ids = new Set(leaf.ids);
			return (note) => ids.has(note.id);
		}
		default:
			return undefined;
	}
}

function cardTest(leaf: Leaf, context: SearchContext): (card: CardFacts) => boolean {
	switch (leaf.kind) {
		case 'deck': {
			const matches = nameMatcher(leaf.pattern);
			return (card) => matches(card.deckName);
		}
		case 'is':
			return (card) => matchesState(leaf.state, card, context.dayEnd);
		case 'flag':
			return (card) => card.flag === leaf.flag;
		case 'preset': {
			const matches = globMatcher(leaf.pattern);
			return (card) => matches(card.presetName);
		}
		case 'card': {
			const which = leaf.which;
			if (typeof which === 'number') {
				return (card) => card.ord === which - 1;
			}
			const matches = globMatcher(which);
			return (card) => matches(card.templateName);
		}
		case 'prop': {
			const read = propReader(leaf.prop, context);
			const compare = COMPARE[leaf.op];
			const target = propTarget(leaf.prop, leaf.value);
			return (card) => {
				const value = read(card);
				return value !== undefined && compare(value, target);
			};
		}
		case 'cid': {
			const ids = new Set(leaf.ids);
			return (card) => ids.has(card.id);
		}
		case 'rated':
		case 'introduced':
		case 'resched':
			throw new Error(`${leaf.kind}: is answered from the reviews: storage must resolve it first.`);
		default:
			throw new Error(`No card test for ${leaf.kind}.`);
	}
}

function textTest(pattern: string): (note: NoteFacts) => boolean {
	if (!hasWildcard(pattern)) {
		const literal = literalOf(pattern).toLowerCase();
		return (note) => note.text.includes(literal);
	}
	const regex = new RegExp(globSource(pattern, { notAcross: FIELD_SEPARATOR }), 'i');
	return (note) => regex.test(note.text);
}

/** `w:`: the pattern with no letter, digit or underscore touching either end. */
function wordTest(pattern: string): (note: NoteFacts) => boolean {
	const source = globSource(pattern, { notAcross: FIELD_SEPARATOR, unicode: true });
	const regex = new RegExp(`(?<!${WORD_CHAR})${source}(?!${WORD_CHAR})`, 'iu');
	return (note) => regex.test(note.text);
}

const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}_]';

/**
 * The text in compatibility form without combining marks, as Anki's `nc:` compares it (NFKD,
 * then marks dropped): `über` → `uber`, the ligature `ﬁ` → `fi`, full-width `ａ` → `a`.
 */
export function withoutCombining(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '');
}

function someField(
	note: NoteFacts,
	name: (name: string) => boolean,
	value: (text: string) => boolean
): boolean {
	for (const [field, text] of Object.entries(note.fields)) {
		if (name(field) && value(text)) {
			return true;
		}
	}
	return false;
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

/** The start of the study day `days - 1` days before today's (1 = today's start). */
export function daysBefore(dayEnd: Date, days: number): Date {
	const start = new Date(dayEnd);
	start.setDate(start.getDate() - days);
	return start;
}

const DAY_MS = 86_400_000;

/**
 * The stored value a `prop:` search compares with. Difficulty is searched on Anki's scale, 0 to
 * 1 (shown as 0–100%), mapped onto FSRS's 1 to 10 as Anki's search does (d × 9 + 1).
 */
function propTarget(prop: Prop, value: number): number {
	return prop === 'd' ? value * 9 + 1 : value;
}

/** A property's value, or undefined where Anki's would not match (new cards have no due day). */
function propReader(
	prop: Prop,
	{ dayEnd, now }: SearchContext
): (card: CardFacts) => number | undefined {
	switch (prop) {
		case 'pos':
			return (card) => (card.state === 0 ? card.position : undefined);
		case 'r':
			return (card) => retrievability(card, now);
		case 'ivl':
			return (card) => card.interval;
		case 'reps':
			return (card) => card.reps;
		case 'lapses':
			return (card) => card.lapses;
		case 's':
			return (card) => (card.stability > 0 ? card.stability : undefined);
		case 'd':
			return (card) => (card.stability > 0 ? card.difficulty : undefined);
		case 'due': {
			const todayStart = daysBefore(dayEnd, 1).getTime();
			return (card) =>
				card.queue === 'learning' || card.queue === 'review'
					? Math.floor((card.due.getTime() - todayStart) / DAY_MS)
					: undefined;
		}
	}
}

/** The card's chance of recall at `now` on its preset's forgetting curve; none if never studied. */
const COMPARE: Record<Comparison, (a: number, b: number) => boolean> = {
	'<': (a, b) => a < b,
	'<=': (a, b) => a <= b,
	'>': (a, b) => a > b,
	'>=': (a, b) => a >= b,
	'=': (a, b) => a === b,
	'!=': (a, b) => a !== b
};
