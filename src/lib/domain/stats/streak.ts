/** Study streaks: consecutive study days with at least one review. */
import { dayFrame, dayOffset } from './days';
import type { StatsReview } from './inputs';

export interface Streaks {
	/** Days in a row up to today (or up to yesterday, if today has no review yet). */
	current: number;
	longest: number;
	studiedToday: boolean;
}

export function streaks(
	reviews: readonly Pick<StatsReview, 'review'>[],
	now: Date,
	startHour: number
): Streaks {
	const frame = dayFrame(now, startHour);
	const days = new Set(reviews.map((r) => dayOffset(r.review, frame)));
	const studiedToday = days.has(0);
	let current = 0;
	for (let day = studiedToday ? 0 : -1; days.has(day); day -= 1) {
		current += 1;
	}
	const sorted = [...days].sort((a, b) => a - b);
	let longest = 0;
	let run = 0;
	sorted.forEach((day, i) => {
		run = i > 0 && day === sorted[i - 1]! + 1 ? run + 1 : 1;
		longest = Math.max(longest, run);
	});
	return { current, longest, studiedToday };
}
