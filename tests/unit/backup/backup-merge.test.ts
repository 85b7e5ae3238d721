/**
 * Merging a backup works like a sync by ids: reviews from both sides (union), each note field
 * from the side that edited it last, card state rebuilt from the merged reviews, media by hash,
 * this device's settings kept.
 */
import { describe, expect, it } from 'vitest';
import { replayReviews } from '$lib/domain/history';
import { createScheduler } from '$lib/domain/scheduler';
import { createBackup, restoreBackup } from '$lib/storage/backup';
import type { EngramDB } from '$lib/storage/db';
import { toMediaRecords } from '$lib/storage/media';
import { updateNote } from '$lib/storage/notes';
import { presetForDeck } from '$lib/storage/queue';
import { answerShown, NOW } from '../helpers';
import { dump, MINUTE, PICTURE, richCollection, study } from './rich-collection';
import { Rating } from '$lib/domain/scheduler';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Two devices that started from the same collection and then went their own ways. */
async function diverged() {
	const phone = await richCollection();
	const common = await createBackup(phone.db, NOW);
	const laptop = await richCollection();
	await restoreBackup(laptop.db, common, 'replace');
	return { phone, laptop: { ...laptop, deckId: phone.deckId, noteId: phone.noteId } };
}

async function reviewIds(db: EngramDB) {
	return new Set(await db.reviews.toCollection().primaryKeys());
}

// Real IndexedDB work on a studied collection: seconds on a loaded machine, so a longer ceiling.
describe('merge', { timeout: 30_000 }, () => {
	it('takes the union of reviews and rebuilds a card answered on both sides', async () => {
		const { phone, laptop } = await diverged();
		const shared = (await phone.db.reviews.toArray())[0]!.cardId;
		// New cards studied on each device, then the same card answered on both, on different days.
		await study(phone.db, phone.deckId, 2, new Date(NOW.getTime() + DAY));
		await study(laptop.db, laptop.deckId, 3, new Date(NOW.getTime() + DAY));
		await answerShown(phone.db, shared, Rating.Good, new Date(NOW.getTime() + 2 * DAY));
		await answerShown(laptop.db, shared, Rating.Again, new Date(NOW.getTime() + 3 * DAY));
		const sharedIds = async (db: EngramDB) =>
			db.reviews.where('cardId').equals(shared).primaryKeys();
		const expectedShared = new Set([
			...(await sharedIds(phone.db)),
			...(await sharedIds(laptop.db))
		]);
		const phoneIds = await reviewIds(phone.db);
		const expected = new Set([...phoneIds, ...(await reviewIds(laptop.db))]);
		expect(expected.size).toBeGreaterThan(phoneIds.size);

		const summary = await restoreBackup(phone.db, await createBackup(laptop.db, NOW), 'merge');
		expect(await reviewIds(phone.db)).toEqual(expected);
		expect(summary.added.reviews).toBe(expected.size - phoneIds.size);

		const card = (await phone.db.cards.get(shared))!;
		const reviews = await phone.db.reviews.where('cardId').equals(shared).toArray();
		expect(new Set(reviews.map((r) => r.id))).toEqual(expectedShared);
		const scheduler = createScheduler(await presetForDeck(phone.db, card.deckId));
		const first = new Date(Math.min(...reviews.map((r) => r.review.getTime())));
		const replayed = replayReviews(scheduler, reviews, first);
		expect(card).toMatchObject({
			due: replayed.due,
			stability: replayed.stability,
			difficulty: replayed.difficulty,
			reps: reviews.length,
			lapses: replayed.lapses,
			state: replayed.state,
			last_review: new Date(NOW.getTime() + 3 * DAY)
		});
		expect(card.queue).toBe('learning'); // Again on a review card: relearning
	});

	it('merges a note edited on both sides field by field, newest edit of each field wins', async () => {
		const { phone, laptop } = await diverged();
		await updateNote(
			phone.db,
			phone.noteId,
			{ fields: { Front: 'phone front' } },
			new Date(NOW.getTime() + HOUR)
		);
		await updateNote(
			laptop.db,
			laptop.noteId,
			{ fields: { Back: 'laptop back' } },
			new Date(NOW.getTime() + 2 * HOUR)
		);
		await updateNote(
			phone.db,
			phone.noteId,
			{ tags: ['late'] },
			new Date(NOW.getTime() + 3 * HOUR)
		);

		await restoreBackup(phone.db, await createBackup(laptop.db, NOW), 'merge');
		const note = (await phone.db.notes.get(phone.noteId))!;
		expect(note.fields).toEqual({ Front: 'phone front', Back: 'laptop back' });
		expect(note.fieldMtimes).toEqual({
			Front: NOW.getTime() + HOUR,
			Back: NOW.getTime() + 2 * HOUR
		});
		expect(note.tags).toEqual(['late']);
		expect(note.mtime).toBe(NOW.getTime() + 3 * HOUR);

		// The other way round gives the same note: merging commutes.
		await restoreBackup(laptop.db, await createBackup(phone.db, NOW), 'merge');
		expect(await laptop.db.notes.get(laptop.noteId)).toEqual(note);
	});

	it('adds media by content hash, keeps local settings and is idempotent', async () => {
		const { phone, laptop } = await diverged();
		const other = new Uint8Array([...PICTURE, 9]);
		await laptop.db.media.bulkAdd(
			await toMediaRecords(
				[
					{ name: 'p.png', type: 'image/png', bytes: PICTURE },
					{ name: 'q.png', type: 'image/png', bytes: other }
				].slice(1),
				NOW
			)
		);
		await laptop.db.settings.put({ key: 'dayStartHour', value: 7 });
		await laptop.db.settings.put({ key: 'laptop-only', value: 'yes' });
		const before = await phone.db.settings.toArray();

		const summary = await restoreBackup(phone.db, await createBackup(laptop.db, NOW), 'merge');
		expect(summary.added.media).toBe(1);
		expect((await phone.db.media.toArray()).map((m) => m.name).sort()).toEqual(['p.png', 'q.png']);
		const settings = await phone.db.settings.toArray();
		expect(settings).toEqual(
			expect.arrayContaining([...before, { key: 'laptop-only', value: 'yes' }])
		);

		const merged = await dump(phone.db);
		const again = await restoreBackup(phone.db, await createBackup(laptop.db, NOW), 'merge');
		expect(Object.values(again.added).every((n) => n === 0)).toBe(true);
		expect(Object.values(again.updated).every((n) => n === 0)).toBe(true);
		expect(await dump(phone.db)).toEqual(merged);
	});

	it('a suspension made later on the other device wins, and survives the rebuilt state', async () => {
		const { phone, laptop } = await diverged();
		const shared = (await phone.db.reviews.toArray())[0]!.cardId;
		await answerShown(phone.db, shared, Rating.Good, new Date(NOW.getTime() + DAY));
		await laptop.db.cards.update(shared, { queue: 'suspended', mtime: NOW.getTime() + 2 * DAY });

		await restoreBackup(phone.db, await createBackup(laptop.db, NOW), 'merge');
		const card = (await phone.db.cards.get(shared))!;
		expect(card.queue).toBe('suspended');
		expect(card.reps).toBe(await phone.db.reviews.where('cardId').equals(shared).count());
		expect(card.last_review).toEqual(new Date(NOW.getTime() + DAY));
	});
});
