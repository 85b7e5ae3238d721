/**
 * Training items for fsrs-rs, built from the `reviews` table the way Anki's rslib builds them
 * (`reviews_for_fsrs`): per card, the history since its last start as a new card; `delta_t` in
 * whole study days between consecutive answers (the first is 0); one item per history prefix of
 * two or more answers; and, when training, only prefixes whose last answer came on a later day
 * than the one before. Same-day answers (learning steps) stay inside later items as `delta_t = 0`,
 * which fsrs-rs models with its short-term stability parameters, but are never a target.
 */
import { Rating, State } from 'ts-fsrs';
import type { ReviewRecord } from '../model';
import { DEFAULT_DAY_START_HOUR, studyDay } from '../study-day';

/** What the optimiser needs of a stored review; plain data so it can cross to a worker. */
export interface ReviewEvent {
	cardId: string;
	rating: Rating;
	/** The card's state before the answer. */
	state: State;
	/** When the answer was given, ms since epoch. */
	review: number;
}

/** A grade (1-4) and the whole study days since the card's previous answer. */
export interface FsrsReview {
	rating: number;
	deltaT: number;
}

/** One card's usable history, oldest first. */
export type CardHistory = FsrsReview[];

/** A training item: a history prefix whose last answer is the one to predict. */
export type FsrsItem = FsrsReview[];

/** Items flattened into the three arrays fsrs-browser's `computeParameters` takes. */
export interface PackedItems {
	ratings: Uint32Array;
	deltaTs: Uint32Array;
	lengths: Uint32Array;
}

const DAY_MS = 86_400_000;

/** Whole study days from `from` to `to`; rounding absorbs a DST hour. */
export function studyDaysBetween(from: number, to: number, dayStartHour: number): number {
	const a = studyDay(new Date(from), dayStartHour).start.getTime();
	const b = studyDay(new Date(to), dayStartHour).start.getTime();
	return Math.max(0, Math.round((b - a) / DAY_MS));
}

function groupByCard(reviews: readonly ReviewEvent[]): Map<string, ReviewEvent[]> {
	const byCard = new Map<string, ReviewEvent[]>();
	for (const review of reviews) {
		const list = byCard.get(review.cardId);
		if (list) {
			list.push(review);
		} else {
			byCard.set(review.cardId, [review]);
		}
	}
	return byCard;
}

/**
 * The part of one card's answers that training can use: from its last answer as a new card
 * (a card reset to new starts over), without manual entries. Undefined when the card was never
 * answered as new here (e.g. history imported without its learning steps): rslib skips those too.
 */
export function cardHistory(
	answers: readonly ReviewEvent[],
	dayStartHour = DEFAULT_DAY_START_HOUR
): CardHistory | undefined {
	const graded = answers
		.filter((a) => a.rating >= Rating.Again && a.rating <= Rating.Easy)
		.sort((a, b) => a.review - b.review);
	const start = graded.findLastIndex((a) => a.state === State.New);
	if (start < 0) {
		return undefined;
	}
	let previous: number | undefined;
	return graded.slice(start).map((a) => {
		const deltaT = previous === undefined ? 0 : studyDaysBetween(previous, a.review, dayStartHour);
		previous = a.review;
		return { rating: a.rating, deltaT };
	});
}

export function cardHistories(
	reviews: readonly ReviewEvent[],
	dayStartHour = DEFAULT_DAY_START_HOUR
): CardHistory[] {
	const histories: CardHistory[] = [];
	for (const answers of groupByCard(reviews).values()) {
		const history = cardHistory(answers, dayStartHour);
		if (history) {
			histories.push(history);
		}
	}
	return histories;
}

/** Indices of the answers that are training targets: not the first, and on a new day. */
export function targetIndices(history: CardHistory): number[] {
	return history.flatMap((review, i) => (i > 0 && review.deltaT > 0 ? [i] : []));
}

export function itemsFromHistory(history: CardHistory): FsrsItem[] {
	return targetIndices(history).map((end) => history.slice(0, end + 1));
}

export function trainingItems(histories: readonly CardHistory[]): FsrsItem[] {
	return histories.flatMap(itemsFromHistory);
}

/** How many answers training would learn from: the number of items, as Anki counts them. */
export function countTrainingItems(histories: readonly CardHistory[]): number {
	return histories.reduce((sum, history) => sum + targetIndices(history).length, 0);
}

export function packItems(items: readonly FsrsItem[]): PackedItems {
	const total = items.reduce((sum, item) => sum + item.length, 0);
	const packed: PackedItems = {
		ratings: new Uint32Array(total),
		deltaTs: new Uint32Array(total),
		lengths: new Uint32Array(items.length)
	};
	let at = 0;
	items.forEach((item, i) => {
		packed.lengths[i] = item.length;
		for (const review of item) {
			packed.ratings[at] = review.rating;
			packed.deltaTs[at] = review.deltaT;
			at += 1;
		}
	});
	return packed;
}

/** The optimiser's view of a stored review. */
export function reviewEvent(
	review: Pick<ReviewRecord, 'cardId' | 'rating' | 'state' | 'review'>
): ReviewEvent {
	return {
		cardId: review.cardId,
		rating: review.rating,
		state: review.state,
		review: new Date(review.review).getTime()
	};
}
