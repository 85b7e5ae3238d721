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

/**
 * What studying a deck covers, as in Anki: the deck and all its subdecks (`Parent::Child`), under
 * the studied deck's preset limits. Each card is still scheduled by its own deck's preset.
 */
export interface StudyScope {
	/** The studied deck first, then its subdecks in name order (the order new cards come in). */
	deckIds: string[];
	preset: DeckPreset;
}

/** The preset a card of this deck is scheduled with. */
export async function presetForDeck(db: EngramDB, deckId: string): Promise<DeckPreset> {
	const deck = await db.decks.get(deckId);
	const preset = deck ? await db.presets.get(deck.presetId) : undefined;
	return preset ?? DEFAULT_PRESET;
}

/** The deck's subtree and limits: reads the deck, its subdecks (by the name index) and a preset. */
export async function studyScope(db: EngramDB, deckId: string): Promise<StudyScope> {
	const deck = await db.decks.get(deckId);
	if (!deck) {
		return { deckIds: [deckId], preset: DEFAULT_PRESET };
	}
	const [subdecks, preset] = await Promise.all([
		db.decks.where('name').startsWith(`${deck.name}::`).primaryKeys(),
		db.presets.get(deck.presetId)
	]);
	return { deckIds: [deckId, ...subdecks], preset: preset ?? DEFAULT_PRESET };
}

/** Runs one index query per deck of the scope: a handful of decks, never a scan. */
function perDeck<T>(scope: StudyScope, query: (deckId: string) => Promise<T>): Promise<T[]> {
	return Promise.all(scope.deckIds.map(query));
}

async function sum(counts: Promise<number[]>): Promise<number> {
	return (await counts).reduce((total, count) => total + count, 0);
}

/** The card that comes first by `key` among each deck's first card: the per-deck indexes merged. */
async function earliest(
	cards: Promise<(CardRecord | undefined)[]>,
	key: (card: CardRecord) => number
): Promise<CardRecord | undefined> {
	let best: CardRecord | undefined;
	for (const card of await cards) {
		if (card && (!best || key(card) < key(best))) {
			best = card;
		}
	}
	return best;
}

const dueTime = (card: CardRecord) => card.due.getTime();

/** The earliest-due card of the queue across the scope, due at `upTo` at the latest. */
function firstDue(db: EngramDB, scope: StudyScope, queue: Queue, upTo: Date) {
	return earliest(
		perDeck(scope, (deckId) => byDue(db, deckId, queue, upTo).first()),
		dueTime
	);
}

function countDue(db: EngramDB, scope: StudyScope, queue: Queue, upTo: Date) {
	return sum(perDeck(scope, (deckId) => byDue(db, deckId, queue, upTo).count()));
}

/**
 * The next new card in the preset's order: deck order goes deck by deck (the studied deck, then
 * its subdecks), random order merges the decks' shuffle indexes. Two index reads per deck at most.
 */
async function firstNewCard(
	db: EngramDB,
	scope: StudyScope,
	day: StudyDay
): Promise<CardRecord | undefined> {
	if (scope.preset.newOrder !== 'random') {
		for (const deckId of scope.deckIds) {
			const card = await newCards(db, deckId).first();
			if (card) {
				return card;
			}
		}
		return undefined;
	}
	const start = dayShuffleStart(scope.deckIds[0]!, day.start);
	const shuffled = (from: unknown, to: unknown) =>
		earliest(
			perDeck(scope, (deckId) =>
				db.cards
					.where('[deckId+queue+shuffle]')
					.between([deckId, 'new', from], [deckId, 'new', to], true, false)
					.first()
			),
			(card) => card.shuffle ?? 0
		);
	return (await shuffled(start, Dexie.maxKey)) ?? shuffled(Dexie.minKey, start);
}

/**
 * New cards and reviews answered in one deck this study day. The answers are counted through the
 * index, not read, so the cost does not grow with the day's reviews; only the day's manual rows
 * (reset, set due date: not answers, they use up no limit) are read, to take them back out.
 */
