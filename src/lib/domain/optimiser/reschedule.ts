/**
 * Rescheduling cards after the parameters change, and the due load it would cause. A card's
 * history is replayed under the new parameters as the app rebuilds a card (history.ts): answers
 * through ts-fsrs, resets and set due dates as what they did, so a card reset and learnt again
 * keeps nothing of what it knew before. Its new memory state and due date come from that replay,
 * so its last review stays the real one (ts-fsrs's own "manual" reschedule entry would stamp the
 * card as reviewed now).
 */
import { State, type FSRS } from 'ts-fsrs';
import { replayReviews } from '../history';
import type { CardRecord, ReviewRecord } from '../model';
import { DEFAULT_DAY_START_HOUR } from '../study-day';
import { studyDaysBetween } from './items';

export type RescheduleFields = Pick<
	CardRecord,
	'due' | 'stability' | 'difficulty' | 'scheduled_days'
>;

/** The card's new due date and memory state, or undefined when it is not in review. */
export function rescheduledFields(
	scheduler: FSRS,
	card: CardRecord,
	reviews: readonly ReviewRecord[]
): RescheduleFields | undefined {
	if (card.state !== State.Review || reviews.length === 0) {
		return undefined;
	}
	const first = Math.min(...reviews.map((review) => new Date(review.review).getTime()));
	// The card as stored tells what a last manual row did (a reset, or the due date it set).
	const replay = replayReviews(scheduler, reviews, new Date(first), card);
	if (replay.state !== State.Review) {
		return undefined;
	}
	const { due, stability, difficulty, scheduled_days } = replay;
	return { due, stability, difficulty, scheduled_days };
}

/**
 * Cards due on each of the next `days` study days (index 0 is today, and includes overdue
 * cards), as the reschedule preview shows them.
 */
export function dueLoad(
	dues: readonly Date[],
	now: Date,
	days = 30,
	dayStartHour = DEFAULT_DAY_START_HOUR
): number[] {
	const load = new Array<number>(days).fill(0);
	for (const due of dues) {
		const offset =
			due.getTime() <= now.getTime()
				? 0
				: studyDaysBetween(now.getTime(), due.getTime(), dayStartHour);
		if (offset < days) {
			load[offset] = (load[offset] ?? 0) + 1;
		}
	}
	return load;
}
