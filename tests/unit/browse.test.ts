// The browser's index and search over a real (fake-indexeddb) collection, and undo of a bulk change by
// snapshot: the cards, notes and review history come back exactly.
import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_QUERY, queryTerms, searchRows, type BrowseQuery } from '$lib/domain/browse-search';
import { studyDay } from '$lib/domain/study-day';
import type { EngramDB } from '$lib/storage/db';
import { listTags, loadBrowseIndex } from '$lib/storage/browse';
import { restoreSnapshot, snapshotCards } from '$lib/storage/snapshots';
import { seedDeck } from '$lib/storage/seed';
import { answerCard } from '$lib/storage/answers';
import { bundledDeck, freshDb, NOW } from './helpers';

let db: EngramDB;

async function searchCards(database: EngramDB, query: BrowseQuery, now: Date) {
	return searchRows(await loadBrowseIndex(database), query, studyDay(now).end);
}

beforeEach(async () => {
	db = freshDb();
	await seedDeck(db, bundledDeck(), NOW);
});

describe('queryTerms', () => {
	it('splits words and keeps quoted phrases', () => {
		expect(queryTerms(' Stalin  "Central Committee" ')).toEqual(['stalin', 'central committee']);
		expect(queryTerms('')).toEqual([]);
	});
});

describe('searchCards', () => {
	it('finds every card with an empty query, sorted by creation', async () => {
		const all = await searchCards(db, EMPTY_QUERY, NOW);
		expect(all).toHaveLength(await db.cards.count());
		expect(all.every((row) => row.deckName === bundledDeck().name)).toBe(true);
	});

	it('matches every word against fields and tags, ignoring case', async () => {
		const notes = await db.notes.toArray();
		const word = Object.values(notes[0]!.fields)[0]!
			.split(/\s+/)
			.find((w) => w.length > 5)!;
		const rows = await searchCards(db, { ...EMPTY_QUERY, text: word.toUpperCase() }, NOW);
		expect(rows.length).toBeGreaterThan(0);
		const expected = notes.filter((n) =>
			[...Object.values(n.fields), ...n.tags].join(' ').toLowerCase().includes(word.toLowerCase())
		);
		expect(new Set(rows.map((r) => r.noteId))).toEqual(new Set(expected.map((n) => n.id)));
		expect(await searchCards(db, { ...EMPTY_QUERY, text: `${word} zzzznothing` }, NOW)).toEqual([]);
	});

	it('filters by tag, deck and state', async () => {
		const tags = await listTags(db);
		expect(tags.length).toBeGreaterThan(0);
		const tagged = await searchCards(db, { ...EMPTY_QUERY, tag: tags[0]! }, NOW);
		const notes = await db.notes.where('tags').equals(tags[0]!).primaryKeys();
		expect(new Set(tagged.map((r) => r.noteId))).toEqual(new Set(notes));
		expect(await searchCards(db, { ...EMPTY_QUERY, deckId: 'no-such-deck' }, NOW)).toEqual([]);

		const card = (await db.cards.toArray())[0]!;
		await answerCard(db, {
			cardId: card.id,
			grade: 3,
			now: NOW,
			duration: 1000,
			shownMtime: card.mtime
		});
		const learning = await searchCards(db, { ...EMPTY_QUERY, state: 'learning' }, NOW);
		expect(learning.map((r) => r.cardId)).toEqual([card.id]);
		expect(await searchCards(db, { ...EMPTY_QUERY, state: 'due' }, NOW)).toHaveLength(1);
		const fresh = await searchCards(db, { ...EMPTY_QUERY, state: 'new' }, NOW);
		// Answering may bury the card's sibling: compare with the queue as stored.
		expect(fresh).toHaveLength(await db.cards.where('queue').equals('new').count());
		expect(fresh.length).toBeLessThan(await db.cards.count());
	});

	it('sorts by the chosen column in either direction', async () => {
		const up = await searchCards(db, { ...EMPTY_QUERY, sort: 'question' }, NOW);
		const down = await searchCards(db, { ...EMPTY_QUERY, sort: 'question', descending: true }, NOW);
		expect(up.map((r) => r.question)).toEqual(
			[...up.map((r) => r.question)].sort((a, b) => a.localeCompare(b))
		);
		expect(down.map((r) => r.cardId)).toEqual(up.map((r) => r.cardId).reverse());
	});
});

describe('snapshots', () => {
	it('restores deleted notes and cards, and removes reviews written since', async () => {
		const card = (await db.cards.toArray())[0]!;
		await answerCard(db, {
			cardId: card.id,
			grade: 3,
			now: NOW,
			duration: 1000,
			shownMtime: card.mtime
		});
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
});
