import { describe, expect, it } from 'vitest';
import { Rating, State } from '$lib/domain/scheduler';
import {
	buryCards,
	CardActionError,
	flagCards,
	moveCards,
	setDueDate,
	suspendCards,
	unburyExpired,
	unsuspendCards
} from '$lib/storage/card-actions';
import { nextCard } from '$lib/storage/queue';
import { answerShown, NOW, seededDb } from './helpers';
import { cardsInDeck } from '$lib/storage/deck-rows';

describe('suspend and unsuspend', () => {
	it('takes the card out of the queue and puts it back where its state belongs', async () => {
		const { db, deckId } = await seededDb();
		const first = (await nextCard(db, deckId, NOW))!;
		expect(await suspendCards(db, [first.id], NOW)).toBe(1);
		const suspended = (await db.cards.get(first.id))!;
		expect(suspended.queue).toBe('suspended');
		expect(suspended.mtime).toBeGreaterThan(first.mtime);
		expect((await nextCard(db, deckId, NOW))?.id).not.toBe(first.id);
		expect(await unsuspendCards(db, [first.id], NOW)).toBe(1);
		expect((await db.cards.get(first.id))?.queue).toBe('new');
		expect((await nextCard(db, deckId, NOW))?.id).toBe(first.id);
	});

	it('a suspended review card comes back as a review, keeping its schedule', async () => {
		const { db, deckId } = await seededDb();
		const first = (await nextCard(db, deckId, NOW))!;
		await answerShown(db, first.id, Rating.Easy, NOW);
		const review = (await db.cards.get(first.id))!;
		expect(review.queue).toBe('review');
		await suspendCards(db, [first.id], NOW);
		await unsuspendCards(db, [first.id], NOW);
		const back = (await db.cards.get(first.id))!;
		expect({ ...back, mtime: 0 }).toEqual({ ...review, mtime: 0 });
	});
});

describe('bury until tomorrow', () => {
	it('hides the card until the next study day starts at 4 am, then unburies it', async () => {
		const { db, deckId } = await seededDb();
		const first = (await nextCard(db, deckId, NOW))!;
		await buryCards(db, [first.id], NOW);
		const buried = (await db.cards.get(first.id))!;
		expect(buried.queue).toBe('buried');
		expect(new Date(buried.buriedUntil!)).toEqual(new Date(2026, 2, 11, 4, 0, 0));
		expect((await nextCard(db, deckId, NOW))?.id).not.toBe(first.id);

		// 3:59 next morning is still the same study day.
		expect(await unburyExpired(db, new Date(2026, 2, 11, 3, 59))).toBe(0);
		expect(await unburyExpired(db, new Date(2026, 2, 11, 4, 0))).toBe(1);
		const back = (await db.cards.get(first.id))!;
		expect(back.queue).toBe('new');
		expect(back.buriedUntil).toBeUndefined();
	});

	it('leaves suspended cards suspended', async () => {
		const { db, deckId } = await seededDb();
		const first = (await nextCard(db, deckId, NOW))!;
		await suspendCards(db, [first.id], NOW);
		expect(await buryCards(db, [first.id], NOW)).toBe(0);
		expect((await db.cards.get(first.id))?.queue).toBe('suspended');
	});
});

describe('set due date', () => {
	it('makes a review card due at the start of the chosen study day, keeping its memory', async () => {
		const { db, deckId } = await seededDb();
		const first = (await nextCard(db, deckId, NOW))!;
		await answerShown(db, first.id, Rating.Easy, NOW);
		const review = (await db.cards.get(first.id))!;
		await setDueDate(db, [first.id], 3, NOW);
		const moved = (await db.cards.get(first.id))!;
		expect(moved.due).toEqual(new Date(2026, 2, 13, 4, 0, 0));
		expect(moved.stability).toBe(review.stability);
		expect(moved.difficulty).toBe(review.difficulty);
		expect(moved.queue).toBe('review');
		const manual = await db.reviews
			.where('cardId')
			.equals(first.id)
			.filter((r) => r.rating === Rating.Manual)
			.toArray();
		expect(manual).toHaveLength(1);
	});

	it('"0" makes a new card a review card due today, and ranges stay within bounds', async () => {
		const { db, deckId } = await seededDb();
		const cards = await cardsInDeck(db, deckId).limit(3).toArray();
		await setDueDate(db, [cards[0]!.id], 0, NOW);
		const today = (await db.cards.get(cards[0]!.id))!;
		expect(today).toMatchObject({ state: State.Review, queue: 'review', scheduled_days: 0 });
		expect(today.due).toEqual(new Date(2026, 2, 10, 4, 0, 0));
		expect(today.stability).toBeGreaterThan(0);
		expect(today.difficulty).toBeGreaterThan(0);

		let turn = 0;
		const random = () => [0, 0.999][turn++ % 2]!;
		await setDueDate(db, [cards[1]!.id, cards[2]!.id], [1, 7], NOW, { random });
		const dues = (await db.cards.bulkGet([cards[1]!.id, cards[2]!.id])).map((c) => c!.due);
		expect(dues).toEqual([new Date(2026, 2, 11, 4), new Date(2026, 2, 17, 4)]);
	});

	it('refuses a bad number of days and changes nothing', async () => {
		const { db, deckId } = await seededDb();
		const first = (await nextCard(db, deckId, NOW))!;
		expect(() => setDueDate(db, [first.id], -1, NOW)).toThrow(CardActionError);
		expect(() => setDueDate(db, [first.id], [5, 2], NOW)).toThrow(CardActionError);
		expect(await db.cards.get(first.id)).toEqual(first);
		expect(await db.reviews.count()).toBe(0);
	});
});

describe('flags and moving', () => {
	it('sets and clears a flag 0-7, refusing anything else', async () => {
		const { db, deckId } = await seededDb();
		const first = (await nextCard(db, deckId, NOW))!;
		await flagCards(db, [first.id], 3, NOW);
		expect((await db.cards.get(first.id))?.flag).toBe(3);
		await flagCards(db, [first.id], 0, NOW);
		// No flag is no field: the card leaves the flag index (domain/card-index-keys.ts).
		expect(await db.cards.get(first.id)).not.toHaveProperty('flag');
		expect(() => flagCards(db, [first.id], 8 as 0, NOW)).toThrow(CardActionError);
	});

	it('moves cards to another existing deck only', async () => {
		const { db, deckId } = await seededDb();
		const first = (await nextCard(db, deckId, NOW))!;
		await expect(moveCards(db, [first.id], 'nowhere', NOW)).rejects.toBeInstanceOf(CardActionError);
		await db.decks.add({
			id: 'd2',
			name: 'Other',
			description: '',
			presetId: 'default',
			createdAt: 0,
			mtime: 0
		});
		await moveCards(db, [first.id], 'd2', NOW);
		expect((await db.cards.get(first.id))?.deckId).toBe('d2');
	});
});