async function deckDayProgress(db: EngramDB, deckId: string, day: StudyDay): Promise<DayProgress> {
	const answered = (state: State) =>
		db.reviews
			.where('[deckId+state+review]')
			.between([deckId, state, day.start], [deckId, state, day.end], true, false)
			.count();
	const [newAnswers, reviewAnswers, manual] = await Promise.all([
		answered(State.New),
		answered(State.Review),
		db.reviews
			.where('[deckId+rating+review]')
			.between([deckId, Rating.Manual, day.start], [deckId, Rating.Manual, day.end], true, false)
			.toArray()
	]);
	const manualIn = (state: State) => manual.filter((review) => review.state === state).length;
	return {
		newDone: newAnswers - manualIn(State.New),
		reviewsDone: reviewAnswers - manualIn(State.Review)
	};
}

/** New cards and reviews answered in the scope this study day, summed over its decks. */
async function dayProgress(db: EngramDB, scope: StudyScope, day: StudyDay): Promise<DayProgress> {
	const perDeckProgress = await perDeck(scope, (deckId) => deckDayProgress(db, deckId, day));
	return perDeckProgress.reduce(
		(total, progress) => ({
			newDone: total.newDone + progress.newDone,
			reviewsDone: total.reviewsDone + progress.reviewsDone
		}),
		{ newDone: 0, reviewsDone: 0 }
	);
}

interface DayPlan {
	day: StudyDay;
	progress: DayProgress;
	counts: DueCounts;
}

/** Today's limits applied to what is due; counting uses the indexes without reading cards. */
async function planDay(
	db: EngramDB,
	scope: StudyScope,
	now: Date,
	dayStartHour?: number
): Promise<DayPlan> {
	const day = studyDay(now, dayStartHour);
	const { preset } = scope;
	const [progress, learning, review, fresh] = await Promise.all([
		dayProgress(db, scope, day),
		countDue(db, scope, 'learning', day.end),
		countDue(db, scope, 'review', day.end),
		sum(perDeck(scope, (deckId) => newCards(db, deckId).count()))
	]);
	const counts = {
		learning,
		review: Math.min(review, Math.max(0, preset.reviewsPerDay - progress.reviewsDone)),
		new: Math.min(fresh, Math.max(0, preset.newPerDay - progress.newDone))
	};
	return { day, progress, counts };
}

/**
 * Cards left today in the deck and its subdecks: learning cards due before the day ends, and
 * reviews and new cards within the deck's limits.
 */
export async function dueCounts(
	db: EngramDB,
	deckId: string,
	now: Date,
	dayStartHour?: number
): Promise<DueCounts> {
	const scope = await studyScope(db, deckId);
	return (await planDay(db, scope, now, dayStartHour)).counts;
}

/** The next card to show from the deck or its subdecks, or undefined when nothing is left. */
export async function nextCard(
	db: EngramDB,
	deckId: string,
	now: Date,
	dayStartHour?: number
): Promise<CardRecord | undefined> {
	const scope = await studyScope(db, deckId);
	const learningNow = await firstDue(db, scope, 'learning', now);
	if (learningNow) {
		return learningNow;
	}
	const { day, progress, counts } = await planDay(db, scope, now, dayStartHour);
	const wantNew = newCardNext({
		mix: scope.preset.newMix,
		...progress,
		newLeft: counts.new,
		reviewsLeft: counts.review
	});
	if (wantNew) {
		return firstNewCard(db, scope, day);
	}
	if (counts.review > 0) {
		return firstDue(db, scope, 'review', day.end);
	}
	return firstDue(db, scope, 'learning', new Date(now.getTime() + LEARN_AHEAD_MS));
}

/**
 * When the deck next has a card to show, once `nextCard` returned nothing: the next learning
 * step, the first review of a later day, or tomorrow's start when today's limits were reached
 * or cards are buried. Undefined when the deck and its subdecks have nothing scheduled at all.
 */
export async function nextDueAt(
	db: EngramDB,
	deckId: string,
	now: Date,
	dayStartHour?: number
): Promise<Date | undefined> {
	const day = studyDay(now, dayStartHour);
	const scope = await studyScope(db, deckId);
	const after = (queue: Queue, from: Date) =>
		earliest(
			perDeck(scope, (id) =>
				db.cards
					.where('[deckId+queue+due]')
					.between([id, queue, from], [id, queue, Dexie.maxKey], false, true)
					.first()
			),
			dueTime
		);
	const [learning, review, waitingNew, buried] = await Promise.all([
		after('learning', now),
		after('review', now),
		earliest(
			perDeck(scope, (id) => newCards(db, id).first()),
			dueTime
		),
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
