/**
 * Study-day arithmetic shared by the statistics: which day (relative to today) a moment falls
 * in, counting days from the configured day-start hour in local time.
 */
import { studyDay } from '../study-day';

const DAY_MS = 86_400_000;

export interface DayFrame {
	/** Start of today's study day. */
	today: Date;
	startHour: number;
}

export function dayFrame(now: Date, startHour: number): DayFrame {
	return { today: studyDay(now, startHour).start, startHour };
}

/** Days from today: 0 today, -1 yesterday, 1 tomorrow. Rounded, so DST shifts do not matter. */
export function dayOffset(moment: Date, frame: DayFrame): number {
	const start = studyDay(moment, frame.startHour).start;
	return Math.round((start.getTime() - frame.today.getTime()) / DAY_MS);
}

/** The start of the study day `offset` days from today. */
export function dayStart(offset: number, frame: DayFrame): Date {
	const date = new Date(frame.today);
	date.setDate(date.getDate() + offset);
	date.setHours(frame.startHour, 0, 0, 0);
	return date;
}
