/**
 * Rebuilds a card's FSRS state from its review rows alone: what a later sync or a merge restore
 * needs, and the proof that the review log keeps enough. Answers go through ts-fsrs `next`, as
 * its `reschedule()` replays them. Manual rows are replayed as what they were: ts-fsrs's own
 * manual entry takes a row's state as the state after the change, while ours holds the state
 * before (the ReviewLog convention), and a reset must keep or zero the counts as it did.
 */
import type { FSRS } from 'ts-fsrs';
import type { ReviewRecord } from './model';
import { forgetCard, newCardState, Rating, setDueDate, State, type Card } from './scheduler';

/** What the card is now, when known: it tells what the last of its rows, if manual, did. */
export type CardNow = Pick<Card, 'state' | 'due'>;

/**
 * Whether the manual row at `i` was a reset: marked so (rows written with `resetCounts`), or, for
 * older rows, followed by the card as new (the next row's state before, or the card now).
 */
function isReset(rows: readonly ReviewRecord[], i: number, now: CardNow | undefined): boolean {
	const row = rows[i]!;
	if (row.resetCounts !== undefined) {
		return true;
	}
	const after = rows[i + 1]?.state ?? now?.state;
	return after === State.New;
}

/** The due date a "set due date" row set: the next row's due before, or the card's now. */
function dueSet(rows: readonly ReviewRecord[], i: number, now: CardNow | undefined): Date {
	return new Date(rows[i + 1]?.cardDue ?? now?.due ?? rows[i]!.review);
}

/**
 * The card state after replaying `reviews` (any order) on a new card created at `createdAt`.
 * `now`, the card as stored, tells what a last manual row did; without it, such a row counts
 * as a reset only when marked so.
 */
export function replayReviews(
	scheduler: FSRS,
	reviews: readonly ReviewRecord[],
	createdAt: Date,
	now?: CardNow
): Card {
	const rows = [...reviews].sort((a, b) => a.review.getTime() - b.review.getTime());
	let card = newCardState(createdAt);
	for (const [i, row] of rows.entries()) {
		const at = new Date(row.review);
		if (row.rating !== Rating.Manual) {
			card = scheduler.next(card, at, row.rating).card;
		} else if (isReset(rows, i, now)) {
			// Unmarked (older) resets kept the counts: the reset of the code that wrote them did.
			card = forgetCard(scheduler, card, at, row.resetCounts ?? false).card;
		} else {
			card = setDueDate(scheduler, card, dueSet(rows, i, now), at).card;
		}
	}
	return card;
}
