/**
 * True retention: of the reviews of cards already in review, the share not answered Again,
 * split into young (interval under 21 days) and mature cards, per period. The state and interval
 * are those before the answer, which is what each stored review records.
 */
import { dayFrame, dayOffset, dayStart } from './days';
import { MATURE_DAYS, type StatsReview } from './inputs';

const REVIEW_STATE = 2;
const AGAIN = 1;

export interface PassRate {
	passed: number;
	total: number;
}

export interface RetentionPeriod {
	/** Start of the period (a study-day start). */
	start: Date;
	young: PassRate;
	mature: PassRate;
}

/** `periods` periods of `periodDays` days each, the last one ending today. */
export function trueRetention(
	reviews: readonly StatsReview[],
	now: Date,
	startHour: number,
	periods = 12,
	periodDays = 30
): RetentionPeriod[] {
	const frame = dayFrame(now, startHour);
	const firstDay = -(periods * periodDays - 1);
	const result: RetentionPeriod[] = Array.from({ length: periods }, (_, i) => ({
		start: dayStart(firstDay + i * periodDays, frame),
		young: { passed: 0, total: 0 },
		mature: { passed: 0, total: 0 }
	}));
	for (const review of reviews) {
		if (review.state !== REVIEW_STATE) {
			continue;
		}
		const offset = dayOffset(review.review, frame);
		const period = result[Math.floor((offset - firstDay) / periodDays)];
		if (!period || offset > 0) {
			continue;
		}
		const rate = review.scheduled_days >= MATURE_DAYS ? period.mature : period.young;
		rate.total += 1;
		rate.passed += review.rating === AGAIN ? 0 : 1;
	}
	return result;
}

/** Passed / total, or undefined when there was nothing to measure. */
export function ratio(rate: PassRate): number | undefined {
	return rate.total > 0 ? rate.passed / rate.total : undefined;
}
