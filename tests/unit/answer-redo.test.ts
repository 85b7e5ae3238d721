/**
 * Redo in storage: an undone answer given again leaves the collection as the original answer
 * did (the card, the siblings it buried, one review row with the same rating and time), under a
 * new review id, so the undone row's tombstone stays and can never delete the redone answer; the
 * card's state still rebuilds from its reviews. A card changed since the undo is not written over.
 */
import { describe, expect, it } from 'vitest';
import { replayReviews } from '$lib/domain/history';
import type { CardRecord } from '$lib/domain/model';
import { createScheduler, Rating } from '$lib/domain/scheduler';
import { redoReview, undoReviewForRedo } from '$lib/storage/answer-redo';
import { answerCard, StaleCardError } from '$lib/storage/answers';
import { suspendCards } from '$lib/storage/card-actions';
import type { EngramDB } from '$lib/storage/db';
import { nextCard, presetForDeck } from '$lib/storage/queue';
import { answerInput, NOW } from './helpers';
import { mixedDeck } from './mixed-deck';

const LATER = new Date(NOW.getTime() + 60_000);
const LATEST = new Date(NOW.getTime() + 120_000);

/** The note's cards, its note and every review row, without mtimes and review ids. */
async function state(db: EngramDB, card: CardRecord) {
	const cards = await db.cards.where('noteId').equals(card.noteId).sortBy('ord');
	const { mtime: _n, ...note } = (await db.notes.get(card.noteId))!;
	const reviews = await db.reviews.toArray();
	return {
		cards: cards.map(({ mtime: _m, ...rest }) => rest),
		note,
		reviews: reviews.map(({ id: _i, ...rest }) => rest)
	};
}

/** The first new cloze card (three new siblings to bury), answered Good as review-1. */
async function answeredCloze() {
	const { db, deckId } = await mixedDeck({ newMix: 'before' });
	const card = (await nextCard(db, deckId, NOW))!;
	await answerCard(db, answerInput(card, { reviewId: 'review-1' }));
	return { db, deckId, card };
}

describe('redo of an undone answer', () => {
	it('leaves the collection as the original answer did, under a new review id', async () => {
		const { db, deckId, card } = await answeredCloze();
		const answered = await state(db, card);
		expect(answered.reviews[0]!.buriedSiblings).toHaveLength(3);

		const { undone } = await undoReviewForRedo(db, 'review-1', LATER);
		expect(await db.reviews.count()).toBe(0);
		expect((await db.cards.get(card.id))!.state).toBe(card.state);
		const review = await redoReview(db, undone!, LATEST);

		expect(await state(db, card)).toEqual(answered);
		expect(review.id).not.toBe('review-1');
		expect((await db.reviews.toArray()).map((row) => row.id)).toEqual([review.id]);
		// The undone row's tombstone stays: a copy that saw the undo cannot bring it back.
		expect(await db.tombstones.get(['reviews', 'review-1'])).toBeDefined();
		expect(await db.tombstones.get(['reviews', review.id])).toBeUndefined();
		// Every card touched is newer than the undo, for a merge or a later sync.
		const cards = await db.cards.where('noteId').equals(card.noteId).toArray();
		expect(cards.every((stored) => stored.mtime >= LATEST.getTime())).toBe(true);
		// The redone row alone rebuilds the card's FSRS state.
		const stored = (await db.cards.get(card.id))!;
		const scheduler = createScheduler(await presetForDeck(db, deckId));
		const rebuilt = replayReviews(scheduler, await db.reviews.toArray(), NOW);
		expect(rebuilt.state).toBe(stored.state);
		expect(rebuilt.reps).toBe(stored.reps);
		expect(rebuilt.due).toEqual(stored.due);
		expect(rebuilt.stability).toBeCloseTo(stored.stability, 6);
		expect(rebuilt.difficulty).toBeCloseTo(stored.difficulty, 6);
	});

	it('is refused when the card changed since the undo, and writes nothing', async () => {
		const { db, card } = await answeredCloze();
		const { undone } = await undoReviewForRedo(db, 'review-1', LATER);
		await suspendCards(db, [card.id], LATER);
		const before = await state(db, card);
		await expect(redoReview(db, undone!, LATEST)).rejects.toBeInstanceOf(StaleCardError);
		expect(await state(db, card)).toEqual(before);
		expect(await db.reviews.count()).toBe(0);
	});

	it('leaves a sibling changed since the undo as it is, and lists only those it buried', async () => {
		const { db, card } = await answeredCloze();
		const { undone } = await undoReviewForRedo(db, 'review-1', LATER);
		const [changed, ...others] = undone!.review.buriedSiblings!;
		await suspendCards(db, [changed!], LATER);
		const review = await redoReview(db, undone!, LATEST);
		expect((await db.cards.get(changed!))!.queue).toBe('suspended');
		expect(review.buriedSiblings).toEqual(others);
		const siblings = await db.cards.bulkGet(others);
		expect(siblings.every((sibling) => sibling!.queue === 'buried')).toBe(true);
		expect((await db.cards.get(card.id))!.reps).toBe(1);
		expect(review).toMatchObject({ rating: Rating.Good, review: NOW });
	});
});
