/**
 * The daily queue, read through compound indexes so its cost grows with what it returns, never
 * with the size of the collection.
 */
import Dexie from 'dexie';
import type { CardRecord, Queue } from '$lib/domain/model';
import { DEFAULT_PRESET, type DeckPreset } from '$lib/domain/preset';
import { Rating, State } from '$lib/domain/scheduler';
import { studyDay } from '$lib/domain/study-day';
import { queueForState } from '$lib/domain/queue-policy';
import type { EngramDB } from './db';

/** Learning cards due this soon are shown rather than ending the session (Anki's learn-ahead). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export interface DueCounts {
	new: number;
	learning: number;
	review: number;
}

interface DayProgress {
	newDone: number;
	reviewsDone: number;
}

function byDue(db: EngramDB, deckId: string, queue: Queue, upTo: Date) {
	return db.cards
		.where('[deckId+queue+due]')
		.between([deckId, queue, Dexie.minKey], [deckId, queue, upTo], true, true);
}

function byPosition(db: EngramDB, deckId: string) {
	return db.cards
		.where('[deckId+queue+position]')
		.between([deckId, 'new', Dexie.minKey], [deckId, 'new', Dexie.maxKey]);
}

export async function presetForDeck(db: EngramDB, deckId: string): Promise<DeckPreset> {
	const deck = await db.decks.get(deckId);
	const preset = deck ? await db.presets.get(deck.presetId) : undefined;
	return preset ?? DEFAULT_PRESET;
}

async function dayProgress(
	db: EngramDB,
	deckId: string,
	dayStart: Date,
	now: Date
): Promise<DayProgress> {
	let newDone = 0;
	let reviewsDone = 0;
	await db.reviews
		.where('[deckId+review]')
		.between([deckId, dayStart], [deckId, now], true, true)
		.each((review) => {
			// Manual rows (reset, set due date) are not answers and use up no limit.
			if (review.rating === Rating.Manual) {
				return;
			}
			if (review.state === State.New) {
				newDone += 1;
			} else if (review.state === State.Review) {
				reviewsDone += 1;
			}
		});
	return { newDone, reviewsDone };
}

export async function dueCounts(
	db: EngramDB,
	deckId: string,
	now: Date,
	dayStartHour?: number
): Promise<DueCounts> {
	const day = studyDay(now, dayStartHour);
	const preset = await presetForDeck(db, deckId);
	const progress = await dayProgress(db, deckId, day.start, now);
	const [learning, review, fresh] = await Promise.all([
		byDue(db, deckId, 'learning', day.end).count(),
		byDue(db, deckId, 'review', day.end).count(),
		byPosition(db, deckId).count()
	]);
	return {
		learning,
		review: Math.min(review, Math.max(0, preset.reviewsPerDay - progress.reviewsDone)),
		new: Math.min(fresh, Math.max(0, preset.newPerDay - progress.newDone))
	};
}

/** The next card to show, or undefined when nothing is left for today. */
export async function nextCard(
	db: EngramDB,
	deckId: string,
	now: Date,
	dayStartHour?: number
): Promise<CardRecord | undefined> {
	const day = studyDay(now, dayStartHour);
	const learningNow = await byDue(db, deckId, 'learning', now).first();
	if (learningNow) {
		return learningNow;
	}
	const preset = await presetForDeck(db, deckId);
	const progress = await dayProgress(db, deckId, day.start, now);
	const reviewsLeft = preset.reviewsPerDay - progress.reviewsDone > 0;
	const newLeft = preset.newPerDay - progress.newDone > 0;
	const review = reviewsLeft ? await byDue(db, deckId, 'review', day.end).first() : undefined;
	const fresh = newLeft ? await byPosition(db, deckId).first() : undefined;
	const pick = chooseBetween(review, fresh, preset, progress);
	if (pick) {
		return pick;
	}
	return byDue(db, deckId, 'learning', new Date(now.getTime() + LEARN_AHEAD_MS)).first();
}

/** New cards before, after, or spread among reviews (one new card every few reviews). */
function chooseBetween(
	review: CardRecord | undefined,
	fresh: CardRecord | undefined,
	preset: DeckPreset,
	progress: DayProgress
): CardRecord | undefined {
	if (!review || !fresh) {
		return review ?? fresh;
	}
	if (preset.newMix === 'before') {
		return fresh;
	}
	if (preset.newMix === 'after') {
		return review;
	}
	const answered = progress.newDone + progress.reviewsDone;
	return answered % 4 === 3 ? fresh : review;
}

/** When the earliest card not available today becomes due, for the end screen. */
export async function nextDueAfter(
	db: EngramDB,
	deckId: string,
	after: Date
): Promise<Date | undefined> {
	const candidates = await Promise.all(
		(['learning', 'review'] as const).map((queue) =>
			db.cards
				.where('[deckId+queue+due]')
				.between([deckId, queue, after], [deckId, queue, Dexie.maxKey], false, true)
				.first()
		)
	);
	const dues = candidates.flatMap((card) => (card ? [card.due.getTime()] : []));
	return dues.length > 0 ? new Date(Math.min(...dues)) : undefined;
}

export { queueForState };
