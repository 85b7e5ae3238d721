/** Shapes the stored data into what each chart draws; pure, so the component only wires it up. */
import {
	bucketDays,
	cardCounts,
	futureDue,
	reviewCalendar,
	streaks,
	timeSpent,
	trueRetention
} from '$lib/domain/stats';
import type { StatsData } from '$lib/storage/stats';
import type { Bar } from './BarChart.svelte';

export type ForecastRange = 'month' | 'year';

export function buildStatsView(data: StatsData, now: Date, startHour: number) {
	const reviewCards = data.cards.filter((c) => c.queue === 'review');
	const time = timeSpent(data.reviews, now, startHour, 30);
	return {
		calendar: reviewCalendar(data.reviews, now, startHour),
		streaks: streaks(data.reviews, now, startHour),
		retention: trueRetention(data.reviews, now, startHour, 12, 30),
		counts: cardCounts(data.cards),
		intervals: toBars(bucketDays(reviewCards.map((c) => c.scheduled_days))),
		stability: toBars(
			// Studied cards only: a buried or suspended card may never have been answered.
			bucketDays(data.cards.filter((c) => c.state !== 0).map((c) => c.stability))
		),
		time,
		timeBars: time.days.map((day) => ({
			label: day.offset === 0 ? 'today' : String(day.offset),
			values: { minutes: day.minutes }
		}))
	};
}

export function forecastBars(
	data: StatsData,
	now: Date,
	startHour: number,
	range: ForecastRange
): Bar[] {
	const buckets =
		range === 'month'
			? futureDue(data.cards, now, startHour, 30)
			: futureDue(data.cards, now, startHour, 365, 7);
	return buckets.map((bucket) => ({
		label: range === 'month' ? `+${bucket.start}d` : `+${bucket.start / 7}w`,
		values: { learning: bucket.learning, review: bucket.review }
	}));
}

function toBars(ranges: { label: string; count: number }[]): Bar[] {
	return ranges.map((range) => ({ label: range.label, values: { cards: range.count } }));
}
