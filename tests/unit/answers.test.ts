import { describe, expect, it } from 'vitest';
import { Rating, State } from '$lib/domain/scheduler';
import { answerCard, StaleCardError, undoReview } from '$lib/storage/answers';
import { nextCard } from '$lib/storage/queue';
import { seedDeck } from '$lib/storage/seed';
import { bundledDeck, freshDb, NOW, answerInput } from './helpers';

async function seeded() {
	const db = freshDb();
	const deck = bundledDeck();
	await seedDeck(db, deck, NOW);
	return { db, deckId: deck.id };
}

describe('answering a card', () => {
	it('writes the new FSRS state and one review row', async () => {
		const { db, deckId } = await seeded();
		const card = (await nextCard(db, deckId, NOW))!;
		expect(card.state).toBe(State.New);
		const review = await answerCard(db, answerInput(card, { duration: 4200 }));
		const stored = (await db.cards.get(card.id))!;
		expect(stored.state).toBe(State.Learning);
		expect(stored.queue).toBe('learning');
		expect(stored.reps).toBe(1);
		expect(stored.stability).toBeGreaterThan(0);
		expect(stored.due.getTime()).toBeGreaterThan(NOW.getTime());
		const reviews = await db.reviews.toArray();
		expect(reviews).toHaveLength(1);
		expect(reviews[0]).toMatchObject({
			id: review.id,
			cardId: card.id,
			deckId,
			rating: Rating.Good,
			state: State.New,
			duration: 4200
		});
		expect(reviews[0]!.review.getTime()).toBe(NOW.getTime());
	});

	it('rejects a second answer to a card shown before it changed', async () => {
		const { db, deckId } = await seeded();
		const card = (await nextCard(db, deckId, NOW))!;
		const input = answerInput(card);
		await answerCard(db, input);
		await expect(answerCard(db, input)).rejects.toBeInstanceOf(StaleCardError);
		expect(await db.reviews.count()).toBe(1);
	});

	it('undo restores the card and deletes its review', async () => {
		const { db, deckId } = await seeded();
		const card = (await nextCard(db, deckId, NOW))!;
		const review = await answerCard(db, answerInput(card, { grade: Rating.Again }));
		const restored = await undoReview(db, review.id, NOW);
		const { mtime: _a, ...fsrsBefore } = card;
		const { mtime: _b, ...fsrsAfter } = restored;
		expect(fsrsAfter).toEqual(fsrsBefore);
		expect(await db.reviews.count()).toBe(0);
		expect((await nextCard(db, deckId, NOW))?.id).toBe(card.id);
	});
});
