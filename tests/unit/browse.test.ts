// The browser's paged search against a real (fake-indexeddb) collection: every query gives the
// same ids, in the same order, as checking each card by hand (deck with subdecks, tags, states,
// flags, negation, or, groups, field searches, regexes, added/rated/prop, note types, every sort
// both ways), whichever path runs (index only, narrowed scan, full scan); rows load by id;
// a cancelled scan stops; and undo of a bulk change by snapshot brings everything back exactly.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	BROWSE_SORTS,
	compareEntries,
	insertAt,
	sortEntry,
	type BrowseSort
} from '$lib/domain/browse-sort';
import { isReviewLeaf, leavesOf, type ReviewLeaf, type SearchNode } from '$lib/domain/search/ast';
import { compileSearch, daysBefore, matchesCard, noteFacts } from '$lib/domain/search/evaluate';
import { parseSearch } from '$lib/domain/search/parse';
import { studyDay } from '$lib/domain/study-day';
import type { EngramDB } from '$lib/storage/db';
import { listTags, loadRows, plainFieldMap, toRow } from '$lib/storage/browse';
import { cardFacts } from '$lib/storage/browse-facts';
import { searchCardIds, type BrowseProgress } from '$lib/storage/browse-query';
import { flagCards, suspendCards } from '$lib/storage/card-actions';
import { resetCards } from '$lib/storage/card-reset';
import { createPreset } from '$lib/storage/presets';
import { leechOptions } from '$lib/domain/leech';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import type { CardRecord } from '$lib/domain/model';
import { addNote } from '$lib/storage/notes';
import { restoreSnapshot, snapshotCards } from '$lib/storage/snapshots';
import { seedDeck } from '$lib/storage/seed';
import { answerCard } from '$lib/storage/answers';
import { bundledDeck, freshDb, NOW, answerInput } from './helpers';
import { countReads } from './read-counter';
import { cardsInDeck, cardsInDecks } from '$lib/storage/deck-rows';

const DAY_END = studyDay(NOW).end;
const DAY = 86_400_000;

function parse(text: string): SearchNode {
	const parsed = parseSearch(text);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}
	return parsed.node;
}

function search(db: EngramDB, text: string, sort: BrowseSort = 'due', descending = false) {
	return searchCardIds(db, { node: parse(text), sort, descending, dayEnd: DAY_END, now: NOW });
}

/**
 * The answer worked out by hand: every card and note read, rated: worked out from every review,
 * each card checked with the evaluator and sorted in memory, ascending. No index is used.
 */
async function byHand(db: EngramDB) {
	const [cards, notes, decks, types, reviews, presets] = await Promise.all([
		db.cards.toArray(),
		db.notes.toArray(),
		db.decks.toArray(),
		db.noteTypes.toArray(),
		db.reviews.toArray(),
		db.presets.toArray()
	]);
	const noteById = new Map(notes.map((n) => [n.id, n]));
	const deckById = new Map(decks.map((d) => [d.id, d]));
	const typeById = new Map(types.map((t) => [t.id, t]));
	const presetById = new Map(presets.map((p) => [p.id, p]));
	const all = cards.map((card) => {
		const note = noteById.get(card.noteId)!;
		const deck = deckById.get(card.deckId)!;
		const type = typeById.get(note.noteTypeId)!;
		const preset = presetById.get(deck.presetId)!;
		return {
			note: noteFacts(note, type.name, plainFieldMap(note)),
			card: cardFacts(card, {
				deckName: deck.name,
				presetName: preset.name,
				weights: preset.weights,
				leechThreshold: leechOptions(preset).threshold,
				templateName: type.templates[type.kind === 'cloze' ? 0 : card.ord]!.name
			}),
			row: toRow(card, note, deck.name)
		};
	});
	// Review leaves worked out from every review: answered (rating 1–4) or rescheduled by hand
	// (rating 0) in the window; introduced is answered in it and never before.
	const inWindow = (days: number) => {
		const since = daysBefore(DAY_END, days).getTime();
		return reviews.filter(
			(r) => r.review.getTime() >= since && r.review.getTime() < DAY_END.getTime()
		);
	};
	const reviewTest = (leaf: ReviewLeaf) => {
		const since = daysBefore(DAY_END, leaf.days).getTime();
		const answeredBefore = new Set(
			reviews.filter((r) => r.rating >= 1 && r.review.getTime() < since).map((r) => r.cardId)
		);
		const ids = new Set(
			inWindow(leaf.days)
				.filter((r) => {
					switch (leaf.kind) {
						case 'rated':
							return leaf.ease === undefined ? r.rating >= 1 : r.rating === leaf.ease;
						case 'resched':
							return r.rating === 0;
						case 'introduced':
							return r.rating >= 1 && !answeredBefore.has(r.cardId);
					}
				})
				.map((r) => r.cardId)
		);
		return (id: string) => ids.has(id);
	};
	return (text: string, sort: BrowseSort) => {
		const node = parse(text);
		const resolved = new Map(
			leavesOf(node).flatMap((leaf) =>
				isReviewLeaf(leaf) ? [[leaf, reviewTest(leaf)] as const] : []
			)
		);
		const test = compileSearch(node, { dayEnd: DAY_END, now: NOW, resolved });
		return all
			.filter(({ note, card }) => matchesCard(test, note, card))
			.map(({ row }) => sortEntry(sort, row))
			.sort(compareEntries)
			.map((entry) => entry.id);
	};
}

