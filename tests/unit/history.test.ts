/** The review rows alone rebuild each card's FSRS state (ts-fsrs `reschedule()`). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import { replayReviews } from '$lib/domain/history';
import { createScheduler, GRADES, type Grade } from '$lib/domain/scheduler';
import { answerCard } from '$lib/storage/answers';
import { NOW, seededDb, answerInput } from './helpers';
import { cardsInDeck } from '$lib/storage/deck-rows';

const MINUTE = 60_000;
const noFuzz = { ...DEFAULT_PRESET, enableFuzz: false };

describe('rebuilding cards from their reviews', () => {
	it('replaying the stored reviews gives the stored card state', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.tuple(fc.constantFrom<Grade>(...GRADES), fc.integer({ min: 0, max: 60 * 24 * 30 })),
					{
						minLength: 1,
						maxLength: 10
					}
				),
				async (steps) => {
					const { db, deckId } = await seededDb();
					await db.presets.put(noFuzz);
					const cardId = (await cardsInDeck(db, deckId).first())!.id;
					let time = NOW.getTime();
					for (const [grade, wait] of steps) {
						const card = (await db.cards.get(cardId))!;
						time = Math.max(time + wait * MINUTE, card.due.getTime());
						await answerCard(db, answerInput(card, { grade, now: new Date(time) }));
					}
					const stored = (await db.cards.get(cardId))!;
					const reviews = await db.reviews.where('cardId').equals(cardId).toArray();
					const rebuilt = replayReviews(createScheduler(noFuzz), reviews, NOW);
					for (const field of [
						'state',
						'reps',
						'lapses',
						'learning_steps',
						'scheduled_days'
					] as const) {
						expect(rebuilt[field]).toBe(stored[field]);
					}
					expect(rebuilt.due).toEqual(stored.due);
					expect(rebuilt.last_review).toEqual(stored.last_review);
					expect(rebuilt.stability).toBeCloseTo(stored.stability, 6);
					expect(rebuilt.difficulty).toBeCloseTo(stored.difficulty, 6);
					db.close();
				}
			),
			{ numRuns: 20 }
		);
	}, 60_000);
});
