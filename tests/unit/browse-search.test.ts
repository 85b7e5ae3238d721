// The browser's search language on its own: what each term parses to, the one-sentence errors
// for terms it cannot understand, and how deck and tag names match (children, wildcards, case).
import { describe, expect, it } from 'vitest';
import {
	matchesAll,
	nameMatches,
	parseSearch,
	type CardFacts,
	type Clause
} from '$lib/domain/browse-search';
import { compareEntries, mergeSorted, type SortEntry } from '$lib/domain/browse-sort';

function clauses(text: string): Clause[] {
	const parsed = parseSearch(text);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}
	return parsed.clauses;
}

function error(text: string): string {
	const parsed = parseSearch(text);
	if (parsed.ok) {
		throw new Error(`“${text}” parsed`);
	}
	return parsed.error;
}

describe('parseSearch', () => {
	it('splits words and keeps quoted phrases, lower-cased', () => {
		expect(clauses(' Stalin  "Central Committee" ')).toEqual([
			{ kind: 'text', text: 'stalin', negate: false },
			{ kind: 'text', text: 'central committee', negate: false }
		]);
		expect(clauses('')).toEqual([]);
		expect(clauses('   ')).toEqual([]);
	});

	it('reads tag:, deck:, is: and flag:, with quoted values and either quoting style', () => {
		expect(clauses('tag:verbs deck:"History::October 1917" is:Due flag:3')).toEqual([
			{ kind: 'tag', pattern: 'verbs', negate: false },
			{ kind: 'deck', pattern: 'History::October 1917', negate: false },
			{ kind: 'is', state: 'due', negate: false },
			{ kind: 'flag', flag: 3, negate: false }
		]);
		expect(clauses('"deck:My Deck"')).toEqual([
			{ kind: 'deck', pattern: 'My Deck', negate: false }
		]);
	});

	it('negates any term with a leading minus', () => {
		expect(clauses('-is:suspended -"two words" -tag:x -flag:0 -lenin')).toEqual([
			{ kind: 'is', state: 'suspended', negate: true },
			{ kind: 'text', text: 'two words', negate: true },
			{ kind: 'tag', pattern: 'x', negate: true },
			{ kind: 'flag', flag: 0, negate: true },
			{ kind: 'text', text: 'lenin', negate: true }
		]);
	});

	it('treats unknown prefixes and times as text', () => {
		expect(clauses('note:x 10:30')).toEqual([
			{ kind: 'text', text: 'note:x', negate: false },
			{ kind: 'text', text: '10:30', negate: false }
		]);
	});

	it('explains terms it cannot understand in one sentence', () => {
		expect(error('lenin is:sleeping')).toBe(
			'“is:sleeping” is not a card state: use new, learning, review, due, suspended, buried.'
		);
		expect(error('flag:9')).toMatch(/^“flag:9” is not a flag: use a number from 0/);
		expect(error('tag:""')).toMatch(/^Write a name after tag:/);
	});
});

describe('nameMatches', () => {
	it('matches the name, its children and wildcards, ignoring case', () => {
		expect(nameMatches('history', 'History')).toBe(true);
		expect(nameMatches('History', 'History::October 1917')).toBe(true);
		expect(nameMatches('History', 'Historyish')).toBe(false);
		expect(nameMatches('Hist*', 'Historyish')).toBe(true);
		expect(nameMatches('*1917', 'History::October 1917')).toBe(true);
		expect(nameMatches('October 1917', 'History::October 1917')).toBe(false);
		expect(nameMatches('a.b', 'axb')).toBe(false);
	});
});

describe('matchesAll', () => {
	const dayEnd = new Date(2026, 2, 11, 4);
	const card: CardFacts = {
		deckName: 'History::Russia',
		queue: 'review',
		due: new Date(2026, 2, 10, 12),
		flag: 2,
		tags: ['people::lenin', 'exam'],
		haystack: 'who led the bolsheviks?\nlenin\npeople::lenin\nexam'
	};
	const test = (text: string) => matchesAll(clauses(text), card, dayEnd);

	it('needs every clause, each possibly negated', () => {
		expect(test('deck:history is:due tag:people flag:2 "led the"')).toBe(true);
		expect(test('deck:history -is:due')).toBe(false);
		expect(test('-flag:0 -tag:missing -stalin')).toBe(true);
		expect(test('is:new')).toBe(false);
		expect(test('tag:lenin')).toBe(false);
		expect(test('tag:*lenin')).toBe(true);
	});

	it('counts a review card due after the study day ends as not due', () => {
		expect(matchesAll(clauses('is:due'), { ...card, due: dayEnd }, dayEnd)).toBe(false);
		expect(matchesAll(clauses('is:review'), { ...card, due: dayEnd }, dayEnd)).toBe(true);
	});
});

describe('mergeSorted', () => {
	it('merges two sorted runs into one sorted run', () => {
		const entry = (id: string, key: number): SortEntry => ({ id, key, tie: 0 });
		const a = [entry('a', 1), entry('c', 3), entry('e', 5)];
		const b = [entry('b', 2), entry('d', 3), entry('f', 9)];
		expect(mergeSorted(a, b, compareEntries).map((e) => e.id)).toEqual([
			'a',
			'b',
			'c',
			'd',
			'e',
			'f'
		]);
	});
});
