/**
 * Undo that can be redone, for the study screen. Undo deletes the answer's review row and leaves
 * a tombstone (answers.ts, `undoReview`), so a merge or a sync never brings the undone answer
 * back. Redo therefore never writes that row again: it writes the same answer as a new review
 * row (a new id; the same rating, time and state before it), and puts back the card and the
 * siblings the answer buried exactly as the answer left them. A card's state still rebuilds by
 * replaying its reviews, and a copy that saw the tombstone cannot delete the redone answer.
 */
import { newId } from '$lib/domain/ids';
import type { CardRecord, ReviewRecord } from '$lib/domain/model';
import { StaleCardError, undoReview } from './answers';
import { touched } from './card-actions';
import type { EngramDB } from './db';
import { tagLeech } from './leech-tags';

/** An undone answer, as much as its redo needs. */
export interface UndoneAnswer {
	/** The review row as it was stored (deleted and tombstoned by the undo). */
	review: ReviewRecord;
	/** The cards as the answer left them: the answered card, then the siblings it buried. */
	cards: CardRecord[];
	/** Their `mtime`s as the undo left them: a card changed since is not written over. */
	undoneMtimes: (number | undefined)[];
}

/** `undoReview`, keeping what `redoReview` needs to give the same answer again. */
export async function undoReviewForRedo(
	db: EngramDB,
	reviewId: string,
	now: Date
): Promise<{ card: CardRecord; undone: UndoneAnswer | undefined }> {
	const tables = [db.cards, db.reviews, db.decks, db.presets, db.tombstones, db.notes];
	return db.transaction('rw', tables, async () => {
		const review = await db.reviews.get(reviewId);
		const ids = review ? [review.cardId, ...(review.buriedSiblings ?? [])] : [];
		const answered = await db.cards.bulkGet(ids);
		const card = await undoReview(db, reviewId, now); // Throws when there is nothing to undo.
		const undoneMtimes = (await db.cards.bulkGet(ids)).map((stored) => stored?.mtime);
		const cards = answered.filter((stored) => stored !== undefined);
		const undone = review && cards.length === ids.length && { review, cards, undoneMtimes };
		return { card, undone: undone || undefined };
	});
}

/**
 * Gives an undone answer again: the card as the answer left it, its siblings buried again (those
 * not changed since the undo), the leech tag put back, and the review row under a new id.
 * Refused (StaleCardError) when the card changed since the undo (another tab, an edit).
 */
export async function redoReview(
	db: EngramDB,
	undone: UndoneAnswer,
	now: Date
): Promise<ReviewRecord> {
	return db.transaction('rw', [db.cards, db.reviews, db.notes], async () => {
		const stored = await db.cards.bulkGet(undone.cards.map((card) => card.id));
		if (stored[0] === undefined || stored[0].mtime !== undone.undoneMtimes[0]) {
			throw new StaleCardError();
		}
		const cards = undone.cards.flatMap((card, index) => {
			const current = stored[index];
			return current && current.mtime === undone.undoneMtimes[index]
				? [{ ...card, mtime: touched(current, now) }]
				: [];
		});
		const { buriedSiblings: _b, leechTagged, ...answer } = undone.review;
		const review: ReviewRecord = { ...answer, id: newId() };
		const siblings = cards.slice(1).map((card) => card.id);
		if (siblings.length > 0) {
			review.buriedSiblings = siblings;
		}
		if (leechTagged && (await tagLeech(db, cards[0]!.noteId, now))) {
			review.leechTagged = true;
		}
		await Promise.all([db.cards.bulkPut(cards), db.reviews.add(review)]);
		return review;
	});
}
