/**
 * A merge restore honours deletions both ways, like a sync: what was deleted on either side after
 * the other side's last change stays deleted (notes with their cards, undone reviews), while a
 * change made after a deletion brings the record back. Settings and presets take the newer side.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { combinedChecksum } from '$lib/domain/backup/pack';
import { Rating } from '$lib/domain/scheduler';
import { Sha256 } from '$lib/domain/sha256-stream';
import { undoReview } from '$lib/storage/answers';
import { createBackup, restoreBackup } from '$lib/storage/backup';
import type { EngramDB } from '$lib/storage/db';
import { deleteNotes, updateNote } from '$lib/storage/notes';
import { assignPreset, savePreset } from '$lib/storage/presets';
import { ensureDeckAtPath } from '$lib/storage/decks';
import { deleteWithTombstones } from '$lib/storage/tombstones';
import { setDayStartHour } from '$lib/storage/study-settings';
import { answerShown, freshDb, NOW } from '../helpers';
import { dump, MINUTE, richCollection } from './rich-collection';

const HOUR = 60 * MINUTE;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

/** Two devices holding the same collection. */
async function twoDevices() {
	const phone = await richCollection();
	const laptop = freshDb();
	await restoreBackup(laptop, await createBackup(phone.db, NOW), 'replace');
	return { phone, laptop };
}

async function cardsOf(db: EngramDB, noteId: string) {
	return db.cards.where('noteId').equals(noteId).primaryKeys();
}

describe('merge with tombstones', () => {
	it('an older backup does not bring back a note deleted since, nor its cards', async () => {
		const { phone } = await twoDevices();
		const old = await createBackup(phone.db, NOW);
		expect(await cardsOf(phone.db, phone.noteId)).not.toHaveLength(0);
		await deleteNotes(phone.db, [phone.noteId], at(1));
		const before = await dump(phone.db);

		const summary = await restoreBackup(phone.db, old, 'merge');
		expect(await phone.db.notes.get(phone.noteId)).toBeUndefined();
		expect(await cardsOf(phone.db, phone.noteId)).toHaveLength(0);
		expect(summary.added.notes).toBe(0);
		expect(summary.added.cards).toBe(0);
		expect(await dump(phone.db)).toEqual(before);
	});

	it('a deletion in the backup removes the note here, with its cards, and says so', async () => {
		const { phone, laptop } = await twoDevices();
		const cards = await cardsOf(laptop, phone.noteId);
		await deleteNotes(laptop, [phone.noteId], at(1));

		const summary = await restoreBackup(phone.db, await createBackup(laptop, at(2)), 'merge');
		expect(await phone.db.notes.get(phone.noteId)).toBeUndefined();
		expect(await cardsOf(phone.db, phone.noteId)).toHaveLength(0);
		expect(summary.removed.notes).toBe(1);
		expect(summary.removed.cards).toBe(cards.length);
		expect(await phone.db.tombstones.count()).toBe(1 + cards.length);
		// Both devices now hold the same collection: merging back changes nothing.
		await restoreBackup(laptop, await createBackup(phone.db, at(3)), 'merge');
		const [a, b] = [await dump(phone.db), await dump(laptop)];
		expect(b.notes).toEqual(a.notes);
		expect(b.cards).toEqual(a.cards);
		expect(b.tombstones).toEqual(a.tombstones);
	});

	it('an edit made after the deletion on the other side brings the note and its cards back', async () => {
		const { phone, laptop } = await twoDevices();
		await deleteNotes(phone.db, [phone.noteId], at(1));
		await updateNote(laptop, phone.noteId, { fields: { Back: 'edited later' } }, at(2));

		await restoreBackup(phone.db, await createBackup(laptop, at(3)), 'merge');
		expect((await phone.db.notes.get(phone.noteId))?.fields.Back).toBe('edited later');
		expect(await cardsOf(phone.db, phone.noteId)).toEqual(await cardsOf(laptop, phone.noteId));
	});

	it('an undone answer does not come back from an older backup, nor from the other device', async () => {
		const { phone, laptop } = await twoDevices();
		const cardId = (await phone.db.reviews.toArray())[0]!.cardId;
		const review = await answerShown(phone.db, cardId, Rating.Easy, at(1));
		const withAnswer = await createBackup(phone.db, at(1));
		await undoReview(phone.db, review.id, at(2));
		const card = await phone.db.cards.get(cardId);

		await restoreBackup(phone.db, withAnswer, 'merge');
		expect(await phone.db.reviews.get(review.id)).toBeUndefined();
		expect(await phone.db.cards.get(cardId)).toEqual(card);

		// The laptop got the answer from that backup; the phone's undo removes it there too.
		await restoreBackup(laptop, withAnswer, 'merge');
		expect(await laptop.reviews.get(review.id)).toBeDefined();
		const summary = await restoreBackup(laptop, await createBackup(phone.db, at(3)), 'merge');
		expect(await laptop.reviews.get(review.id)).toBeUndefined();
		expect(summary.removed.reviews).toBe(1);
		expect(await laptop.cards.get(cardId)).toEqual(card);
	});

	it('settings and presets: the newer side wins, each on its own', async () => {
		const { phone, laptop } = await twoDevices();
		await setDayStartHour(phone.db, 2, at(1));
		await setDayStartHour(laptop, 7, at(2));
		const preset = (await laptop.presets.toArray()).find((p) => p.name === 'Slow')!;
		await savePreset(laptop, { ...preset, newPerDay: 3 }, at(1));
		await savePreset(phone.db, { ...preset, newPerDay: 9 }, at(3));

		await restoreBackup(phone.db, await createBackup(laptop, at(4)), 'merge');
		expect((await phone.db.settings.get('dayStartHour'))?.value).toBe(7);
		expect((await phone.db.presets.get(preset.id))?.newPerDay).toBe(9);

		await setDayStartHour(phone.db, 4, at(5));
		await restoreBackup(phone.db, await createBackup(laptop, at(6)), 'merge');
		expect((await phone.db.settings.get('dayStartHour'))?.value).toBe(4);
	});

	it('a backup made before tombstones existed (no tombstones table) still verifies and merges', async () => {
		const { phone } = await twoDevices();
		const entries = unzipSync(await createBackup(phone.db, NOW));
		const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
			counts: Record<string, number>;
			tableChecksums: Record<string, string>;
			checksum: string;
			dbSchemaVersion: number;
		};
		delete entries['tables/tombstones.jsonl'];
		delete manifest.counts.tombstones;
		delete manifest.tableChecksums.tombstones;
		manifest.dbSchemaVersion = 4;
		manifest.checksum = combinedChecksum(manifest.tableChecksums);
		expect(manifest.checksum).not.toBe(new Sha256().hex());
		entries['manifest.json'] = strToU8(JSON.stringify(manifest));
		const old = zipSync(entries);

		const empty = freshDb();
		await restoreBackup(empty, old, 'replace');
		const [restored, original] = [await dump(empty), await dump(phone.db)];
		expect(restored.notes).toEqual(original.notes);
		expect(restored.reviews).toEqual(original.reviews);
		expect(restored.tombstones).toEqual([]);
		await expect(restoreBackup(phone.db, old, 'merge')).resolves.toMatchObject({ mode: 'merge' });
	});
});

