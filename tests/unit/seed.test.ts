import { describe, expect, it } from 'vitest';
import { seedDeck } from '$lib/storage/seed';
import { bundledDeck, freshDb, NOW } from './helpers';

describe('first-start load of the bundled deck', () => {
	it('adds every note and card once, and nothing on a second start', async () => {
		const db = freshDb();
		const deck = bundledDeck();
		const first = await seedDeck(db, deck, NOW);
		expect(first.notesAdded).toBe(deck.notes.length);
		expect(first.cardsAdded).toBeGreaterThanOrEqual(deck.notes.length);
		const counts = async () => [
			await db.decks.count(),
			await db.notes.count(),
			await db.cards.count()
		];
		const afterFirst = await counts();

		const second = await seedDeck(db, deck, new Date(NOW.getTime() + 86_400_000));
		expect(second).toEqual({ notesAdded: 0, cardsAdded: 0 });
		expect(await counts()).toEqual(afterFirst);
	});

	it('never overwrites cards the user already studied', async () => {
		const db = freshDb();
		const deck = bundledDeck();
		await seedDeck(db, deck, NOW);
		const card = (await db.cards.toArray())[0]!;
		await db.cards.update(card.id, { reps: 5, queue: 'review' });
		await seedDeck(db, deck, NOW);
		expect((await db.cards.get(card.id))?.reps).toBe(5);
	});
});
