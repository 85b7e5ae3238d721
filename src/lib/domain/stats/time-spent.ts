/** Minutes spent answering per day, over the last `days` study days. */
import { dayFrame, dayOffset } from './days';
import type { StatsReview } from './inputs';

export interface DayTime {
	/** Days from today (0 = today, negative = past). */
	offset: number;
	minutes: number;
	reviews: number;
}

export interface TimeSpent {
	days: DayTime[];
	totalMinutes: number;
	/** Mean seconds per answer over the range, or 0. */
	secondsPerCard: number;
}

/** Answers left on screen longer than this (the phone put down) count only this long. */
export const MAX_ANSWER_MS = 60_000;

export function timeSpent(
	reviews: readonly Pick<StatsReview, 'review' | 'duration'>[],
	now: Date,
	startHour: number,
	days = 30
): TimeSpent {
	const frame = dayFrame(now, startHour);
	const result: DayTime[] = Array.from({ length: days }, (_, i) => ({
		offset: i - (days - 1),
		minutes: 0,
		reviews: 0
	}));
	let totalMs = 0;
	let count = 0;
	for (const review of reviews) {
		const day = result[dayOffset(review.review, frame) + days - 1];
		if (!day) {
			continue;
		}
		const ms = Math.min(Math.max(0, review.duration), MAX_ANSWER_MS);
		day.minutes += ms / 60_000;
		day.reviews += 1;
		totalMs += ms;
		count += 1;
	}
	return {
		days: result,
		totalMinutes: totalMs / 60_000,
		secondsPerCard: count > 0 ? totalMs / count / 1000 : 0
	};
}
