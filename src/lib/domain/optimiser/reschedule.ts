/**
 * Rescheduling cards after the parameters change, and the due load it would cause. A card's
 * history is replayed with ts-fsrs `reschedule` under the new parameters; its new memory state
 * and due date come from that replay, so its last review stays the real one (ts-fsrs's own
 * "manual" reschedule entry would stamp the card as reviewed now).
 */
import { Rating, State, type FSRS, type FSRSHistory } from 'ts-fsrs';
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
	reviews: readonly Pick<ReviewRecord, 'rating' | 'review'>[],
	now: Date
): RescheduleFields | undefined {
	if (card.state !== State.Review) {
		return undefined;
	}
	const history: FSRSHistory[] = reviews
		.filter((review) => review.rating !== Rating.Manual)
		.map((review) => ({
			rating: review.rating as Exclude<Rating, Rating.Manual>,
			review: review.review
		}))
		.sort((a, b) => new Date(a.review).getTime() - new Date(b.review).getTime());
	const replay = scheduler.reschedule(card, history, { now, skipManual: true }).collections.at(-1);
	if (!replay || replay.card.state !== State.Review) {
		return undefined;
	}
	const { due, stability, difficulty, scheduled_days } = replay.card;
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