let db: EngramDB;
let bundledId: string;
/** Cards lapsed 4 and 3 times under a threshold of 4, and 4 times under the default 8. */
let leechCases: { atFour: string; atThree: string; defaultAtFour: string };

beforeAll(() => {
	bundledId = bundledDeck().id;
});

async function addDeck(id: string, name: string) {
	const time = NOW.getTime();
	await db.decks.add({
		id,
		name,
		description: '',
		presetId: 'default',
		createdAt: time,
		mtime: time
	});
}

beforeEach(async () => {
	db = freshDb();
	await seedDeck(db, bundledDeck(), NOW);
	// Decks around the bundled `History::October 1917`: a parent with cards of its own, a sibling,
	// and a deck whose name only starts like it, which deck:History must not match.
	await addDeck('history', 'History');
	await addDeck('history-other', 'History::Other');
	await addDeck('historyish', 'Historyish');
	const decks = ['history', 'history-other', 'historyish'];
	for (let i = 0; i < 12; i++) {
		await addNote(
			db,
			{
				deckId: decks[i % 3]!,
				noteTypeId: 'basic',
				fields: { Front: `Extra <b>question</b> ${i}`, Back: i % 2 ? 'Lenin' : 'Trotsky' },
				tags: i % 4 === 0 ? ['people::lenin'] : ['extra']
			},
			new Date(NOW.getTime() + i * 1000)
		);
	}
	const cards = await db.cards.orderBy('id').toArray();
	await flagCards(db, [cards[0]!.id, cards[5]!.id], 1, NOW);
	await flagCards(db, [cards[9]!.id], 3, NOW);
	await suspendCards(db, [cards[5]!.id, cards[20]!.id], NOW);
	// Answers: Good today, Again today, and Good three days ago (rated:1 leaves that one out).
	const answers: [number, 1 | 3, number][] = [
		[30, 3, 0],
		[31, 1, 0],
		[32, 3, -3 * DAY]
	];
	for (const [index, grade, offset] of answers) {
		const card = cards[index]!;
		const shown = (await db.cards.get(card.id))!;
		await answerCard(
			db,
			answerInput(shown, { grade, now: new Date(NOW.getTime() + offset), duration: 1000 })
		);
	}
	// Notes added 10 and 3 days ago, one without tags: added:1, added:7 and all differ; tag:none.
	for (const [i, tags] of [
		[0, []],
		[1, ['old']]
	] as const) {
		await addNote(
			db,
			{
				deckId: 'history',
				noteTypeId: 'basic',
				fields: { Front: `Old ${i}`, Back: 'Kerensky' },
				tags: [...tags]
			},
			new Date(NOW.getTime() - (i === 0 ? 10 : 3) * DAY)
		);
	}
	await addSyntaxCases(cards);
});

