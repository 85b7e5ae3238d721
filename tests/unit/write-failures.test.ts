/**
 * A write that fails (full disk, closed database, a newer version in another tab) leaves the
 * data exactly as it was and gets one clear sentence.
 */
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '$lib/domain/model';
import { Rating } from '$lib/domain/scheduler';
import { answerCard, undoReview } from '$lib/storage/answers';
import { buryCards } from '$lib/storage/card-actions';
import { resetCards } from '$lib/storage/card-reset';
import { EngramDB } from '$lib/storage/db';
import { classifyWriteError, describeWriteError } from '$lib/storage/errors';
import { addNote, updateNote } from '$lib/storage/notes';
import { nextCard } from '$lib/storage/queue';
import { seedDeck } from '$lib/storage/seed';
import { injectQuotaErrors, type FaultInjector } from './fault-injector';
import { bundledDeck, freshDb, NOW, answerShown, answerInput } from './helpers';

async function faultyDb(): Promise<{ db: EngramDB; deckId: string; faults: FaultInjector }> {
	const db = freshDb();
	const faults = injectQuotaErrors(db);
	const deck = bundledDeck();
	await seedDeck(db, deck, NOW);
	return { db, deckId: deck.id, faults };
}

async function snapshot(db: EngramDB) {
	return {
		cards: await db.cards.toArray(),
		notes: await db.notes.toArray(),
		reviews: await db.reviews.toArray()
	};
}

/** Answers Good the card read before, so the write itself meets the closed connection. */
function answerShownCard(db: EngramDB, card: CardRecord) {
	return answerCard(db, answerInput(card));
}

describe('quota exceeded', () => {
	it('an answer whose review row cannot be written leaves the card unchanged too', async () => {
		const { db, deckId, faults } = await faultyDb();
		const card = (await nextCard(db, deckId, NOW))!;
		const before = await snapshot(db);
		faults.failing.add('reviews');
		const failure = await answerShown(db, card.id, Rating.Good, NOW).catch(
			(error: unknown) => error
		);
		expect(faults.failures).toBe(1);
		expect(classifyWriteError(failure)).toBe('quota');
		expect(describeWriteError(failure)).toBe(
			'Your device is out of storage space, so this was not saved. Free some space and try again.'
		);
		expect(await snapshot(db)).toEqual(before);

		// Space freed: the same answer now lands once.
		faults.failing.clear();
		await answerShown(db, card.id, Rating.Good, NOW);
		expect(await db.reviews.count()).toBe(1);
	});

	it('a failed undo keeps the answer and its review', async () => {
		const { db, deckId, faults } = await faultyDb();
		const card = (await nextCard(db, deckId, NOW))!;
		const review = await answerShown(db, card.id, Rating.Again, NOW);
		const before = await snapshot(db);
		faults.failing.add('reviews');
		await expect(undoReview(db, review.id, NOW)).rejects.toMatchObject({
			name: expect.stringMatching(/Quota|Abort/)
		});
		expect(await snapshot(db)).toEqual(before);
	});

	it('note edits, new notes, bury and reset change nothing when the disk is full', async () => {
		const { db, deckId, faults } = await faultyDb();
		const note = (await db.notes.toArray()).find((n) => n.noteTypeId === 'cloze')!;
		const cardIds = await db.cards.toCollection().primaryKeys();
		const before = await snapshot(db);
		faults.failing.add('cards');
		const attempts = [
			updateNote(db, note.id, { fields: { Text: `${note.fields.Text} {{c9::more}}` } }, NOW),
			addNote(db, { deckId, noteTypeId: 'basic', fields: { Front: 'Q', Back: 'A' } }, NOW),
			buryCards(db, cardIds.slice(0, 2), NOW),
			resetCards(db, cardIds.slice(0, 2), NOW)
		];
		for (const attempt of attempts) {
			expect(classifyWriteError(await attempt.catch((e: unknown) => e))).toBe('quota');
		}
		expect(await snapshot(db)).toEqual(before);
	});
});

describe('closed database and a newer version elsewhere', () => {
	it('a closed database is reported as such', async () => {
		const { db, deckId } = await faultyDb();
		const card = (await nextCard(db, deckId, NOW))!;
		db.close();
		const failure = await answerShownCard(db, card).catch((e: unknown) => e);
		expect(classifyWriteError(failure)).toBe('closed');
		expect(describeWriteError(failure)).toMatch(/Reload the page/);
	});

	it('a newer version opened in another tab closes this one and asks for a reload', async () => {
		const { db, deckId } = await faultyDb();
		const card = (await nextCard(db, deckId, NOW))!;
		let told = 0;
		db.onNewerVersion(() => (told += 1));
		// Another tab opens the same database at a higher version.
		const newer = new EngramDB(db.name);
		newer.version(db.verno + 1).stores({ extra: 'id' });
		await newer.open();
		expect(told).toBe(1);
		expect(db.newerVersionOpened).toBe(true);
		const failure = await answerShownCard(db, card).catch((e: unknown) => e);
		expect(classifyWriteError(failure, db.newerVersionOpened)).toBe('newer-version');
		expect(describeWriteError(failure, true)).toBe(
			'Engram was updated in another tab, so this was not saved. Reload this page to continue.'
		);
		// Nothing was written by the old tab.
		expect(await newer.reviews.count()).toBe(0);
		expect(await newer.cards.get(card.id)).toEqual(card);
		newer.close();
	});
});
