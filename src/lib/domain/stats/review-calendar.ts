/**
 * Reviews per day laid out as a calendar heatmap (like GitHub's): one column per week, one row per
 * weekday, ending with today's week. Each cell knows its date, count and intensity level 0-4.
 */
import { dayFrame, dayOffset, dayStart } from './days';
import type { StatsReview } from './inputs';

export interface CalendarCell {
	date: Date;
	count: number;
	/** 0 for no reviews, then 1-4 by quartile of the busiest day. */
	level: number;
	week: number;
	weekday: number;
}

export interface ReviewCalendar {
	cells: CalendarCell[];
	weeks: number;
	max: number;
	activeDays: number;
	total: number;
}

export function reviewCalendar(
	reviews: readonly Pick<StatsReview, 'review'>[],
	now: Date,
	startHour: number,
	weeks = 53
): ReviewCalendar {
	const frame = dayFrame(now, startHour);
	const todayWeekday = frame.today.getDay();
	const firstOffset = -((weeks - 1) * 7 + todayWeekday);
	const counts = new Map<number, number>();
	for (const { review } of reviews) {
		const offset = dayOffset(review, frame);
		if (offset >= firstOffset && offset <= 0) {
			counts.set(offset, (counts.get(offset) ?? 0) + 1);
		}
	}
	const max = Math.max(0, ...counts.values());
	const cells: CalendarCell[] = [];
	for (let offset = firstOffset; offset <= 0; offset += 1) {
		const index = offset - firstOffset;
		const count = counts.get(offset) ?? 0;
		cells.push({
			date: dayStart(offset, frame),
			count,
			level: count === 0 ? 0 : Math.min(4, Math.ceil((count / max) * 4)),
			week: Math.floor(index / 7),
			weekday: index % 7
		});
	}
	const total = [...counts.values()].reduce((a, b) => a + b, 0);
	return { cells, weeks, max, activeDays: counts.size, total };
}
