/**
 * Reads what the statistics screen needs: every answer and every card, trimmed to a few fields.
 * Manual rows (a reset, a set due date) are schedule changes, not answers, so they are left out.
 */
import { Rating } from '$lib/domain/scheduler';
import { MAX_ANSWER_MS } from '$lib/domain/stats/time-spent';
import type { StatsCard, StatsReview } from '$lib/domain/stats';
import { studyDay } from '$lib/domain/study-day';
import type { EngramDB } from './db';

export interface StatsData {
	reviews: StatsReview[];
	cards: StatsCard[];
}

export async function loadStatsData(db: EngramDB): Promise<StatsData> {
	return db.transaction('r', [db.reviews, db.cards], async () => {
		const reviews: StatsReview[] = [];
		await db.reviews.each(({ review, rating, state, scheduled_days, duration }) => {
			if (rating !== Rating.Manual) {
				reviews.push({ review, rating, state, scheduled_days, duration });
			}
		});
		const cards: StatsCard[] = [];
		await db.cards.each(({ due, queue, state, scheduled_days, stability }) => {
			cards.push({ due, queue, state, scheduled_days, stability });
		});
		return { reviews, cards };
	});
}

export interface DaySummary {
	answers: number;
	again: number;
	/** Time spent answering, in milliseconds. */
	duration: number;
}

/** What was done in one deck today, for the study screen's end screen. */
export async function deckDaySummary(
	db: EngramDB,
	deckId: string,
	now: Date,
	dayStartHour?: number
): Promise<DaySummary> {
	const day = studyDay(now, dayStartHour);
	const summary: DaySummary = { answers: 0, again: 0, duration: 0 };
	await db.reviews
		.where('[deckId+review]')
		.between([deckId, day.start], [deckId, day.end])
		.each((review) => {
			if (review.rating === Rating.Manual) {
				return;
			}
			summary.answers += 1;
			summary.again += review.rating === Rating.Again ? 1 : 0;
			summary.duration += Math.min(review.duration, MAX_ANSWER_MS);
		});
	return summary;
}
