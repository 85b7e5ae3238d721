/**
 * Deleting a deck on real IndexedDB (fake-indexeddb): the deck, its subdecks, their cards and
 * card-less notes go in one transaction with tombstones, reviews stay, and undo gives back the
 * identical collection (only mtimes move forward, past the deletion), even after a reload.
 */
import { describe, expect, it } from 'vitest';
import type { CardRecord, DeckRecord, NoteRecord } from '$lib/domain/model';
import { createBackup, restoreBackup } from '$lib/storage/backup';
import { EngramDB } from '$lib/storage/db';
import {
	deckDeletionSize,
	deleteDeck,
	forgetDeckDeletion,
	lastDeckDeletion,
	undoDeckDeletion
} from '$lib/storage/deck-delete';
import { ensureDeckAtPath, listDecks } from '$lib/storage/decks';
import { addNote } from '$lib/storage/notes';
import { dump, richCollection } from './backup/rich-collection';
import { injectQuotaErrors } from './fault-injector';
import { NOW } from './helpers';
import { deleteDeckQuestion } from '$lib/components/deck/deck-delete-text';
import { cardsInDeck, cardsInDecks } from '$lib/storage/deck-rows';

const LATER = new Date(NOW.getTime() + 3_600_000);
const UNDONE = new Date(NOW.getTime() + 2 * 3_600_000);

/**
 * The rich collection (the bundled `History::October 1917`, studied, with media, presets and
 * settings) plus a real `History` parent with a note of its own and a deck `Other` outside.
 */
async function collection() {
	const rich = await richCollection();
	const { db } = rich;
	const historyId = await ensureDeckAtPath(db, 'History', NOW);
	const otherId = await ensureDeckAtPath(db, 'Other', NOW);
	const own = await addNote(
		db,
		{ deckId: historyId, noteTypeId: 'basic', fields: { Front: 'Parent Q', Back: 'A' } },
		NOW
	);
	const kept = await addNote(
		db,
		{ deckId: otherId, noteTypeId: 'basic', fields: { Front: 'Other Q', Back: 'A' } },
		NOW
	);
	return { ...rich, historyId, otherId, ownNoteId: own.note.id, keptNoteId: kept.note.id };
}

type Dump = Awaited<ReturnType<typeof dump>>;
type Timed = { id: string; mtime: number };

/** The dump with every mtime taken out, to compare content. */
function withoutMtimes(tables: Dump): Dump {
	const strip = (rows: unknown[]) =>
		rows.map((row) => {
			const { mtime: _, ...rest } = row as Timed;
			return rest;
		});
	return {
		...tables,
		decks: strip(tables.decks),
		notes: strip(tables.notes),
		cards: strip(tables.cards)
	};
}