/** Deletes a deck the way every delete does: the record and its tombstone in one transaction. */
async function deleteDeck(db: EngramDB, deckId: string, now: Date) {
	await db.transaction('rw', db.decks, db.tombstones, () =>
		deleteWithTombstones(db, 'decks', [deckId], now)
	);
}

/**
 * Decks follow the same rule as notes: a deck deleted on one device stays deleted when an older
 * copy is merged; a change made to the deck after the deletion (on the other device) wins and
 * brings it back. The app has no deck delete yet; this is the rule a deck delete will meet.
 */
describe('deck tombstones', () => {
	async function withSpareDeck() {
		const phone = await richCollection();
		const spare = await ensureDeckAtPath(phone.db, 'Spare', NOW);
		const laptop = freshDb();
		await restoreBackup(laptop, await createBackup(phone.db, NOW), 'replace');
		return { phone, laptop, spare };
	}

	it('a deck deleted here stays deleted when an older backup is merged', async () => {
		const { phone, spare } = await withSpareDeck();
		const old = await createBackup(phone.db, NOW);
		await deleteDeck(phone.db, spare, at(1));
		const before = await dump(phone.db);

		const summary = await restoreBackup(phone.db, old, 'merge');
		expect(await phone.db.decks.get(spare)).toBeUndefined();
		expect(summary.added.decks).toBe(0);
		expect(await dump(phone.db)).toEqual(before);
	});

	it('the deletion travels: the other device loses the deck too, and says so', async () => {
		const { phone, laptop, spare } = await withSpareDeck();
		await deleteDeck(phone.db, spare, at(1));

		const summary = await restoreBackup(laptop, await createBackup(phone.db, at(2)), 'merge');
		expect(await laptop.decks.get(spare)).toBeUndefined();
		expect(summary.removed.decks).toBe(1);
		expect(await laptop.tombstones.get(['decks', spare])).toEqual({
			table: 'decks',
			id: spare,
			deletedAt: at(1).getTime()
		});
	});

	it('a deck changed on the other device after the deletion comes back with the change', async () => {
		const { phone, laptop, spare } = await withSpareDeck();
		await deleteDeck(phone.db, spare, at(1));
		const slow = (await laptop.presets.toArray()).find((p) => p.name === 'Slow')!;
		await assignPreset(laptop, spare, slow.id, at(2));

		const summary = await restoreBackup(phone.db, await createBackup(laptop, at(3)), 'merge');
		expect(await phone.db.decks.get(spare)).toMatchObject({ presetId: slow.id });
		expect(summary.added.decks).toBe(1);
		// A change made before the deletion does not: the deletion is the later event.
		const { phone: other, laptop: otherLaptop, spare: otherSpare } = await withSpareDeck();
		const otherSlow = (await otherLaptop.presets.toArray()).find((p) => p.name === 'Slow')!;
		await assignPreset(otherLaptop, otherSpare, otherSlow.id, at(1));
		await deleteDeck(other.db, otherSpare, at(2));
		await restoreBackup(other.db, await createBackup(otherLaptop, at(3)), 'merge');
		expect(await other.db.decks.get(otherSpare)).toBeUndefined();
	});
});

describe('paged backup', () => {
	it('tables larger than a page (settings, tombstones with compound keys) round-trip exactly', async () => {
		const db = freshDb();
		await db.settings.bulkAdd(
			Array.from({ length: 4500 }, (_, i) => ({ key: `k${i}`, value: i, mtime: i }))
		);
		await db.tombstones.bulkAdd(
			Array.from({ length: 2500 }, (_, i) => ({
				table: i % 2 ? ('cards' as const) : ('notes' as const),
				id: `n${i}`,
				deletedAt: i
			}))
		);
		const bytes = await createBackup(db, NOW);
		const copy = freshDb();
		const summary = await restoreBackup(copy, bytes, 'replace');
		expect(summary.added.settings).toBe(4500);
		expect(summary.added.tombstones).toBe(2500);
		expect(await dump(copy)).toEqual(await dump(db));
	});
});
