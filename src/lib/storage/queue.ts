/**
 * The daily queue, read through compound indexes so its cost grows with what it returns, never
 * with the size of the collection: learning cards due now first, then today's reviews with new
 * cards mixed in per the deck's preset and daily limits.
 */
import Dexie from 'dexie';
import type { CardRecord, Queue } from '$lib/domain/model';
import { DEFAULT_PRESET, type DeckPreset } from '$lib/domain/preset';
import { dayShuffleStart, newCardNext, queueForState } from '$lib/domain/queue-policy';
import { Rating, State } from '$lib/domain/fsrs-enums';
import { studyDay, type StudyDay } from '$lib/domain/study-day';
import type { EngramDB } from './db';

export { queueForState };

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

function newCards(db: EngramDB, deckId: string) {
	return db.cards
		.where('[deckId+queue+position]')
		.between([deckId, 'new', Dexie.minKey], [deckId, 'new', Dexie.maxKey]);
}

/** The next new card in the preset's order: two index reads at most, whatever the deck size. */
async function firstNewCard(
	db: EngramDB,
	deckId: string,
	preset: DeckPreset,
	day: StudyDay
): Promise<CardRecord | undefined> {
	if (preset.newOrder !== 'random') {
		return newCards(db, deckId).first();
	}
	const start = dayShuffleStart(deckId, day.start);
	const shuffled = (from: unknown, to: unknown) =>
		db.cards
			.where('[deckId+queue+shuffle]')
			.between([deckId, 'new', from], [deckId, 'new', to], true, false)
			.first();
	return (await shuffled(start, Dexie.maxKey)) ?? shuffled(Dexie.minKey, start);
}

export async function presetForDeck(db: EngramDB, deckId: string): Promise<DeckPreset> {
	const deck = await db.decks.get(deckId);
	const preset = deck ? await db.presets.get(deck.presetId) : undefined;
	return preset ?? DEFAULT_PRESET;
}

/** New cards and reviews answered in the deck this study day: reads only today's reviews. */
async function dayProgress(db: EngramDB, deckId: string, day: StudyDay): Promise<DayProgress> {
	let newDone = 0;
	let reviewsDone = 0;
	await db.reviews
		.where('[deckId+review]')
		.between([deckId, day.start], [deckId, day.end], true, false)
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

interface DayPlan {
	day: StudyDay;
	preset: DeckPreset;
	progress: DayProgress;
	counts: DueCounts;
}

/** Today's limits applied to what is due; counting uses the indexes without reading cards. */
async function planDay(
	db: EngramDB,
	deckId: string,
	now: Date,
	dayStartHour?: number
): Promise<DayPlan> {
	const day = studyDay(now, dayStartHour);
	const [preset, progress, learning, review, fresh] = await Promise.all([
		presetForDeck(db, deckId),
		dayProgress(db, deckId, day),
		byDue(db, deckId, 'learning', day.end).count(),
		byDue(db, deckId, 'review', day.end).count(),
		newCards(db, deckId).count()
	]);
	const counts = {
		learning,
		review: Math.min(review, Math.max(0, preset.reviewsPerDay - progress.reviewsDone)),
		new: Math.min(fresh, Math.max(0, preset.newPerDay - progress.newDone))
	};
	return { day, preset, progress, counts };
}

/** Cards left today: learning cards due before the day ends, and reviews and new within limits. */
export async function dueCounts(
	db: EngramDB,
	deckId: string,
	now: Date,
	dayStartHour?: number
): Promise<DueCounts> {
	return (await planDay(db, deckId, now, dayStartHour)).counts;
}

/** The next card to show, or undefined when nothing is left for now. */
export async function nextCard(
	db: EngramDB,
	deckId: string,
	now: Date,
	dayStartHour?: number
): Promise<CardRecord | undefined> {
	const learningNow = await byDue(db, deckId, 'learning', now).first();
	if (learningNow) {
		return learningNow;
	}
	const { day, preset, progress, counts } = await planDay(db, deckId, now, dayStartHour);
	const wantNew = newCardNext({
		mix: preset.newMix,
		...progress,
		newLeft: counts.new,
		reviewsLeft: counts.review
	});
	if (wantNew) {
		return firstNewCard(db, deckId, preset, day);
	}
	if (counts.review > 0) {
		return byDue(db, deckId, 'review', day.end).first();
	}
	return byDue(db, deckId, 'learning', new Date(now.getTime() + LEARN_AHEAD_MS)).first();
}

/**
 * When the deck next has a card to show, once `nextCard` returned nothing: the next learning
 * step, the first review of a later day, or tomorrow's start when today's limits were reached
 * or cards are buried. Undefined when the deck has nothing scheduled at all.
 */
export async function nextDueAt(
	db: EngramDB,
	deckId: string,
	now: Date,
	dayStartHour?: number
): Promise<Date | undefined> {
	const day = studyDay(now, dayStartHour);
	const after = (queue: Queue, from: Date) =>
		db.cards
			.where('[deckId+queue+due]')
			.between([deckId, queue, from], [deckId, queue, Dexie.maxKey], false, true)
			.first();
	const [learning, review, waitingNew, buried] = await Promise.all([
		after('learning', now),
		after('review', now),
		newCards(db, deckId).first(),
		after('buried', new Date(0))
	]);
	const times: number[] = [];
	if (learning) {
		times.push(learning.due.getTime());
	}
	if (review) {
		// A review is shown from the start of the study day it falls in.
		times.push(Math.max(day.end.getTime(), studyDay(review.due, dayStartHour).start.getTime()));
	}
	if (waitingNew || buried) {
		times.push(day.end.getTime());
	}
	return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}

/** The name this had before `nextDueAt`; kept so older callers still compile. */
export function nextDueAfter(db: EngramDB, deckId: string, after: Date): Promise<Date | undefined> {
	return nextDueAt(db, deckId, after);
}
