/**
 * Deleting a deck a custom study session draws from: the session loses the deleted cards (they
 * are gone from the collection) and keeps those of surviving decks; a session whose home deck
 * was deleted still opens (finished, not missing), says why Rebuild finds nothing, and can be
 * deleted; undoing the deck deletion gives the session its cards back. The deleted cards'
 * previews go with them and come back with the undo.
 */
import { describe, expect, it } from 'vitest';
import { CustomStudySession } from '$lib/state/custom-study-session.svelte';
import {
	customStudy,
	CustomStudyError,
	deleteFiltered,
	rebuildFiltered
} from '$lib/storage/custom-study';
import { deleteDeck, undoDeckDeletion } from '$lib/storage/deck-delete';
import { cardsInDeck } from '$lib/storage/deck-rows';
import { ensureDeckAtPath } from '$lib/storage/decks';
import {
	listFilteredSessions,
	readFilteredSession,
	recordPreview
} from '$lib/storage/filtered-session';
import { addNote } from '$lib/storage/notes';
import { NOW, seededDb } from '../helpers';

const LATER = new Date(NOW.getTime() + 60_000);
const cram = { kind: 'cram', cram: 'new', limit: 9999, include: [], exclude: [] } as const;

/** The bundled deck under `History`, a sibling `History::Other` with one note, and a session. */
async function sessionOnHistory() {
	const { db, deckId } = await seededDb();
	const historyId = await ensureDeckAtPath(db, 'History', NOW);
	const otherId = await ensureDeckAtPath(db, 'History::Other', NOW);
	const other = await addNote(
		db,
		{ deckId: otherId, noteTypeId: 'basic', fields: { Front: 'Other Q', Back: 'A' } },
		NOW
	);
	const done = await customStudy(db, historyId, cram, NOW, 4);
	const id = (done as { id: string }).id;
	const bundled = await cardsInDeck(db, deckId).primaryKeys();
	return { db, deckId, historyId, otherCard: other.addedCardIds[0]!, id, bundled };
}

const left = async (db: Awaited<ReturnType<typeof seededDb>>['db']) =>
	(await listFilteredSessions(db, LATER)).map((session) => session.progress.left);

describe('deleting a deck a custom study session draws from', () => {
	it('removes the deleted cards’ previews with them, and undo puts them back', async () => {
		const { db, deckId, otherCard, id, bundled } = await sessionOnHistory();
		const preview = (n: number, cardId: string, deck: string) => ({
			id: `preview-${n}`,
			cardId,
			deckId: deck,
			filteredId: id,
			rating: 3,
			answeredAt: new Date(NOW.getTime() + n),
			duration: 1000
		});
		const gone = [preview(1, bundled[0]!, deckId), preview(2, bundled[1]!, deckId)];
		const kept = preview(3, otherCard, 'other');
		await recordPreview(db, gone[0]!);
		await recordPreview(db, gone[1]!);
		await recordPreview(db, kept);

		await deleteDeck(db, deckId, LATER);
		expect(await db.previews.toArray()).toEqual([kept]);
		const [deletion] = await db.deckUndo.toArray();
		expect(deletion!.previews).toEqual(gone);
		expect(await db.tombstones.where('table').equals('previews').count()).toBe(0);

		await undoDeckDeletion(db, deletion!.id, LATER);
		expect(await db.previews.orderBy('id').toArray()).toEqual([...gone, kept]);
	});

	it('keeps the surviving decks’ cards in the session, and undo brings the rest back', async () => {
		const { db, deckId, otherCard, id, bundled } = await sessionOnHistory();
		expect(await left(db)).toEqual([bundled.length + 1]);

		await deleteDeck(db, deckId, LATER);
		expect(await left(db)).toEqual([1]);
		const study = new CustomStudySession(db, id, () => LATER, 4);
		await study.load();
		expect(study.error).toBeUndefined();
		expect(study.view?.card.id).toBe(otherCard);

		const [deletion] = await db.deckUndo.toArray();
		await undoDeckDeletion(db, deletion!.id, LATER);
		expect(await left(db)).toEqual([bundled.length + 1]);
	});

	it('a session whose home deck is gone opens, explains Rebuild, and can be deleted', async () => {
		const { db, historyId, id } = await sessionOnHistory();
		await deleteDeck(db, historyId, LATER);
		expect(await db.decks.count()).toBe(0);

		expect(await left(db)).toEqual([0]);
		const session = (await readFilteredSession(db, id, LATER))!;
		expect(session.queue).toEqual({ ready: [], waiting: [] });
		const study = new CustomStudySession(db, id, () => LATER, 4);
		await study.load();
		expect(study).toMatchObject({ finished: true, missing: false, error: undefined });
		expect(study.view).toBeUndefined();

		const rebuild = rebuildFiltered(db, id, LATER, 4);
		await expect(rebuild).rejects.toThrow(CustomStudyError);
		await expect(rebuild).rejects.toThrow(/was deleted: there is nothing to rebuild/);
		await deleteFiltered(db, id, LATER);
		expect(await db.filteredDecks.count()).toBe(0);
		expect(await db.tombstones.get(['filteredDecks', id])).toBeDefined();
	});
});
