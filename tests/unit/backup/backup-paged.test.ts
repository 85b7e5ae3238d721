/**
 * Restore and merge page through the backup (and, for a merge, through the stored records by
 * key) inside one transaction: page boundaries change nothing, and a failure or a cancel after
 * some pages were already written leaves the collection exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/domain/scheduler';
import { undoReview } from '$lib/storage/answers';
import { createBackup, restoreBackup, type RestoreMode } from '$lib/storage/backup';
import type { EngramDB } from '$lib/storage/db';
import { applyBulk, lastBulkChange } from '$lib/storage/bulk-edit';
import { deleteNotes, updateNote } from '$lib/storage/notes';
import { injectQuotaErrors } from '../fault-injector';
import { answerShown, freshDb, NOW } from '../helpers';
import { dump, MINUTE, richCollection, study } from './rich-collection';

const HOUR = 60 * MINUTE;
/** Pages of one record cross a page boundary at every record: slow under load, not stuck. */
const SLOW = 30_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

async function copyOf(bytes: Uint8Array, db: EngramDB = freshDb()) {
	await restoreBackup(db, bytes, 'replace');
	return db;
}

/** A phone and a laptop that went their own ways: studies, edits, deletes and an undo on each. */
async function diverged() {
	const phone = await richCollection();
	const laptop = await copyOf(await createBackup(phone.db, NOW));
	const notes = (await phone.db.notes.where('noteTypeId').equals('basic').primaryKeys()).slice(
		0,
		4
	);
	await study(phone.db, phone.deckId, 6, at(24));
	await study(laptop, phone.deckId, 9, at(25));
	const shared = (await phone.db.reviews.toArray())[0]!.cardId;
	await answerShown(phone.db, shared, Rating.Hard, at(26));
	const undone = await answerShown(laptop, shared, Rating.Easy, at(27));
	await undoReview(laptop, undone.id, at(28));
	await deleteNotes(phone.db, [notes[0]!], at(29));
	await deleteNotes(laptop, [notes[1]!, notes[2]!], at(30));
	await updateNote(phone.db, notes[2]!, { fields: { Back: 'edited after the delete' } }, at(31));
	await updateNote(laptop, notes[3]!, { fields: { Front: 'laptop front' } }, at(32));
	await updateNote(phone.db, notes[3]!, { fields: { Back: 'phone back' } }, at(33));
	return {
		phone: await createBackup(phone.db, at(34)),
		laptop: await createBackup(laptop, at(34))
	};
}

describe('paged restore', () => {
	it(
		'a merge in pages of 1 record gives exactly what one in pages of 2,000 gives',
		async () => {
			const { phone, laptop } = await diverged();
			const [big, small] = [await copyOf(phone), await copyOf(phone)];
			const bigSummary = await restoreBackup(big, laptop, 'merge');
			const smallSummary = await restoreBackup(small, laptop, 'merge', { pageSize: 1 });
			expect(smallSummary).toEqual(bigSummary);
			expect(bigSummary.removed.notes).toBe(1);
			expect(bigSummary.removed.cards).toBeGreaterThan(0);
			expect(bigSummary.added.tombstones).toBeGreaterThan(2); // two notes, their cards, one review
			expect(bigSummary.added.reviews).toBeGreaterThan(5);
			expect(await dump(small)).toEqual(await dump(big));
			// Merged both ways, the two devices hold the same collection.
			const other = await copyOf(laptop);
			await restoreBackup(other, phone, 'merge', { pageSize: 2 });
			const [a, b] = [await dump(small), await dump(other)];
			for (const table of ['notes', 'cards', 'reviews', 'tombstones', 'decks'] as const) {
				expect(b[table], table).toEqual(a[table]);
			}
		},
		SLOW
	);

	it.each(['replace', 'merge'] as RestoreMode[])(
		'%s: the disk filling up after some pages were written leaves the collection as it was',
		async (mode) => {
			const { phone, laptop } = await diverged();
			const db = freshDb();
			const faults = injectQuotaErrors(db);
			await copyOf(phone, db);
			const before = await dump(db);
			faults.failing.add('reviews');
			faults.passes = 3;
			// Full for that one write: the rollback's writes (deletes first) go through.
			faults.limit = 1;
			await expect(restoreBackup(db, laptop, mode, { pageSize: 2 })).rejects.toMatchObject({
				name: expect.stringMatching(/Quota|Abort/)
			});
			expect(faults.passes).toBe(0); // three pages were written before the failure
			expect(faults.failures).toBe(1);
			expect(await dump(db)).toEqual(before);
		}
	);

	it.each(['replace', 'merge'] as RestoreMode[])(
		'%s: a cancel part-way rolls back every page already written',
		async (mode) => {
			const { phone, laptop } = await diverged();
			const db = await copyOf(phone);
			const before = await dump(db);
			const cancel = new AbortController();
			const seen: number[] = [];
			const restoring = restoreBackup(db, laptop, mode, {
				signal: cancel.signal,
				pageSize: 4,
				onProgress: (fraction) => {
					seen.push(fraction);
					if (fraction > 0.5) {
						cancel.abort();
					}
				}
			});
			await expect(restoring).rejects.toMatchObject({ name: 'AbortError' });
			expect(seen.filter((fraction) => fraction > 0).length).toBeGreaterThan(5);
			expect(await dump(db)).toEqual(before);
			// Not cancelled, the same restore goes through.
			await restoreBackup(db, laptop, mode, { pageSize: 4 });
			expect(await dump(db)).not.toEqual(before);
		}
	);

	it.each(['replace', 'merge'] as const)(
		'a %s restore forgets the last bulk edit, so its undo cannot write over the restored cards',
		async (mode) => {
			const { phone } = await diverged();
			const db = await copyOf(phone);
			const ids = (await db.cards.toCollection().primaryKeys()).slice(0, 5);
			await applyBulk(db, ids, 'delete', '', at(35));
			expect(await lastBulkChange(db)).toBeDefined();
			await restoreBackup(db, phone, mode);
			expect(await lastBulkChange(db)).toBeUndefined();
			expect(await db.bulkUndo.count()).toBe(0);
		}
	);
});
