/**
 * Every delete path in storage leaves a tombstone ([table+id], deletedAt) in the same transaction
 * as the delete: if the tombstone cannot be written, nothing is deleted. A record that comes back
 * (an undone delete, a cloze number put back, a setting written again) loses its tombstone.
 */
import { describe, expect, it } from 'vitest';
import type { TombstoneRecord, TombstoneTable } from '$lib/domain/model';
import { Rating } from '$lib/domain/scheduler';
import { undoReview } from '$lib/storage/answers';
import { loadBundledDecks, restoreBundledDecks } from '$lib/storage/bundled-decks';
import { seedJson } from '../../scripts/bundled-deck-seed';
import type { EngramDB } from '$lib/storage/db';
import { changeNoteType, undoNoteTypeChange } from '$lib/storage/note-editing';
import { addNote, deleteNotes, updateNote } from '$lib/storage/notes';
import { createPreset, deletePreset } from '$lib/storage/presets';
import { resetCards } from '$lib/storage/card-reset';
import { restoreSnapshot, snapshotCards } from '$lib/storage/snapshots';
import { putSetting } from '$lib/storage/settings';
import { injectQuotaErrors } from './fault-injector';
import { answerShown, emptyDeckDb, NOW } from './helpers';

const LATER = new Date(NOW.getTime() + 60_000);

async function tombstonesOf(db: EngramDB, table: TombstoneTable): Promise<TombstoneRecord[]> {
	return db.tombstones.where('[table+id]').between([table, ''], [table, '\uffff']).toArray();
}

async function clozeNote(beforeOpen?: (db: EngramDB) => void) {
	const { db, deckId } = await emptyDeckDb(NOW, beforeOpen);
	const { note, addedCardIds } = await addNote(
		db,
		{ deckId, noteTypeId: 'cloze', fields: { Text: '{{c1::one}} {{c2::two}}', Extra: '' } },
		NOW
	);
	return { db, deckId, note, cardIds: addedCardIds };
}