/**
 * What the newer search terms tell apart: a leech by tag and one by lapses, an accented word,
 * a reversed note (card:2), notes edited at different times, a card first answered days ago and
 * answered again today (not introduced today), a reset (resched:), a slower preset on one deck,
 * and cards studied at different times (prop:r).
 */
async function addSyntaxCases(cards: CardRecord[]) {
	const reversed = await addNote(
		db,
		{
			deckId: 'history',
			noteTypeId: 'basic-reversed',
			fields: { Front: 'Über <i>alles</i>', Back: 'Naïve question-time' },
			tags: ['leech']
		},
		NOW
	);
	const { updateNote } = await import('$lib/storage/notes');
	// The note added 10 days ago, edited 4 days ago.
	const edited = (await db.notes.filter((note) => note.fields.Front === 'Old 0').first())!;
	await updateNote(
		db,
		edited.id,
		{ fields: { ...edited.fields, Back: 'Kerensky, edited' }, tags: edited.tags },
		new Date(NOW.getTime() - 4 * DAY)
	);
	await db.cards.update(cards[40]!.id, { lapses: 9 });
	for (const offset of [-5 * DAY, 0]) {
		const shown = (await db.cards.get(cards[41]!.id))!;
		await answerCard(
			db,
			answerInput(shown, { grade: 3, now: new Date(NOW.getTime() + offset), duration: 1000 })
		);
	}
	await resetCards(db, [cards[30]!.id], NOW);
	// A lower leech threshold: 4 lapses make a leech on its deck, not on the others.
	const slow = await createPreset(db, 'Slow learner', NOW, {
		...DEFAULT_PRESET,
		leechThreshold: 4
	});
	await db.decks.update('history-other', { presetId: slow.id });
	// Not a card of the note tagged `leech` above: ids are random, so it could come first.
	const unlapsed = (deckId: string) =>
		cardsInDeck(db, deckId)
			.filter((card) => card.lapses === 0 && card.noteId !== reversed.note.id)
			.primaryKeys();
	const [atFour, atThree] = await unlapsed('history-other');
	const [defaultAtFour] = await unlapsed('history');
	await db.cards.update(atFour!, { lapses: 4 });
	await db.cards.update(atThree!, { lapses: 3 });
	await db.cards.update(defaultAtFour!, { lapses: 4 });
	leechCases = { atFour: atFour!, atThree: atThree!, defaultAtFour: defaultAtFour! };
	expect(reversed.addedCardIds).toHaveLength(2);
}

