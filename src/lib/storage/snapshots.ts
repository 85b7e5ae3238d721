/**
 * Snapshots of cards and their notes taken before a change (bulk edit, suspend, delete), so the
 * change can be undone exactly, even one the storage API itself has no inverse for.
 */
import type { CardRecord, NoteRecord, ReviewRecord } from '$lib/domain/model';
import { readCardPage } from './card-pages';
import type { EngramDB } from './db';
import { deleteWithTombstones, forgetTombstones } from './tombstones';

/** Everything a bulk change can touch, captured before it, so the change can be undone. */
export interface CardSnapshot {
	cards: CardRecord[];
	notes: NoteRecord[];
	reviewIds: string[];
}

export async function snapshotCards(
	db: EngramDB,
	cardIds: readonly string[]
): Promise<CardSnapshot> {
	return db.transaction('r', [db.cards, db.notes, db.reviews], async () => {
		// A bulk edit's page is one key range: one read, not one request per card (card-pages.ts).
		const cards = await readCardPage(db, cardIds);
		const noteIds = [...new Set(cards.map((card) => card.noteId))];
		const notes = (await db.notes.bulkGet(noteIds)).filter((n) => n !== undefined);
		const siblings = await db.cards.where('noteId').anyOf(noteIds).toArray();
		const all = uniqueById([...cards, ...siblings]);
		const reviewIds = await db.reviews
			.where('cardId')
			.anyOf(all.map((c) => c.id))
			.primaryKeys();
		return { cards: all, notes, reviewIds };
	});
}

/**
 * Puts the snapshot back: its notes and cards as they were, and removes reviews written for
 * those cards since (a reset writes one). Reviews from before are never touched.
 */
export async function restoreSnapshot(
	db: EngramDB,
	snapshot: CardSnapshot,
	now: Date
): Promise<void> {
	// Content as it was, but a newer mtime: to a later sync, an undo is a change like any other.
	const bump = <T extends { mtime: number }>(item: T): T => ({
		...item,
		mtime: Math.max(now.getTime(), item.mtime + 1)
	});
	await db.transaction('rw', [db.cards, db.notes, db.reviews, db.tombstones], async () => {
		const before = new Set(snapshot.reviewIds);
		const cardIds = snapshot.cards.map((card) => card.id);
		const since = await db.reviews
			.where('cardId')
			.anyOf(cardIds)
			.filter((review: ReviewRecord) => !before.has(review.id))
			.primaryKeys();
		await deleteWithTombstones(db, 'reviews', since, now);
		await db.notes.bulkPut(snapshot.notes.map(bump));
		await db.cards.bulkPut(snapshot.cards.map(bump));
		// An undone delete: the notes and cards are alive again.
		await forgetTombstones(
			db,
			'notes',
			snapshot.notes.map((note) => note.id)
		);
		await forgetTombstones(db, 'cards', cardIds);
	});
}

function uniqueById<T extends { id: string }>(items: T[]): T[] {
	return [...new Map(items.map((item) => [item.id, item])).values()];
}