describe('tombstones', () => {
	it('deleting notes leaves one for each note and each of its cards; reviews are kept', async () => {
		const { db, note, cardIds } = await clozeNote();
		await answerShown(db, cardIds[0]!, Rating.Good, NOW);
		expect(await deleteNotes(db, [note.id], LATER)).toBe(2);
		expect(await tombstonesOf(db, 'notes')).toEqual([
			{ table: 'notes', id: note.id, deletedAt: LATER.getTime() }
		]);
		expect((await tombstonesOf(db, 'cards')).map((t) => t.id).sort()).toEqual([...cardIds].sort());
		expect(await db.reviews.count()).toBe(1);
		expect(await tombstonesOf(db, 'reviews')).toEqual([]);
	});

	it('undoing an answer deletes its review and leaves a tombstone for it', async () => {
		const { db, cardIds } = await clozeNote();
		const review = await answerShown(db, cardIds[0]!, Rating.Good, NOW);
		await undoReview(db, review.id, LATER);
		expect(await db.reviews.get(review.id)).toBeUndefined();
		expect(await tombstonesOf(db, 'reviews')).toEqual([
			{ table: 'reviews', id: review.id, deletedAt: LATER.getTime() }
		]);
	});

	it('editing away a cloze number tombstones its card; putting it back clears the tombstone', async () => {
		const { db, note, cardIds } = await clozeNote();
		await updateNote(db, note.id, { fields: { Text: '{{c1::one}} two' } }, LATER);
		expect((await tombstonesOf(db, 'cards')).map((t) => t.id)).toEqual([cardIds[1]]);
		const later = new Date(LATER.getTime() + 1000);
		await updateNote(db, note.id, { fields: { Text: '{{c1::one}} {{c2::two}}' } }, later);
		expect(await db.cards.get(cardIds[1]!)).toBeDefined();
		expect(await tombstonesOf(db, 'cards')).toEqual([]);
	});

	it('a note type change tombstones the cards it removes; undone, they come back and the cards it added are tombstoned', async () => {
		const { db, deckId } = await emptyDeckDb();
		const { note } = await addNote(
			db,
			{ deckId, noteTypeId: 'basic-reversed', fields: { Front: 'F', Back: 'B' } },
			NOW
		);
		const before = await db.cards.where('noteId').equals(note.id).sortBy('ord');
		const change = await changeNoteType(
			db,
			note.id,
			'cloze',
			{ Text: 'Front', Extra: 'Back' },
			LATER
		);
		expect(change.removedCardIds).toEqual([before[1]!.id]);
		expect((await tombstonesOf(db, 'cards')).map((t) => t.id)).toEqual([before[1]!.id]);

		const undoAt = new Date(LATER.getTime() + 1000);
		await undoNoteTypeChange(db, change, undoAt);
		expect(await db.cards.get(before[1]!.id)).toBeDefined();
		expect(await tombstonesOf(db, 'cards')).toEqual([]);

		// Basic to Basic (and reversed) adds the reverse card; undoing that change deletes it.
		const { note: basic } = await addNote(
			db,
			{ deckId, noteTypeId: 'basic', fields: { Front: 'F', Back: 'B' } },
			NOW
		);
		const reversed = await changeNoteType(
			db,
			basic.id,
			'basic-reversed',
			{ Front: 'Front', Back: 'Back' },
			LATER
		);
		expect(reversed.addedCardIds).toHaveLength(1);
		await undoNoteTypeChange(db, reversed, undoAt);
		expect(await tombstonesOf(db, 'cards')).toEqual([
			{ table: 'cards', id: reversed.addedCardIds[0], deletedAt: undoAt.getTime() }
		]);
	});

	it('undoing a bulk change through its snapshot tombstones the reviews it wrote', async () => {
		const { db, cardIds } = await clozeNote();
		await answerShown(db, cardIds[0]!, Rating.Good, NOW);
		const snapshot = await snapshotCards(db, [cardIds[0]!]);
		await resetCards(db, [cardIds[0]!], LATER);
		const written = (await db.reviews.toArray()).filter((r) => !snapshot.reviewIds.includes(r.id));
		expect(written.length).toBeGreaterThan(0);
		await restoreSnapshot(db, snapshot, new Date(LATER.getTime() + 1000));
		expect((await tombstonesOf(db, 'reviews')).map((t) => t.id).sort()).toEqual(
			written.map((r) => r.id).sort()
		);
	});

	it('undoing a note delete through its snapshot clears the tombstones', async () => {
		const { db, note, cardIds } = await clozeNote();
		const snapshot = await snapshotCards(db, cardIds);
		await deleteNotes(db, [note.id], LATER);
		await restoreSnapshot(db, snapshot, new Date(LATER.getTime() + 1000));
		expect(await db.notes.get(note.id)).toBeDefined();
		expect(await db.tombstones.count()).toBe(0);
	});

	it('deleting a preset leaves a tombstone for it', async () => {
		const { db } = await emptyDeckDb();
		const preset = await createPreset(db, 'Gone soon', NOW);
		await deletePreset(db, preset.id, LATER);
		expect(await tombstonesOf(db, 'presets')).toEqual([
			{ table: 'presets', id: preset.id, deletedAt: LATER.getTime() }
		]);
	});

	it('settings carry their mtime; a reset key is tombstoned until it is written again', async () => {
		const { db } = await emptyDeckDb();
		await putSetting(db, 'bundled:x', 1, NOW);
		expect(await db.settings.get('bundled:x')).toEqual({
			key: 'bundled:x',
			value: 1,
			mtime: NOW.getTime()
		});
		const { deleteSettings } = await import('$lib/storage/settings');
		await deleteSettings(db, ['bundled:x'], LATER);
		expect(await tombstonesOf(db, 'settings')).toEqual([
			{ table: 'settings', id: 'bundled:x', deletedAt: LATER.getTime() }
		]);
		await putSetting(db, 'bundled:x', 2, LATER);
		expect(await tombstonesOf(db, 'settings')).toEqual([]);
	});

	it('restoring the bundled decks writes their marker again, leaving no tombstone behind', async () => {
		const { db } = await emptyDeckDb();
		// What the build ships for the bundled deck: its records, validated at build time.
		const shipped = await seedJson(
			new URL('../../decks/october-1917.json', import.meta.url).pathname
		);
		const fetchDeck = () => Promise.resolve(new Response(shipped));
		const original = globalThis.fetch;
		globalThis.fetch = fetchDeck as typeof fetch;
		try {
			await loadBundledDecks(db, NOW);
			const markers = await db.settings.where('key').startsWith('bundled:').toArray();
			expect(markers).toHaveLength(1);
			await restoreBundledDecks(db, LATER);
			expect(await db.settings.get(markers[0]!.key)).toMatchObject({ mtime: LATER.getTime() });
			expect(await db.tombstones.count()).toBe(0);
		} finally {
			globalThis.fetch = original;
		}
	});

	it('a tombstone that cannot be written (disk full) deletes nothing', async () => {
		let faults: ReturnType<typeof injectQuotaErrors> | undefined;
		const { db, note, cardIds } = await clozeNote((db) => {
			faults = injectQuotaErrors(db);
		});
		const review = await answerShown(db, cardIds[0]!, Rating.Good, NOW);
		faults!.failing.add('tombstones');
		await expect(deleteNotes(db, [note.id], LATER)).rejects.toMatchObject({
			name: expect.stringMatching(/Quota|Abort/)
		});
		await expect(undoReview(db, review.id, LATER)).rejects.toMatchObject({
			name: expect.stringMatching(/Quota|Abort/)
		});
		expect(await db.notes.get(note.id)).toBeDefined();
		expect(await db.cards.where('noteId').equals(note.id).count()).toBe(2);
		expect(await db.reviews.get(review.id)).toBeDefined();
	});
});
