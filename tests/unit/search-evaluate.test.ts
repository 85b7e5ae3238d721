// The compiled search on hand-made facts: what each kind of term matches (text with wildcards
// across but not between fields, whole-field searches, regexes, names with children, states,
// days, properties, ids), how and/or/not combine, and the note-only check that lets a scan skip
// a note without reading its cards.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	compareEntries,
	insertAt,
	mergeAt,
	mergeSorted,
	type SortEntry
} from '$lib/domain/browse-sort';
import { leavesOf, type SearchNode } from '$lib/domain/search/ast';
import {
	compileSearch,
	matchesCard,
	noteFacts,
	withoutCombining,
	type CardFacts,
	type NoteFacts,
	type SearchContext
} from '$lib/domain/search/evaluate';
import { nameMatches } from '$lib/domain/search/glob';
import { parseSearch } from '$lib/domain/search/parse';

const DAY = 86_400_000;
const dayEnd = new Date(2026, 2, 11, 4);
const now = new Date(dayEnd.getTime() - 10 * 3_600_000);
const note = noteFacts(
	{
		id: 'n1',
		noteTypeId: 'basic-reversed',
		tags: ['people::lenin', 'exam'],
		createdAt: dayEnd.getTime() - 2.5 * DAY,
		mtime: dayEnd.getTime() - 3.5 * DAY
	},
	'Basic (and reversed card)',
	{ Front: 'Who led the Bolsheviks?', Back: 'Lenin', Extra: '' }
);
const card: CardFacts = {
	id: 'c1',
	deckName: 'History::Russia',
	presetName: 'Slow learner',
	ord: 1,
	templateName: 'Card 2',
	queue: 'review',
	state: 2,
	position: 7,
	due: new Date(dayEnd.getTime() - 1.5 * DAY),
	flag: 2,
	interval: 12,
	reps: 5,
	lapses: 1,
	stability: 14.5,
	difficulty: 6.2,
	// Last studied one stability ago: on any FSRS forgetting curve, R is then exactly 90%.
	lastReview: new Date(now.getTime() - 14.5 * DAY),
	weights: undefined,
	leechThreshold: 8
};

function parse(text: string): SearchNode {
	const parsed = parseSearch(text);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}
	return parsed.node;
}

const test = (text: string, context: SearchContext = { dayEnd, now }) =>
	matchesCard(compileSearch(parse(text), context), note, card);

/** The same check on other facts. */
const testOn = (text: string, facts: { note?: NoteFacts; card?: CardFacts }) =>
	matchesCard(compileSearch(parse(text), { dayEnd, now }), facts.note ?? note, facts.card ?? card);