describe('searchCardIds', () => {
	const QUERIES = [
		'',
		'deck:History',
		'deck:"History::October 1917"',
		'-deck:History',
		'deck:hist*',
		'is:new',
		'is:learning',
		'is:due',
		'-is:new',
		'is:suspended',
		'is:buried',
		'flag:1',
		'flag:0',
		'-flag:0',
		'flag:1 is:suspended',
		'tag:people',
		'-tag:extra',
		'lenin',
		'-lenin deck:History',
		'"extra question"',
		'question -tag:people is:new',
		'lenin or trotsky',
		'(deck:History::Other or flag:1) -is:suspended',
		'-(is:new or is:suspended)',
		'is:new (lenin or tag:people)',
		'deck:History prop:lapses=0 or flag:3',
		'"front:*question 1*"',
		'back:lenin',
		'fr*:extra*',
		'"back:re:^len"',
		'"re:question \\d$"',
		'added:1',
		'added:7',
		'-added:1 deck:History',
		'rated:1',
		'rated:7',
		'rated:1:3',
		'rated:1:1 or flag:3',
		'prop:reps>=1',
		'prop:ivl=0 -is:new',
		'prop:due<=0',
		'prop:due=-3',
		'note:Basic',
		'note:basic* deck:History',
		'tag:none',
		'-tag:none is:learning',
		'ques_ion 1*',
		'kerensky deck:History',
		'is:leech',
		'-is:leech is:new',
		'is:leech deck:History::Other',
		'prop:d>0.5',
		'prop:d<=0.5 is:review',
		'w:question',
		'w:ques*',
		'w:extra -w:extras',
		'"w:question-time"',
		'nc:uber',
		'nc:naive',
		'"dupe:basic,Extra question 3"',
		'card:2',
		'card:1 deck:History',
		'"card:card 2"',
		'card:c*2 or flag:1',
		'edited:1',
		'edited:5 -added:1',
		'introduced:1',
		'introduced:7',
		'resched:1',
		'resched:1 or rated:1',
		'preset:slow*',
		'-preset:default',
		'preset:default is:new',
		'prop:r<0.99',
		'prop:r>0.5',
		'prop:pos>20',
		'prop:pos<=5'
	];

	it('gives, for every query and sort, the ids checking each card by hand gives', async () => {
		const expected = await byHand(db);
		const total = await db.cards.count();
		for (const text of QUERIES) {
			// Each query tells cards apart here: some match, some do not.
			const matching = expected(text, 'due').length;
			expect(matching > 0 && matching < total, `${text}: ${matching} of ${total}`).toBe(
				!['', 'deck:hist*'].includes(text)
			);
			for (const sort of BROWSE_SORTS) {
				const up = expected(text, sort);
				expect([...(await search(db, text, sort))], `${text} / ${sort}`).toEqual(up);
				expect([...(await search(db, text, sort, true))], `${text} / ${sort} desc`).toEqual(
					up.reverse()
				);
			}
		}
	}, 60_000);

	it('finds leeches by the leech tag, or by lapses at the threshold of the card’s preset', async () => {
		const ids = new Set(await search(db, 'is:leech'));
		expect(ids.has(leechCases.atFour)).toBe(true);
		expect(ids.has(leechCases.atThree)).toBe(false);
		expect(ids.has(leechCases.defaultAtFour)).toBe(false);
		const tagged = new Set(
			(await db.notes.toArray()).filter((n) => n.tags.includes('leech')).map((n) => n.id)
		);
		const slowDeck = (deckId: string) => deckId === 'history-other';
		const expected = (await db.cards.toArray()).filter(
			(card) => tagged.has(card.noteId) || card.lapses >= (slowDeck(card.deckId) ? 4 : 8)
		);
		expect(ids).toEqual(new Set(expected.map((card) => card.id)));
	});

	it('compares prop:d on Anki’s 0–1 scale (FSRS difficulty 1–10 mapped as d × 9 + 1)', async () => {
		const studied = (await db.cards.toArray()).filter((card) => card.stability > 0);
		const above = studied.filter((card) => card.difficulty > 0.5 * 9 + 1).map((card) => card.id);
		expect(above.length).toBeGreaterThan(0);
		expect(new Set(await search(db, 'prop:d>0.5'))).toEqual(new Set(above));
		expect(await search(db, 'prop:d>1')).toEqual([]);
		expect((await search(db, 'prop:d>=0')).length).toBe(studied.length);
	});

	it('finds subdecks: deck:History has the bundled deck, the parent and the sibling', async () => {
		const ids = await search(db, 'deck:History');
		const decks = new Set((await db.cards.bulkGet([...ids])).map((c) => c!.deckId));
		expect(decks).toEqual(new Set([bundledId, 'history', 'history-other']));
		expect(ids.length).toBe(
			await cardsInDecks(db, [bundledId, 'history', 'history-other']).count()
		);
	});

	it('counts every card, and negation gives the rest', async () => {
		const all = await search(db, '');
		expect(all).toHaveLength(await db.cards.count());
		const flagged = await search(db, '-flag:0');
		expect(flagged).toHaveLength(3);
		expect((await search(db, 'flag:0')).length + flagged.length).toBe(all.length);
	});

	it('shows a first page and the count before the full list when nothing filters', async () => {
		const seen: BrowseProgress[] = [];
		const ids = await searchCardIds(
			db,
			{ node: parse(''), sort: 'due', descending: false, dayEnd: DAY_END, now: NOW },
			(p) => seen.push(p)
		);
		expect(seen[0]!.done).toBe(false);
		expect(seen[0]!.total).toBe(ids.length);
		expect(seen[0]!.ids).toEqual(ids.slice(0, seen[0]!.ids.length));
		expect(seen.at(-1)).toEqual({ ids, total: ids.length, done: true, scanned: 1 });
	});

	it('publishes text matches progressively, sorted, and stops when cancelled', async () => {
		for (const sort of ['created', 'interval', 'question'] as const) {
			const seen: BrowseProgress[] = [];
			const full = await searchCardIds(
				db,
				{
					node: parse('e'),
					sort,
					descending: true,
					dayEnd: DAY_END,
					now: NOW,
					scanChunk: 5,
					progressMs: 0
				},
				(p) => seen.push(p)
			);
			expect(seen.filter((p) => p.ids.length > 0).length).toBeGreaterThan(2);
			// The first message replaces the previous search's list; every later one carries only
			// the new matches and their places, so each id crosses once and the replay is the list.
			expect(seen[0]!.at).toBeUndefined();
			expect(seen.slice(1).every((p) => p.at?.length === p.ids.length)).toBe(true);
			expect(seen.reduce((n, p) => n + p.ids.length, 0)).toBe(full.length);
			let list: readonly string[] = ['from the previous search'];
			for (const p of seen) {
				list = p.at ? insertAt(list, p.ids, p.at) : p.ids;
				expect(p.done ? p.total : undefined).toBe(p.done ? list.length : undefined);
			}
			expect(list).toEqual(full);
			expect(full).toEqual(await search(db, 'e', sort, true));
		}

		const controller = new AbortController();
		const partial: BrowseProgress[] = [];
		const cancelled = searchCardIds(
			db,
			{
				node: parse('e'),
				sort: 'created',
				descending: false,
				dayEnd: DAY_END,
				now: NOW,
				scanChunk: 10
			},
			(p) => {
				partial.push(p);
				controller.abort();
			},
			controller.signal
		);
		await expect(cancelled).rejects.toThrow('replaced by a newer one');
		expect(partial.every((p) => !p.done)).toBe(true);
	});

	it('matches what the card shows, not its markup, and sees an edit at once', async () => {
		const { note } = await addNote(
			db,
			{
				deckId: 'history',
				noteTypeId: 'basic',
				fields: {
					Front: '<div class="zq"><span style="color:red">Smolny&nbsp;Institute</span></div>',
					Back: 'caf&eacute;&hellip;<img src="zq-plan.jpg" alt="a>b"><style>.zq{}</style>'
				},
				tags: []
			},
			NOW
		);
		const cardIds = (await db.cards.where('noteId').equals(note.id).primaryKeys()).sort();
		const found = async (text: string) => (await search(db, text, 'question')).toSorted();
		for (const hidden of [
			'div',
			'span',
			'nbsp',
			'color',
			'zq',
			'hellip',
			'jpg',
			'eacute',
			'style'
		]) {
			expect(await found(hidden), hidden).not.toEqual(expect.arrayContaining(cardIds));
		}
		for (const shown of ['Smolny Institute', 'café…', 'front:*institute*', 'back:café*']) {
			expect(await found(shown), shown).toEqual(expect.arrayContaining(cardIds));
		}
		const [row] = await loadRows(db, cardIds);
		expect([row!.question, row!.answer]).toEqual(['Smolny Institute', 'café…']);

		// The visible text is kept for markup seen before: an edit must still be searched as written.
		const { updateNote } = await import('$lib/storage/notes');
		await updateNote(
			db,
			note.id,
			{ fields: { ...note.fields, Front: '<div>Tauride Palace</div>' }, tags: [] },
			NOW
		);
		expect(await found('Smolny')).not.toEqual(expect.arrayContaining(cardIds));
		expect(await found('tauride palace')).toEqual(cardIds);
	});
});

