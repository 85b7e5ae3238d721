// The browser's paged search against a real (fake-indexeddb) collection: every query gives the
// same ids, in the same order, as checking each card by hand (deck with subdecks, tags, states,
// flags, negation, text, every sort both ways); the index path reads keys only; rows load by id;
// a cancelled scan stops; and undo of a bulk change by snapshot brings everything back exactly.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	haystackOf,
	matchesAll,
	parseSearch,
	type Clause,
	type CardFacts
} from '$lib/domain/browse-search';
import { BROWSE_SORTS, compareEntries, sortEntry, type BrowseSort } from '$lib/domain/browse-sort';
import { studyDay } from '$lib/domain/study-day';
import type { EngramDB } from '$lib/storage/db';
import { listTags, loadRows, plainFields, toRow } from '$lib/storage/browse';
import { searchCardIds, type BrowseProgress } from '$lib/storage/browse-query';
import { flagCards, suspendCards } from '$lib/storage/card-actions';
import { addNote } from '$lib/storage/notes';
import { restoreSnapshot, snapshotCards } from '$lib/storage/snapshots';
import { seedDeck } from '$lib/storage/seed';
import { answerCard } from '$lib/storage/answers';
import { bundledDeck, freshDb, NOW } from './helpers';

const DAY_END = studyDay(NOW).end;

function parse(text: string): Clause[] {
	const parsed = parseSearch(text);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}
	return parsed.clauses;
}

function search(db: EngramDB, text: string, sort: BrowseSort = 'due', descending = false) {
	return searchCardIds(db, { clauses: parse(text), sort, descending, dayEnd: DAY_END });
}

/** The answer worked out by hand: every card checked and sorted in memory, ascending. */
async function byHand(db: EngramDB) {
	const [cards, notes, decks] = await Promise.all([
		db.cards.toArray(),
		db.notes.toArray(),
		db.decks.toArray()
	]);
	const noteById = new Map(notes.map((n) => [n.id, n]));
	const deckName = new Map(decks.map((d) => [d.id, d.name]));
	const all = cards.map((card) => {
		const note = noteById.get(card.noteId)!;
		const name = deckName.get(card.deckId)!;
		const facts: CardFacts = {
			deckName: name,
			queue: card.queue,
			due: card.due,
			flag: card.flag ?? 0,
			tags: note.tags,
			haystack: haystackOf(plainFields(note), note.tags)
		};
		return { facts, row: toRow(card, note, name) };
	});
	return (text: string, sort: BrowseSort) =>
		all
			.filter(({ facts }) => matchesAll(parse(text), facts, DAY_END))
			.map(({ row }) => sortEntry(sort, row))
			.sort(compareEntries)
			.map((entry) => entry.id);
}

let db: EngramDB;
let bundledId: string;

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
	const learner = cards[30]!;
	await answerCard(db, {
		cardId: learner.id,
		grade: 3,
		now: NOW,
		duration: 1000,
		shownMtime: (await db.cards.get(learner.id))!.mtime
	});
});

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
		'question -tag:people is:new'
	];

	it('gives, for every query and sort, the ids checking each card by hand gives', async () => {
		const expected = await byHand(db);
		for (const text of QUERIES) {
			for (const sort of BROWSE_SORTS) {
				const up = expected(text, sort);
				expect([...(await search(db, text, sort))], `${text} / ${sort}`).toEqual(up);
				expect([...(await search(db, text, sort, true))], `${text} / ${sort} desc`).toEqual(
					up.reverse()
				);
			}
		}
	}, 60_000);

	it('finds subdecks: deck:History has the bundled deck, the parent and the sibling', async () => {
		const ids = await search(db, 'deck:History');
		const decks = new Set((await db.cards.bulkGet([...ids])).map((c) => c!.deckId));
		expect(decks).toEqual(new Set([bundledId, 'history', 'history-other']));
		expect(ids.length).toBe(
			await db.cards.where('deckId').anyOf(bundledId, 'history', 'history-other').count()
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
			{ clauses: [], sort: 'due', descending: false, dayEnd: DAY_END },
			(p) => seen.push(p)
		);
		expect(seen[0]!.done).toBe(false);
		expect(seen[0]!.total).toBe(ids.length);
		expect(seen[0]!.ids).toEqual(ids.slice(0, seen[0]!.ids.length));
		expect(seen.at(-1)).toEqual({ ids, total: ids.length, done: true, scanned: 1 });
	});

	it('publishes text matches progressively, sorted, and stops when cancelled', async () => {
		const seen: BrowseProgress[] = [];
		const full = await searchCardIds(
			db,
			{ clauses: parse('e'), sort: 'created', descending: false, dayEnd: DAY_END, scanChunk: 10 },
			(p) => seen.push(p)
		);
		expect(seen.length).toBeGreaterThan(1);
		expect(seen.at(-1)!.ids).toEqual(full);

		const controller = new AbortController();
		const partial: BrowseProgress[] = [];
		const cancelled = searchCardIds(
			db,
			{ clauses: parse('e'), sort: 'created', descending: false, dayEnd: DAY_END, scanChunk: 10 },
			(p) => {
				partial.push(p);
				controller.abort();
			},
			controller.signal
		);
		await expect(cancelled).rejects.toThrow('replaced by a newer one');
		expect(partial.every((p) => !p.done)).toBe(true);
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
		const card = (await db.cards.where('queue').equals('learning').toArray())[0]!;
		const before = await db.cards.get(card.id);
		const snapshot = await snapshotCards(db, [card.id]);
		expect(snapshot.reviewIds).toHaveLength(1);

		await db.cards.where('noteId').equals(card.noteId).delete();
		await db.notes.delete(card.noteId);
		await db.reviews.add({ ...(await db.reviews.toArray())[0]!, id: 'later' });

		await restoreSnapshot(db, snapshot, new Date(NOW.getTime() + 1000));
		const restored = await db.cards.get(card.id);
		expect({ ...restored, mtime: 0 }).toEqual({ ...before, mtime: 0 });
		expect(restored!.mtime).toBeGreaterThan(before!.mtime);
		expect(await db.notes.get(card.noteId)).toBeDefined();
		expect((await db.reviews.toArray()).map((r) => r.id)).toEqual(snapshot.reviewIds);
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
