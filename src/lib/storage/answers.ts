/**
 * Answering and undoing. Each answer writes the new card state and its review row in one
 * transaction: either both land or neither does.
 */
import { newId } from '$lib/domain/ids';
import type { CardRecord, ReviewRecord } from '$lib/domain/model';
import { answer, createScheduler, undoAnswer, type Grade } from '$lib/domain/scheduler';
import type { EngramDB } from './db';
import { presetForDeck, queueForState } from './queue';

/** The card changed since it was shown (answered in another tab, edited): nothing was written. */
export class StaleCardError extends Error {
	override name = 'StaleCardError';
	constructor() {
		super('This card was already answered elsewhere; showing the next one.');
	}
}

export interface AnswerInput {
	cardId: string;
	grade: Grade;
	now: Date;
	/** Milliseconds the card was on screen. */
	duration: number;
	/** The card's `mtime` when it was shown; a different value means someone else changed it. */
	shownMtime: number;
}

export async function answerCard(db: EngramDB, input: AnswerInput): Promise<ReviewRecord> {
	return db.transaction('rw', [db.cards, db.reviews, db.decks, db.presets], async () => {
		const card = await db.cards.get(input.cardId);
		if (!card || card.mtime !== input.shownMtime) {
			throw new StaleCardError();
		}
		const scheduler = createScheduler(await presetForDeck(db, card.deckId));
		const result = answer(scheduler, card, input.grade, input.now);
		const next: CardRecord = {
			...card,
			...result.card,
			queue: queueForState(result.card.state),
			mtime: Math.max(input.now.getTime(), card.mtime + 1)
		};
		const review: ReviewRecord = {
			...result.log,
			id: newId(),
			cardId: card.id,
			deckId: card.deckId,
			duration: Math.max(0, Math.round(input.duration))
		};
		await db.cards.put(next);
		await db.reviews.add(review);
		return review;
	});
}

/** Restores the card exactly as before `reviewId` and removes that review. */
export async function undoReview(db: EngramDB, reviewId: string, now: Date): Promise<CardRecord> {
	return db.transaction('rw', [db.cards, db.reviews, db.decks, db.presets], async () => {
		const review = await db.reviews.get(reviewId);
		if (!review) {
			throw new Error('Nothing to undo: that answer is no longer stored.');
		}
		const card = await db.cards.get(review.cardId);
		if (!card) {
			throw new Error('Nothing to undo: that card was deleted.');
		}
		const scheduler = createScheduler(await presetForDeck(db, card.deckId));
		const previous = undoAnswer(scheduler, card, review);
		const restored: CardRecord = {
			...card,
			...previous,
			queue: queueForState(previous.state),
			mtime: Math.max(now.getTime(), card.mtime + 1)
		};
		if (!previous.last_review) {
			delete restored.last_review;
		}
		await db.cards.put(restored);
		await db.reviews.delete(reviewId);
		return restored;
	});
}