describe('compileSearch', () => {
	it('matches text anywhere in the fields, ignoring case, with * and _ inside one field', () => {
		for (const yes of [
			'lenin',
			'BOLSHEVIK',
			'"led the"',
			'b_lshevik',
			'who*bolsheviks',
			'led\\ the'
		]) {
			expect(test(yes), yes).toBe(true);
		}
		// Tags are not text (as in Anki), and a wildcard does not run from one field into the next.
		for (const no of ['exam', 'bolsheviks*lenin', 'l_nin_', 'x*y']) {
			expect(test(no), no).toBe(false);
		}
		expect(test('100\\%')).toBe(false);
	});

	it('matches whole fields by name (with wildcards) and field regexes', () => {
		expect(test('back:lenin')).toBe(true);
		expect(test('back:len')).toBe(false);
		expect(test('back:len*')).toBe(true);
		expect(test('"front:*bolsheviks?"')).toBe(true);
		expect(test('b*:lenin')).toBe(true);
		expect(test('extra:')).toBe(true);
		expect(test('front:')).toBe(false);
		expect(test('missing:lenin')).toBe(false);
		expect(test('"front:re:^who\\b"')).toBe(true);
		expect(test('back:re:^who')).toBe(false);
		expect(test('"re:bolshev(ik|ist)s"')).toBe(true);
		expect(test('"re:^lenin$"')).toBe(true);
	});

	it('matches tags, decks and note types with children and wildcards', () => {
		expect(test('tag:people')).toBe(true);
		expect(test('tag:lenin')).toBe(false);
		expect(test('tag:*lenin')).toBe(true);
		expect(test('tag:none')).toBe(false);
		expect(test('deck:history')).toBe(true);
		expect(test('deck:russia')).toBe(false);
		expect(test('note:basic')).toBe(false);
		expect(test('note:basic*')).toBe(true);
		expect(test('"note:Basic (and reversed card)"')).toBe(true);
	});

	it('checks states, flags, days since added and card properties', () => {
		expect(test('is:review is:due flag:2 -flag:0')).toBe(true);
		expect(test('is:new')).toBe(false);
		expect(test('added:2')).toBe(false);
		expect(test('added:3')).toBe(true);
		expect(test('prop:ivl>=12 prop:ivl<13 prop:reps=5 prop:lapses!=0')).toBe(true);
		// Difficulty on Anki's 0–1 scale: 6.2 of FSRS's 1–10 is (6.2 - 1) / 9 ≈ 0.578.
		expect(test('prop:s>14 prop:d>0.57 prop:d<0.58')).toBe(true);
		expect(test('prop:d>0.58')).toBe(false);
		expect(test('prop:d>6')).toBe(false);
		// Due 1.5 days before today's end: yesterday, so one day overdue.
		expect(test('prop:due=-1')).toBe(true);
		expect(test('prop:due>=0')).toBe(false);
		expect(test('nid:x,n1 cid:c1')).toBe(true);
		expect(test('cid:c2')).toBe(false);
	});

	it('combines with or, groups and negation', () => {
		expect(test('stalin or lenin')).toBe(true);
		expect(test('stalin or is:new')).toBe(false);
		expect(test('lenin (is:new or flag:2)')).toBe(true);
		expect(test('-(is:new or flag:2)')).toBe(false);
		expect(test('lenin stalin or trotsky')).toBe(false);
		expect(test('--lenin')).toBe(true);
	});

	it('answers rated: and other resolved leaves from the card-id tests it is given', () => {
		const node = parse('rated:1:1 or deck:nowhere');
		const [rated] = leavesOf(node);
		const resolved = new Map([[rated!, (id: string) => id === 'c1']]);
		expect(matchesCard(compileSearch(node, { dayEnd, now, resolved }), note, card)).toBe(true);
		expect(
			matchesCard(compileSearch(node, { dayEnd, now, resolved }), note, { ...card, id: 'c2' })
		).toBe(false);
		expect(() => test('rated:1')).toThrow('storage must resolve it');
		expect(() => test('introduced:1')).toThrow('storage must resolve it');
		expect(() => test('resched:7')).toThrow('storage must resolve it');
	});

	it('says from the note alone whether any card could match, or that it depends on the card', () => {
		const onNote = (text: string) => compileSearch(parse(text), { dayEnd, now })(undefined, note);
		expect(onNote('stalin')).toBe(false);
		expect(onNote('stalin is:new')).toBe(false);
		expect(onNote('stalin or is:new')).toBe(undefined);
		expect(onNote('lenin')).toBe(true);
		expect(onNote('lenin is:new')).toBe(undefined);
		expect(onNote('-(lenin or is:new)')).toBe(false);
		expect(onNote('-(stalin or is:new)')).toBe(undefined);
		// A leech tag decides on the note; without one, the card's lapses do.
		expect(onNote('is:leech')).toBe(undefined);
		expect(compileSearch(parse('is:leech'), { dayEnd, now })(undefined, leechNote)).toBe(true);
	});

	it('finds leeches by the leech tag or by lapses at the preset’s threshold', () => {
		expect(test('is:leech')).toBe(false);
		expect(testOn('is:leech', { note: leechNote })).toBe(true);
		expect(testOn('is:leech', { card: { ...card, lapses: 8 } })).toBe(true);
		expect(testOn('is:leech', { card: { ...card, lapses: 7 } })).toBe(false);
		const strict = { ...card, leechThreshold: 3 };
		expect(testOn('is:leech', { card: { ...strict, lapses: 3 } })).toBe(true);
		expect(testOn('is:leech', { card: { ...strict, lapses: 2 } })).toBe(false);
	});

	it('matches whole words with w:, wildcards extending them, never across fields', () => {
		for (const yes of ['w:led', 'w:WHO', 'w:bolshevik*', 'w:lenin', '"w:led the"', 'w:l_d']) {
			expect(test(yes), yes).toBe(true);
		}
		for (const no of ['w:le', 'w:bolshevik', 'w:eninw', 'w:*heviks?lenin', 'w:ed']) {
			expect(test(no), no).toBe(false);
		}
		// Letters beyond ASCII are word characters too: “né” is not a word of “Néva”.
		const accented = withFields({ Front: 'la Néva gelée', Back: 'x-ray' });
		expect(testOn('w:né', { note: accented })).toBe(false);
		expect(testOn('w:néva', { note: accented })).toBe(true);
		expect(testOn('w:x', { note: accented })).toBe(true);
	});

	it('ignores accents with nc:, on either side', () => {
		const accented = withFields({ Front: 'Über die Brücke', Back: 'Naïve café' });
		for (const yes of [
			'nc:uber',
			'nc:ÜBER',
			'nc:brucke',
			'"nc:naive cafe"',
			'nc:caf_',
			'nc:über'
		]) {
			expect(testOn(yes, { note: accented }), yes).toBe(true);
		}
		expect(testOn('uber', { note: accented })).toBe(false);
		expect(testOn('nc:bruckex', { note: accented })).toBe(false);
		expect(withoutCombining('Ünïcödé')).toBe('Unicode');
	});

	it('compares nc: in compatibility form, as Anki does: ligatures and full-width letters too', () => {
		const styled = withFields({ Front: 'The ﬁrst ｃａｆé', Back: '' });
		expect(testOn('nc:first', { note: styled })).toBe(true);
		expect(testOn('"nc:first cafe"', { note: styled })).toBe(true);
		expect(testOn('first', { note: styled })).toBe(false);
		expect(withoutCombining('ﬁ ｃａｆé')).toBe('fi cafe');
	});

	it('finds duplicates by note type and exact first field, HTML stripped', () => {
		expect(test('"dupe:basic-reversed,Who led the Bolsheviks?"')).toBe(true);
		expect(test('"dupe:basic,Who led the Bolsheviks?"')).toBe(false);
		expect(test('"dupe:basic-reversed,who led the bolsheviks?"')).toBe(false);
		expect(test('dupe:basic-reversed,Lenin')).toBe(false);
	});

	it('picks cards by template number or name, and decks by preset name', () => {
		expect(test('card:2 "card:Card 2" card:c*2 card:*')).toBe(true);
		expect(test('card:1')).toBe(false);
		expect(test('"card:Card 1"')).toBe(false);
		expect(testOn('card:1', { card: { ...card, ord: 0 } })).toBe(true);
		expect(test('preset:slow*')).toBe(true);
		expect(test('"preset:slow learner"')).toBe(true);
		expect(test('preset:slow')).toBe(false);
		expect(test('preset:default')).toBe(false);
	});

	it('checks days since edited, retrievability now and new-card position', () => {
		expect(test('edited:3')).toBe(false);
		expect(test('edited:4')).toBe(true);
		expect(test('prop:r>0.899 prop:r<0.901 prop:r!=1')).toBe(true);
		expect(test('prop:r>=0.95')).toBe(false);
		// FSRS-5 weights (decay 0.5) cross 90% at one stability too; just studied, R is 1.
		const fsrs5 = { ...card, weights: FSRS5_WEIGHTS };
		expect(testOn('prop:r>0.899 prop:r<0.901', { card: fsrs5 })).toBe(true);
		expect(testOn('prop:r=1', { card: { ...card, lastReview: now } })).toBe(true);
		// A new card has no retrievability; only a new card has a position.
		const fresh = { ...card, state: 0, queue: 'new' as const, stability: 0 };
		expect(testOn('prop:r<2', { card: fresh })).toBe(false);
		expect(testOn('prop:pos=7 prop:pos<8', { card: fresh })).toBe(true);
		expect(test('prop:pos=7')).toBe(false);
	});
});

