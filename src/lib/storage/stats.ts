/** Reads what the statistics screen needs: every review and every card, trimmed to a few fields. */
import type { StatsCard, StatsReview } from '$lib/domain/stats';
import type { EngramDB } from './db';

export interface StatsData {
	reviews: StatsReview[];
	cards: StatsCard[];
}

export async function loadStatsData(db: EngramDB): Promise<StatsData> {
	return db.transaction('r', [db.reviews, db.cards], async () => {
		const reviews: StatsReview[] = [];
		await db.reviews.each(({ review, rating, state, scheduled_days, duration }) => {
			reviews.push({ review, rating, state, scheduled_days, duration });
		});
		const cards: StatsCard[] = [];
		await db.cards.each(({ due, queue, state, scheduled_days, stability }) => {
			cards.push({ due, queue, state, scheduled_days, stability });
		});
		return { reviews, cards };
	});
}