describe('searchCardIds through indexes', () => {
	it('answers added:N from the notes’ createdAt index, reading no note', async () => {
		const counted = freshDb();
		const reads = countReads(counted);
		await seedDeck(counted, bundledDeck(), NOW);
		await counted.notes.toCollection().modify((note) => {
			note.createdAt = NOW.getTime() - 30 * DAY;
		});
		const recent = await addNote(
			counted,
			{ deckId: bundledId, noteTypeId: 'basic', fields: { Front: 'new', Back: 'x' }, tags: [] },
			NOW
		);
		reads.reset();
		const ids = await searchCardIds(counted, {
			node: parse('added:2'),
			sort: 'due',
			descending: false,
			dayEnd: DAY_END,
			now: NOW
		});
		expect([...ids]).toEqual(
			await counted.cards.where('noteId').equals(recent.note.id).primaryKeys()
		);
		expect(reads.records.notes ?? 0).toBe(0);
		// The counter counts the steps of anyOf's key cursor: one per card found, no scan.
		expect(reads.records.cards ?? 0).toBeLessThanOrEqual(ids.length);
		counted.close();
	});
});

describe('loadRows', () => {
	it('reads the rows for the given ids, in that order, with deck names and plain text', async () => {
		const ids = (await search(db, 'deck:History::Other', 'created')).slice(0, 3);
		const rows = await loadRows(db, [...ids].reverse());
		expect(rows.map((r) => r.cardId)).toEqual([...ids].reverse());
		expect(rows.every((r) => r.deckName === 'History::Other')).toBe(true);
		expect(rows.at(-1)!.question).toMatch(/^Extra question \d+$/);
		expect(await loadRows(db, ['no-such-card'])).toEqual([]);
	});

	it('lists every tag', async () => {
		expect(await listTags(db)).toEqual(expect.arrayContaining(['extra', 'people::lenin']));
	});
});

