/**
 * Deleting a custom study session can be undone, as a deck deletion is: the `deckUndo` row keeps
 * the session and its previews, Today's notice offers it, and the undo puts both back (the
 * session with an mtime after its tombstone, which goes) in one transaction.
 */
import { describe, expect, it } from 'vitest';
import { customStudy, deleteFiltered } from '$lib/storage/custom-study';
import { lastDeckDeletion, undoDeckDeletion } from '$lib/storage/deck-delete';
import { recordPreview } from '$lib/storage/filtered-session';
import { NOW, seededDb } from '../helpers';

const LATER = new Date(NOW.getTime() + 60_000);
const UNDONE = new Date(NOW.getTime() + 120_000);

describe('undoing a custom study session deletion', () => {
	it('puts the session and its previews back, and its tombstone goes', async () => {
		const { db, deckId } = await seededDb();
		const done = await customStudy(db, deckId, { kind: 'preview', days: 1 }, NOW, 4);
		const id = (done as { id: string }).id;
		const session = (await db.filteredDecks.get(id))!;
		await recordPreview(db, {
			id: 'preview-1',
			cardId: session.cardIds[0]!,
			deckId,
			filteredId: id,
			rating: 3,
			answeredAt: NOW,
			duration: 5000
		});
		const previews = await db.previews.toArray();
		const cards = await db.cards.toArray();

		const deletion = await deleteFiltered(db, id, LATER);
		expect(deletion.message).toBe('Deleted the custom study session “Custom study session”.');
		expect(await lastDeckDeletion(db)).toEqual(deletion);
		expect(await db.filteredDecks.count()).toBe(0);
		expect(await db.previews.count()).toBe(0);
		expect(await db.tombstones.get(['filteredDecks', id])).toBeDefined();

		await undoDeckDeletion(db, deletion.undoId, UNDONE);
		const back = (await db.filteredDecks.get(id))!;
		expect({ ...back, mtime: 0 }).toEqual({ ...session, mtime: 0 });
		expect(back.mtime).toBeGreaterThan(LATER.getTime());
		expect(await db.previews.toArray()).toEqual(previews);
		expect(await db.tombstones.get(['filteredDecks', id])).toBeUndefined();
		expect(await lastDeckDeletion(db)).toBeUndefined();
		expect(await db.cards.toArray()).toEqual(cards);
	});

	it('a missing session is not deleted, and a deletion is undone once only', async () => {
		const { db, deckId } = await seededDb();
		const done = await customStudy(db, deckId, { kind: 'preview', days: 1 }, NOW, 4);
		const id = (done as { id: string }).id;
		await expect(deleteFiltered(db, 'no-such-session', LATER)).rejects.toThrow(
			'That custom study session no longer exists.'
		);
		const first = await deleteFiltered(db, id, LATER);
		expect(await db.deckUndo.count()).toBe(1);
		await undoDeckDeletion(db, first.undoId, UNDONE);
		expect(await db.filteredDecks.count()).toBe(1);
		await expect(undoDeckDeletion(db, first.undoId, UNDONE)).rejects.toThrow(
			'That deletion can no longer be undone.'
		);
	});
});
