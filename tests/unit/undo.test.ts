/**
 * Undo in storage, as a property: any run of answers (any grades, any delays, siblings buried
 * along the way), undone newest first, leaves every card exactly as it was and no review rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRADES, type Grade } from '$lib/domain/scheduler';
import { answerCard, undoReview } from '$lib/storage/answers';
import { nextCard } from '$lib/storage/queue';
import { NOW, seededDb, answerInput } from './helpers';

const MINUTE = 60_000;

describe('undo in storage', () => {
	it('undoing every answer newest first restores the collection exactly', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.tuple(fc.constantFrom<Grade>(...GRADES), fc.integer({ min: 0, max: 60 * 24 * 3 })),
					{
						minLength: 1,
						maxLength: 12
					}
				),
				async (steps) => {
					const { db, deckId } = await seededDb();
					const before = await db.cards.toArray();
					let time = NOW.getTime();
					const reviewIds: string[] = [];
					for (const [grade, wait] of steps) {
						time += wait * MINUTE;
						const now = new Date(time);
						const card = await nextCard(db, deckId, now);
						if (!card) {
							continue;
						}
						const review = await answerCard(db, answerInput(card, { grade, now }));
						reviewIds.push(review.id);
					}
					for (const id of reviewIds.reverse()) {
						time += MINUTE;
						await undoReview(db, id, new Date(time));
					}
					const strip = (cards: typeof before) => cards.map(({ mtime: _m, ...card }) => card);
					expect(strip(await db.cards.toArray())).toEqual(strip(before));
					expect(await db.reviews.count()).toBe(0);
					db.close();
				}
			),
			{ numRuns: 25 }
		);
	}, 60_000);
});
