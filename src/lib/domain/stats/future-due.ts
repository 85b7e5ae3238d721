/**
 * How many cards fall due on each coming day (or week), split into learning and review, like
 * Anki's Future Due graph. Overdue cards count for today.
 */
import { dayFrame, dayOffset } from './days';
import type { StatsCard } from './inputs';

export interface DueBucket {
	/** First day of the bucket, in days from today. */
	start: number;
	learning: number;
	review: number;
}

export function futureDue(
	cards: readonly Pick<StatsCard, 'due' | 'queue'>[],
	now: Date,
	startHour: number,
	days: number,
	bucketDays = 1
): DueBucket[] {
	const frame = dayFrame(now, startHour);
	const buckets: DueBucket[] = Array.from({ length: Math.ceil(days / bucketDays) }, (_, i) => ({
		start: i * bucketDays,
		learning: 0,
		review: 0
	}));
	for (const card of cards) {
		if (card.queue !== 'learning' && card.queue !== 'review') {
			continue;
		}
		const offset = Math.max(0, dayOffset(card.due, frame));
		const bucket = buckets[Math.floor(offset / bucketDays)];
		if (bucket) {
			bucket[card.queue] += 1;
		}
	}
	return buckets;
}
