/** The few fields of reviews and cards that the statistics read. */
import type { Queue } from '../model';

export interface StatsReview {
	review: Date;
	rating: number;
	/** FSRS state before the answer: 0 new, 1 learning, 2 review, 3 relearning. */
	state: number;
	/** Interval in days before the answer: 21 or more means the card was mature. */
	scheduled_days: number;
	duration: number;
}

export interface StatsCard {
	due: Date;
	queue: Queue;
	state: number;
	scheduled_days: number;
	stability: number;
}

/** Anki's threshold: a review card with an interval of 21 days or more is mature. */
export const MATURE_DAYS = 21;