/** A note like the shared one with other fields. */
function withFields(fields: Record<string, string>): NoteFacts {
	return noteFacts({ ...note, tags: [...note.tags] }, note.typeName, fields);
}

const leechNote = noteFacts({ ...note, tags: ['Leech'] }, note.typeName, note.fields);

/** ts-fsrs's FSRS-5 defaults: 19 weights, so the curve's decay is 0.5. */
const FSRS5_WEIGHTS = [
	0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192, 1.01925,
	1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621
];

describe('nameMatches', () => {
	it('matches the name, its children and wildcards, ignoring case', () => {
		expect(nameMatches('history', 'History')).toBe(true);
		expect(nameMatches('History', 'History::October 1917')).toBe(true);
		expect(nameMatches('History', 'Historyish')).toBe(false);
		expect(nameMatches('Hist*', 'Historyish')).toBe(true);
		expect(nameMatches('*1917', 'History::October 1917')).toBe(true);
		expect(nameMatches('October 1917', 'History::October 1917')).toBe(false);
		expect(nameMatches('a.b', 'axb')).toBe(false);
		expect(nameMatches('a\\_b', 'axb')).toBe(false);
		expect(nameMatches('a_b', 'axb')).toBe(true);
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

describe('mergeAt and insertAt', () => {
	const byNumber = (a: number, b: number) => a - b;

	it('says where each added entry went: [1,3,5] + [0,3,9] puts them before 0, 2 and 3', () => {
		const { merged, at } = mergeAt([1, 3, 5], [0, 3, 9], byNumber);
		expect(merged).toEqual([0, 1, 3, 3, 5, 9]);
		expect([...at]).toEqual([0, 2, 3]);
		expect(insertAt(['one', 'three', 'five'], ['zero', 'three′', 'nine'], at)).toEqual([
			'zero',
			'one',
			'three',
			'three′',
			'five',
			'nine'
		]);
	});

	it('lets the holder of the list repeat any merge from the added ids and positions alone', () => {
		const sorted = fc.array(fc.integer({ min: 0, max: 50 })).map((a) => a.sort(byNumber));
		fc.assert(
			fc.property(sorted, sorted, (list, added) => {
				const { merged, at } = mergeAt(list, added, byNumber);
				expect(merged).toEqual([...list, ...added].sort(byNumber));
				expect(insertAt(list, added, at)).toEqual(merged);
			})
		);
	});

	it('refuses positions out of order', () => {
		expect(() => insertAt(['a', 'b'], ['x', 'y'], [2, 1])).toThrow(RangeError);
		expect(() => insertAt(['a'], ['x'], [2])).toThrow(RangeError);
	});
});