describe('deleting a deck', () => {
	it('removes the deck, its subdecks, cards and notes with tombstones, and keeps reviews', async () => {
		const { db, deckId, historyId, otherId, keptNoteId } = await collection();
		const before = await dump(db);
		const doomedCards = (before.cards as CardRecord[]).filter((c) => c.deckId !== otherId);
		const doomedNotes = (before.notes as NoteRecord[]).filter((n) => n.deckId !== otherId);
		expect(doomedCards.length).toBeGreaterThan(50);

		expect(await deckDeletionSize(db, historyId)).toEqual({
			name: 'History',
			subdecks: 1,
			notes: doomedNotes.length,
			cards: doomedCards.length,
			moved: 0
		});
		const deletion = await deleteDeck(db, historyId, LATER);
		expect(deletion.message).toBe(
			`Deleted “History” and its 1 subdeck: ${doomedNotes.length} notes, ${doomedCards.length} cards.`
		);

		expect((await listDecks(db)).map((d) => d.id)).toEqual([otherId]);
		expect(await cardsInDecks(db, [historyId, deckId]).count()).toBe(0);
		expect(await db.cards.count()).toBe(1);
		expect((await db.notes.toArray()).map((n) => n.id)).toEqual([keptNoteId]);
		// Reviews are history: all kept, none tombstoned.
		expect(await db.reviews.count()).toBe(before.reviews.length);
		const tombstones = await db.tombstones.toArray();
		const count = (table: string) => tombstones.filter((t) => t.table === table).length;
		expect([count('decks'), count('notes'), count('cards'), count('reviews')]).toEqual([
			2,
			doomedNotes.length,
			doomedCards.length,
			0
		]);
		expect(tombstones.every((t) => t.deletedAt === LATER.getTime())).toBe(true);
		expect(await lastDeckDeletion(db)).toEqual(deletion);
	});

	it('undo gives back the identical collection, with mtimes after the deletion', async () => {
		const { db, historyId } = await collection();
		const before = await dump(db);
		const deletion = await deleteDeck(db, historyId, LATER);
		await undoDeckDeletion(db, deletion.undoId, UNDONE);

		const after = await dump(db);
		expect(withoutMtimes(after)).toEqual(withoutMtimes(before));
		expect(await db.deckUndo.count()).toBe(0);
		expect(after.tombstones).toEqual(before.tombstones);
		// Every restored record is newer than the deletion; the untouched ones kept their mtime.
		for (const table of ['decks', 'notes', 'cards'] as const) {
			const old = new Map((before[table] as Timed[]).map((r) => [r.id, r.mtime]));
			for (const record of after[table] as Timed[]) {
				const restored = record.mtime !== old.get(record.id);
				expect(restored ? record.mtime >= UNDONE.getTime() : true).toBe(true);
			}
		}
		expect(await lastDeckDeletion(db)).toBeUndefined();
		await expect(undoDeckDeletion(db, deletion.undoId, UNDONE)).rejects.toThrow(
			'That deletion can no longer be undone.'
		);
	});

	it('moves a note with cards in a surviving deck to that deck, and undo moves it home', async () => {
		const { db, historyId, otherId, ownNoteId } = await collection();
		// A reversed note homed in History with one of its two cards moved to Other.
		const { note, addedCardIds } = await addNote(
			db,
			{ deckId: historyId, noteTypeId: 'basic-reversed', fields: { Front: 'F', Back: 'B' } },
			NOW
		);
		await db.cards.update(addedCardIds[1]!, { deckId: otherId });
		const before = await dump(db);

		await deleteDeck(db, historyId, LATER);
		expect(await db.notes.get(ownNoteId)).toBeUndefined();
		const moved = await db.notes.get(note.id);
		expect(moved?.deckId).toBe(otherId);
		expect(moved!.mtime).toBeGreaterThan(note.mtime);
		expect(await db.cards.get(addedCardIds[0]!)).toBeUndefined();
		expect((await db.cards.get(addedCardIds[1]!))?.deckId).toBe(otherId);
		expect(await db.tombstones.get(['notes', note.id])).toBeUndefined();

		const { undoId } = (await lastDeckDeletion(db))!;
		await undoDeckDeletion(db, undoId, UNDONE);
		expect(withoutMtimes(await dump(db))).toEqual(withoutMtimes(before));
	});

	it('deletes a card of another deck’s note in the deck, and keeps that note', async () => {
		const { db, historyId, otherId } = await collection();
		const { note, addedCardIds } = await addNote(
			db,
			{ deckId: otherId, noteTypeId: 'basic-reversed', fields: { Front: 'F', Back: 'B' } },
			NOW
		);
		await db.cards.update(addedCardIds[0]!, { deckId: historyId });
		await deleteDeck(db, historyId, LATER);
		expect(await db.notes.get(note.id)).toEqual(note);
		expect(await db.cards.get(addedCardIds[0]!)).toBeUndefined();
		expect(await db.cards.get(addedCardIds[1]!)).toBeDefined();
	});

	it('asks with the counts the deletion then reports, when notes have cards in several decks', async () => {
		const { db, deckId, historyId, otherId } = await collection();
		const reversed = (home: string) =>
			addNote(
				db,
				{ deckId: home, noteTypeId: 'basic-reversed', fields: { Front: 'F', Back: 'B' } },
				NOW
			);
		// Homed in History, one card in Other: it stays. Homed in Other, both cards here: they go.
		const staying = await reversed(historyId);
		await db.cards.update(staying.addedCardIds[1]!, { deckId: otherId });
		const going = [await reversed(otherId), await reversed(otherId)];
		for (const id of going.flatMap((g) => g.addedCardIds)) {
			await db.cards.update(id, { deckId: historyId });
		}
		const homedHere = await db.notes.where('deckId').anyOf([historyId, deckId]).count();

		const size = (await deckDeletionSize(db, historyId))!;
		expect(size.moved).toBe(1);
		const { message } = await deleteDeck(db, historyId, LATER);
		expect(message).toBe(
			`Deleted “History” and its 1 subdeck: ${size.notes} notes, ${size.cards} cards.`
		);
		expect(await db.notes.bulkGet(going.map((g) => g.note.id))).toEqual([undefined, undefined]);
		expect((await db.notes.get(staying.note.id))?.deckId).toBe(otherId);
		expect(deleteDeckQuestion(size)).toContain(
			`hold ${size.notes} notes and ${size.cards} cards, which are deleted with it; their review history is kept. 1 other note with cards in other decks stays there.`
		);
		// The notes homed in the decks (what the question counted before) are one fewer.
		expect(size.notes).toBe(homedHere + 1);
	});

	it('can be undone after a reload, and only the last deletion is kept', async () => {
		const { db, historyId, otherId } = await collection();
		const before = await dump(db);
		const first = await deleteDeck(db, otherId, LATER);
		await undoDeckDeletion(db, first.undoId, LATER);
		await deleteDeck(db, otherId, LATER);
		const last = await deleteDeck(db, historyId, LATER);
		expect(await db.deckUndo.count()).toBe(1);
		db.close();

		const reopened = new EngramDB(db.name);
		expect(await lastDeckDeletion(reopened)).toEqual(last);
		await undoDeckDeletion(reopened, last.undoId, UNDONE);
		expect(await listDecks(reopened)).toHaveLength(before.decks.length - 1);
		expect(await reopened.decks.get(otherId)).toBeUndefined();
		reopened.close();
	});

	it('changes nothing when a write fails part-way (disk full)', async () => {
		const rich = await richCollection();
		rich.db.close();
		const db = new EngramDB(rich.db.name);
		const injector = injectQuotaErrors(db);
		const before = await dump(db);
		injector.failing.add('tombstones');
		injector.passes = 2; // Cards' and notes' tombstones are written; the decks' fail.
		await expect(deleteDeck(db, rich.deckId, LATER)).rejects.toThrow();
		expect(injector.failures).toBe(1);
		expect(await dump(db)).toEqual(before);
	});

	it('puts back only what is missing: a record made again since is left as it is', async () => {
		const { db, deckId } = await collection();
		const { undoId } = await deleteDeck(db, deckId, LATER);
		const again: DeckRecord = {
			id: deckId,
			name: 'History::October 1917',
			description: 'imported again',
			presetId: 'default',
			createdAt: LATER.getTime(),
			mtime: LATER.getTime() + 1
		};
		await db.decks.add(again);
		await undoDeckDeletion(db, undoId, UNDONE);
		expect(await db.decks.get(deckId)).toEqual(again);
		expect(await cardsInDeck(db, deckId).count()).toBeGreaterThan(50);
	});

	it('stays deleted through a merge of an older backup', async () => {
		const { db, historyId } = await collection();
		const older = await createBackup(db, NOW);
		await deleteDeck(db, historyId, LATER);
		const deleted = await dump(db);
		await restoreBackup(db, older, 'merge');
		const merged = await dump(db);
		expect(merged.decks).toEqual(deleted.decks);
		expect(merged.notes).toEqual(deleted.notes);
		expect(merged.cards).toEqual(deleted.cards);
		// A merge, like a replace, ends the undo (as it ends a bulk edit's).
		expect(await db.deckUndo.count()).toBe(0);
	});

	it('an undone deletion survives a merge of a backup made while it was deleted', async () => {
		const { db, historyId } = await collection();
		const { undoId } = await deleteDeck(db, historyId, LATER);
		const deletedCopy = await createBackup(db, LATER);
		await undoDeckDeletion(db, undoId, UNDONE);
		const restored = await dump(db);
		// That backup holds the deletion's tombstones (the merge keeps them, as a sync would),
		// but the undo's mtimes are newer: every record stays.
		await restoreBackup(db, deletedCopy, 'merge');
		const merged = await dump(db);
		for (const table of ['decks', 'notes', 'cards', 'reviews'] as const) {
			expect(merged[table]).toEqual(restored[table]);
		}
	});

	it('a replace restore ends the undo', async () => {
		const { db, historyId } = await collection();
		const copy = await createBackup(db, NOW);
		await deleteDeck(db, historyId, LATER);
		await restoreBackup(db, copy, 'replace');
		expect(await lastDeckDeletion(db)).toBeUndefined();
	});

	it('forgetting the deletion drops its undo', async () => {
		const { db, otherId } = await collection();
		const { undoId } = await deleteDeck(db, otherId, LATER);
		await forgetDeckDeletion(db, undoId);
		expect(await lastDeckDeletion(db)).toBeUndefined();
		expect(await db.decks.get(otherId)).toBeUndefined();
	});
});
