/**
 * Rebuilds a card's FSRS state from its review rows alone, with ts-fsrs's `reschedule()`: what a
 * later sync or an optimiser run needs, and the proof that the review log keeps enough.
 */
import type { FSRS, FSRSHistory } from 'ts-fsrs';
import type { ReviewRecord } from './model';
import { newCardState, type Card } from './scheduler';

/** The card state after replaying `reviews` (any order) on a new card created at `createdAt`. */
export function replayReviews(
	scheduler: FSRS,
	reviews: readonly ReviewRecord[],
	createdAt: Date
): Card {
	const history: FSRSHistory[] = [...reviews]
		.sort((a, b) => a.review.getTime() - b.review.getTime())
		.map((review) => ({
			rating: review.rating,
			review: review.review,
			state: review.state,
			due: review.cardDue,
			stability: review.stability,
			difficulty: review.difficulty
		})) as FSRSHistory[];
	const { collections } = scheduler.reschedule(newCardState(createdAt), history, {
		first_card: newCardState(createdAt),
		skipManual: false,
		update_memory_state: true,
		now: history.at(-1)?.review ?? createdAt
	});
	return collections.at(-1)?.card ?? newCardState(createdAt);
}
