/**
 * Anki's review log becomes Engram review events, and each card's FSRS memory state is rebuilt
 * by replaying them with ts-fsrs `reschedule`, so progress made in Anki carries over.
 */
import type { FSRS, RecordLogItem } from 'ts-fsrs';
import type { Card } from 'ts-fsrs';
import { createScheduler, DEFAULT_SCHEDULER_OPTIONS, newCardState } from '../scheduler';
import type { ReviewRecord } from '../model';

export interface PastAnswer {
	/** Stable id of the source entry (Anki revlog id). */
	sourceId: string;
	/** The review's own id when the source has one (an Engram deck file): kept, so a re-import merges. */
	id?: string;
	rating: 1 | 2 | 3 | 4;
	review: Date;
	duration: number;
}

export interface ReplayResult {
	card: Card;
	reviews: ReviewRecord[];
}

/** Deterministic: no fuzz, so the same history always yields the same state. */
export function historyScheduler(): FSRS {
	return createScheduler({ ...DEFAULT_SCHEDULER_OPTIONS, enableFuzz: false });
}

/** The review row for one replayed answer; `before` is the card as it was when answered. */
export function answerRecord(
	item: RecordLogItem,
	before: Card,
	ids: { cardId: string; deckId: string },
	answer: PastAnswer
): ReviewRecord {
	const record: ReviewRecord = {
		...item.log,
		id: answer.id ?? `${ids.cardId}@${answer.sourceId}`,
		cardId: ids.cardId,
		deckId: ids.deckId,
		rating: item.log.rating,
		cardDue: before.due,
		review: answer.review,
		duration: answer.duration
	};
	if (before.last_review) {
		record.cardLastReview = before.last_review;
	}
	return record;
}

export function replayHistory(
	scheduler: FSRS,
	ids: { cardId: string; deckId: string },
	answers: PastAnswer[],
	now: Date
): ReplayResult {
	const sorted = [...answers].sort((a, b) => a.review.getTime() - b.review.getTime());
	const first = newCardState(sorted[0]?.review ?? now);
	const { collections } = scheduler.reschedule(
		first,
		sorted.map((a) => ({ rating: a.rating, review: a.review })),
		{ skipManual: true, update_memory_state: true, now }
	);
	const reviews = collections.map((item: RecordLogItem, i) =>
		answerRecord(item, i === 0 ? first : collections[i - 1]!.card, ids, sorted[i]!)
	);
	return { card: collections.at(-1)?.card ?? first, reviews };
}
