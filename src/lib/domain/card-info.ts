/**
 * Anki's Card Info for one card, from the stored card and its review events: when it was added,
 * first and latest review, interval, due, FSRS difficulty, stability and retrievability now,
 * reviews and lapses, time spent, its type, note type, deck and preset, and each review (date,
 * type, rating, the interval it gave, time taken), newest first. Figures follow Anki's display:
 * difficulty as a percentage of FSRS's 1–10 range, retrievability as a percentage.
 */
import { formatInterval } from './interval-format';
import type { CardRecord, ReviewRecord } from './model';
import { retrievability } from './retrievability';

export interface CardInfoInput {
	card: CardRecord;
	/** When the card's note was added (ms since epoch). */
	addedAt: number;
	cardType: string;
	noteType: string;
	deckName: string;
	presetName: string;
	/** The preset's FSRS weights (undefined: the defaults), for retrievability. */
	weights: readonly number[] | undefined;
	/** The card's review events, in any order. */
	reviews: readonly ReviewRecord[];
	/** The name of the card's flag (custom or its colour's), when it has one. */
	flagName?: string;
}

export interface InfoRow {
	label: string;
	value: string;
}

export interface ReviewRow {
	id: string;
	date: string;
	type: 'Learn' | 'Review' | 'Relearn' | 'Manual';
	rating: string;
	/** The interval the answer gave: until the card was next due. */
	interval: string;
	time: string;
}

export interface CardInfo {
	rows: InfoRow[];
	/** Newest first, as Anki lists them. */
	reviews: ReviewRow[];
}

const DAY_MS = 86_400_000;
const MANUAL = 0;
const RATINGS = ['Manual', 'Again', 'Hard', 'Good', 'Easy'] as const;
const TYPES: Record<number, ReviewRow['type']> = {
	0: 'Learn',
	1: 'Learn',
	2: 'Review',
	3: 'Relearn'
};

/** Dates as the user's locale writes them (a BCP 47 tag such as `navigator.language`). */
interface DateFormats {
	date(time: Date | number): string;
	dateTime(time: Date | number): string;
}

export function dateFormats(locale: string): DateFormats {
	const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
	const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
	return { date: (time) => date.format(time), dateTime: (time) => dateTime.format(time) };
}

function oneDecimal(n: number): string {
	return String(Math.round(n * 10) / 10);
}

/** A span of days as words: "12 days", "1.5 months", "2.1 years" (Anki's month is 30 days). */
export function formatDays(days: number): string {
	if (days < 1) {
		return formatInterval(days * DAY_MS);
	}
	if (days < 30) {
		const value = oneDecimal(days);
		return `${value} day${value === '1' ? '' : 's'}`;
	}
	if (days < 365) {
		return `${oneDecimal(days / 30)} months`;
	}
	return `${oneDecimal(days / 365)} years`;
}

/** Seconds as Anki shows time taken: "8 seconds", "6.5 seconds", "2.3 minutes", "1.2 hours". */
export function formatSeconds(ms: number): string {
	const seconds = ms / 1000;
	if (seconds < 60) {
		const value = oneDecimal(seconds);
		return `${value} second${value === '1' ? '' : 's'}`;
	}
	if (seconds < 3600) {
		return `${oneDecimal(seconds / 60)} minutes`;
	}
	return `${oneDecimal(seconds / 3600)} hours`;
}

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** Each review's row; an answer's interval runs to the due date the next event found it at. */
function reviewRows(
	card: CardRecord,
	sorted: readonly ReviewRecord[],
	dates: DateFormats
): ReviewRow[] {
	return sorted
		.map((review, i) => {
			const dueAfter = sorted[i + 1]?.cardDue ?? card.due;
			return {
				id: review.id,
				date: dates.dateTime(review.review),
				type: review.rating === MANUAL ? 'Manual' : (TYPES[review.state] ?? 'Review'),
				rating: RATINGS[review.rating] ?? String(review.rating),
				interval: formatInterval(Math.max(0, dueAfter.getTime() - review.review.getTime())),
				time: review.rating === MANUAL ? '' : formatSeconds(review.duration)
			} satisfies ReviewRow;
		})
		.reverse();
}

/** Where the card is due: a new card's place, or the date (and time for learning cards). */
function dueRow(card: CardRecord, dates: DateFormats): InfoRow {
	if (card.state === 0) {
		return { label: 'Position', value: `New #${card.position + 1}` };
	}
	const date = card.state === 2 ? dates.date(card.due) : dates.dateTime(card.due);
	const note =
		card.queue === 'suspended' ? ' (suspended)' : card.queue === 'buried' ? ' (buried)' : '';
	return { label: 'Due', value: `${date}${note}` };
}

function memoryRows(input: CardInfoInput, now: Date): InfoRow[] {
	const { card } = input;
	if (card.state === 0 || card.stability <= 0) {
		return [];
	}
	const rows: InfoRow[] = [];
	if (card.state === 2) {
		rows.push({ label: 'Interval', value: formatDays(card.scheduled_days) });
	}
	rows.push(
		{ label: 'Difficulty', value: percent((card.difficulty - 1) / 9) },
		{ label: 'Stability', value: formatDays(card.stability) }
	);
	const r = retrievability(
		{
			state: card.state,
			stability: card.stability,
			lastReview: card.last_review,
			weights: input.weights
		},
		now
	);
	if (r !== undefined) {
		rows.push({ label: 'Retrievability', value: percent(r) });
	}
	return rows;
}

/** The card's info at `now`, dates written for `locale` (the screen passes navigator.language). */
export function describeCard(input: CardInfoInput, now: Date, locale: string): CardInfo {
	const { card } = input;
	const dates = dateFormats(locale);
	const sorted = [...input.reviews].sort((a, b) => a.review.getTime() - b.review.getTime());
	const answers = sorted.filter((review) => review.rating !== MANUAL);
	const total = answers.reduce((sum, review) => sum + review.duration, 0);
	const rows: InfoRow[] = [{ label: 'Added', value: dates.date(input.addedAt) }];
	if (answers.length > 0) {
		rows.push(
			{ label: 'First review', value: dates.date(answers[0]!.review) },
			{ label: 'Latest review', value: dates.date(answers.at(-1)!.review) }
		);
	}
	rows.push(dueRow(card, dates), ...memoryRows(input, now), {
		label: 'Reviews',
		value: String(card.reps)
	});
	rows.push({ label: 'Lapses', value: String(card.lapses) });
	if (answers.length > 0) {
		rows.push(
			{ label: 'Average time', value: formatSeconds(total / answers.length) },
			{ label: 'Total time', value: formatSeconds(total) }
		);
	}
	if (card.flag && input.flagName) {
		rows.push({ label: 'Flag', value: input.flagName });
	}
	rows.push(
		{ label: 'Card type', value: input.cardType },
		{ label: 'Note type', value: input.noteType },
		{ label: 'Deck', value: input.deckName },
		{ label: 'Preset', value: input.presetName },
		{ label: 'Card ID', value: card.id },
		{ label: 'Note ID', value: card.noteId }
	);
	return { rows, reviews: reviewRows(card, sorted, dates) };
}