describe('snapshots', () => {
	it('restores deleted notes and cards, and removes reviews written since', async () => {
		const card = (await db.cards.filter((card) => card.queue === 'learning').toArray())[0]!;
		const before = await db.cards.get(card.id);
		const reviews = await db.reviews.count();
		const snapshot = await snapshotCards(db, [card.id]);
		const own = (
			await db.reviews
				.where('cardId')
				.anyOf(snapshot.cards.map((c) => c.id))
				.primaryKeys()
		).sort();
		expect(own.length).toBeGreaterThan(0);
		expect([...snapshot.reviewIds].sort()).toEqual(own);

		await db.cards.where('noteId').equals(card.noteId).delete();
		await db.notes.delete(card.noteId);
		await db.reviews.add({ ...(await db.reviews.get(own[0]!))!, id: 'later' });

		await restoreSnapshot(db, snapshot, new Date(NOW.getTime() + 1000));
		const restored = await db.cards.get(card.id);
		expect({ ...restored, mtime: 0 }).toEqual({ ...before, mtime: 0 });
		expect(restored!.mtime).toBeGreaterThan(before!.mtime);
		expect(await db.notes.get(card.noteId)).toBeDefined();
		expect(await db.reviews.get('later')).toBeUndefined();
		expect(await db.reviews.count()).toBe(reviews);
	});

	it('undoes a bulk flag exactly', async () => {
		const ids = (await search(db, 'is:new')).slice(0, 4);
		const before = await db.cards.bulkGet([...ids]);
		const snapshot = await snapshotCards(db, ids);
		expect(await flagCards(db, ids, 4, NOW)).toBe(4);
		expect(await search(db, 'flag:4')).toHaveLength(4);
		await restoreSnapshot(db, snapshot, new Date(NOW.getTime() + 1000));
		expect(await search(db, 'flag:4')).toEqual([]);
		const after = await db.cards.bulkGet([...ids]);
		expect(after.map((c) => ({ ...c, mtime: 0 }))).toEqual(before.map((c) => ({ ...c, mtime: 0 })));
	});
});
