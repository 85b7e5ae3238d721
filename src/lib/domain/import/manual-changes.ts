/**
 * Manual schedule changes in a review history: Anki writes a revlog entry with ease 0 and kind
 * Manual (4) for "reset"/"forget" (with factor 0) and "set due date", and kind Rescheduled (5)
 * when FSRS reschedules (rslib/src/revlog/mod.rs). Engram stores the same changes as Manual
 * review rows. A history with such changes is replayed event by event, so a reset in the middle
 * starts the card's memory afresh and a final "set due date" leaves the card due when it was set.
 */
import type { FSRS } from 'ts-fsrs';
import type { ReviewRecord } from '../model';
import { answer, forgetCard, newCardState, setDueDate, type Card } from '../scheduler';
import { answerRecord, replayHistory, type PastAnswer, type ReplayResult } from './review-history';

const DAY = 86_400_000;

export interface ManualChange {
	sourceId: string;
	/** The row's own id when the source has one (an Engram deck file): kept, so a re-import merges. */
	id?: string;
	kind: 'reset' | 'due';
	review: Date;
	/** For `due`: the interval set, in days from the change. */
	days: number;
	/** For `reset`: whether it zeroed reps and lapses; absent (Anki's revlog does not say): kept. */
	resetCounts?: boolean | undefined;
}

type Ids = { cardId: string; deckId: string };

function changeRecord(
	scheduler: FSRS,
	card: Card,
	change: ManualChange,
	ids: Ids
): { card: Card; record: ReviewRecord } {
	const at = change.review;
	const zeroed = change.resetCounts ?? false;
	const result =
		change.kind === 'reset'
			? forgetCard(scheduler, card, at, zeroed)
			: setDueDate(scheduler, card, new Date(at.getTime() + change.days * DAY), at);
	const record: ReviewRecord = {
		...result.log,
		id: change.id ?? `${ids.cardId}@${change.sourceId}`,
		cardId: ids.cardId,
		deckId: ids.deckId,
		duration: 0,
		// What the reset did to the counts, so a replay gives the same card.
		...(change.kind === 'reset' ? { resetCounts: zeroed } : {})
	};
	return { card: result.card, record };
}

export function replayWithChanges(
	scheduler: FSRS,
	ids: Ids,
	answers: PastAnswer[],
	changes: ManualChange[],
	now: Date
): ReplayResult {
	if (changes.length === 0) {
		return replayHistory(scheduler, ids, answers, now);
	}
	const events = [
		...answers.map((a) => ({ at: a.review.getTime(), answer: a })),
		...changes.map((c) => ({ at: c.review.getTime(), change: c }))
	].sort((a, b) => a.at - b.at);
	let card = newCardState(new Date(events[0]!.at));
	const reviews: ReviewRecord[] = [];
	for (const event of events) {
		if ('change' in event) {
			const step = changeRecord(scheduler, card, event.change, ids);
			reviews.push(step.record);
			card = step.card;
		} else {
			const step = answer(scheduler, card, event.answer.rating, event.answer.review);
			reviews.push(answerRecord(step, card, ids, event.answer));
			card = step.card;
		}
	}
	return { card, reviews };
}
