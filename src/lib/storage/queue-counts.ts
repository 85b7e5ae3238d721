/**
 * What is due: a deck's study scope (it and its subdecks, with their presets), the day's progress
 * and today's counts, read through compound indexes with limits. Today shows these for every
 * deck, so this module is on the first screen; choosing the next card (queue.ts) is not.
 */
import Dexie from 'dexie';
import type { Queue } from '$lib/domain/model';
import { DEFAULT_PRESET, type DeckPreset } from '$lib/domain/preset';
import { LEARNING_COUNT_CAP, type DayProgress } from '$lib/domain/queue-policy';
import { Rating, State } from '$lib/domain/fsrs-enums';
import { studyDay, type StudyDay } from '$lib/domain/study-day';
import {
	dailyLimits,
	type DailyLimits,
	type LimitExtension
} from '$lib/domain/custom-study/limit-extension';
import {
	TALLY_SLACK,
	tallyAfter,
	tallyOfCounts,
	tallyShown,
	type DueTally
} from '$lib/domain/queue-tally';
import type { EngramDB } from './db';

export interface DueCounts {
	new: number;
	learning: number;
	review: number;
}

export function byDue(db: EngramDB, deckId: string, queue: Queue, upTo: Date) {
	return db.cards
		.where('[deckId+queue+due]')
		.between([deckId, queue, Dexie.minKey], [deckId, queue, upTo], true, true);
}

/** The deck's cards in the new queue, in deck order (12: only they carry `newPosition`). */
export function newCards(db: EngramDB, deckId: string) {
	return db.cards
		.where('[deckId+queue+newPosition]')
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
	/** Each deck's own preset (scheduling, sibling burying), so answering reads none of them. */
	presets: Map<string, DeckPreset>;
	/** The studied deck's raised limits (custom study); only the current day's count. */
	extensions?: readonly LimitExtension[];
}

/** The scope's daily limits on `day`: the studied deck's preset, plus today's extensions. */
export function scopeLimits(scope: StudyScope, day: StudyDay): DailyLimits {
	return dailyLimits(scope.preset, scope.extensions ?? [], day);
}

/** The preset a card of this deck is scheduled with. */
export async function presetForDeck(db: EngramDB, deckId: string): Promise<DeckPreset> {
	const deck = await db.decks.get(deckId);
	const preset = deck ? await db.presets.get(deck.presetId) : undefined;
	return preset ?? DEFAULT_PRESET;
}

/** The preset of a deck of the scope, without a read. */
export function presetInScope(scope: StudyScope, deckId: string): DeckPreset {
	return scope.presets.get(deckId) ?? scope.preset;
}

/**
 * The deck's subtree and its presets: the deck, its subdecks (by the name index) and their
 * presets, in one read transaction. A session reads it once and keeps it until the decks change.
 */
export async function studyScope(db: EngramDB, deckId: string): Promise<StudyScope> {
	return db.transaction('r', [db.decks, db.presets, db.limitExtensions], async () => {
		const [deck, extensions] = await Promise.all([
			db.decks.get(deckId),
			db.limitExtensions.where('deckId').equals(deckId).toArray()
		]);
		if (!deck) {
			return { deckIds: [deckId], preset: DEFAULT_PRESET, presets: new Map(), extensions };
		}
		const subdecks = await db.decks.where('name').startsWith(`${deck.name}::`).toArray();
		const decks = [deck, ...subdecks];
		const presetIds = [...new Set(decks.map((d) => d.presetId))];
		const stored = await db.presets.bulkGet(presetIds);
		const byId = new Map(presetIds.map((id, i) => [id, stored[i] ?? DEFAULT_PRESET]));
		const presets = new Map(decks.map((d) => [d.id, byId.get(d.presetId) ?? DEFAULT_PRESET]));
		const preset = presets.get(deckId)!;
		return { deckIds: decks.map((d) => d.id), preset, presets, extensions };
	});
}

/** Runs one index query per deck of the scope: a handful of decks, never a scan. */
export function perDeck<T>(scope: StudyScope, query: (deckId: string) => Promise<T>): Promise<T[]> {
	return Promise.all(scope.deckIds.map(query));
}

async function sum(counts: Promise<number[]>): Promise<number> {
	return (await counts).reduce((total, count) => total + count, 0);
}

/** An index range of any table whose primary keys are string ids. */
interface KeyRange {
	limit(count: number): { primaryKeys(): Promise<string[]> };
}

const NONE_SKIPPED: ReadonlySet<string> = new Set();

/**
 * How many of the range's records are not `skipped`, counted up to `cap` only (what today's limit
 * still allows): the keys are read with a limit, where IndexedDB's count() walks the whole range
 * (at 100k cards: 20,000 new cards, 21,000 reviews due in the bench's collection).
 */
async function countUpTo(query: KeyRange, cap: number, skipped: ReadonlySet<string>) {
	if (cap <= 0) {
		return 0;
	}
	const keys = await query.limit(cap + skipped.size).primaryKeys();
	return Math.min(cap, keys.filter((key) => !skipped.has(key)).length);
}

/**
 * New cards and reviews answered in one deck this study day, each counted up to `limits` only:
 * past a limit the plan is the same whatever the number (nothing more of that kind is shown, so
 * the session cannot answer or undo past it either), and a returning user's collection can hold
 * thousands of answers today. The keys are read through the index, with the day's manual rows
 * (reset, set due date: not answers, they use up no limit) read to take them back out.
 */
async function deckDayProgress(
	db: EngramDB,
	deckId: string,
	day: StudyDay,
	limits: DayProgress
): Promise<DayProgress> {
	const manual = await db.reviews
		.where('[deckId+rating+review]')
		.between([deckId, Rating.Manual, day.start], [deckId, Rating.Manual, day.end], true, false)
		.primaryKeys();
	const manualIds = new Set(manual);
	const answered = (state: State, limit: number) =>
		countUpTo(
			db.reviews
				.where('[deckId+state+review]')
				.between([deckId, state, day.start], [deckId, state, day.end], true, false),
			limit,
			manualIds
		);
	const [newDone, reviewsDone] = await Promise.all([
		answered(State.New, limits.newDone),
		answered(State.Review, limits.reviewsDone)
	]);
	return { newDone, reviewsDone };
}

/** New cards and reviews answered in the scope this study day, up to its daily limits. */
export async function dayProgress(
	db: EngramDB,
	scope: StudyScope,
	day: StudyDay
): Promise<DayProgress> {
	const { newPerDay, reviewsPerDay } = scopeLimits(scope, day);
	const limits = { newDone: newPerDay, reviewsDone: reviewsPerDay };
	const perDeckProgress = await perDeck(scope, (deckId) =>
		deckDayProgress(db, deckId, day, limits)
	);
	const total = (key: keyof DayProgress) =>
		Math.min(
			limits[key],
			perDeckProgress.reduce((sum, progress) => sum + progress[key], 0)
		);
	return { newDone: total('newDone'), reviewsDone: total('reviewsDone') };
}

/** Up to `over` (LEARNING_COUNT_CAP + 1: "more than the cap"): keys read with a limit. */
export async function countLearning(
	db: EngramDB,
	scope: StudyScope,
	day: StudyDay,
	over = LEARNING_COUNT_CAP + 1
): Promise<number> {
	const perDeckCounts = perDeck(scope, (deckId) =>
		countUpTo(byDue(db, deckId, 'learning', day.end), over, NONE_SKIPPED)
	);
	return Math.min(over, await sum(perDeckCounts));
}

/**
 * The learning cards of the scope due before the study day ends, as stored, up to
 * LEARNING_COUNT_CAP + 1, which means more than the cap.
 */
export async function countLearningDue(
	db: EngramDB,
	scope: StudyScope,
	day: StudyDay,
	upTo?: number
): Promise<number> {
	return db.transaction('r', db.cards, () => countLearning(db, scope, day, upTo));
}

/**
 * A queue's tally once `out` is taken out: the known one moved when it still decides the count
 * shown, else counted per deck up to the cap and a few more (`TALLY_SLACK`), `skipped` left out.
 */
export async function tallyQueue(
	known: DueTally | undefined,
	removed: number,
	cap: number,
	count: (bound: number) => Promise<number[]>
): Promise<DueTally> {
	const moved = tallyAfter(known, removed, cap);
	if (moved) {
		return moved;
	}
	if (cap <= 0) {
		return { n: 0, atLeast: true }; // Nothing more of it today, whatever is due: no read.
	}
	const bound = cap + TALLY_SLACK;
	return tallyOfCounts(await count(bound), bound);
}

/** The new cards and reviews today's limits (raised ones included) still allow in the scope. */
export function capsLeft(scope: StudyScope, progress: DayProgress, day: StudyDay) {
	const limits = scopeLimits(scope, day);
	return {
		newCap: Math.max(0, limits.newPerDay - progress.newDone),
		reviewCap: Math.max(0, limits.reviewsPerDay - progress.reviewsDone)
	};
}

/** Counts, per deck, the reviews due today up to a bound, `skipped` left out. */
export function reviewsDue(
	db: EngramDB,
	scope: StudyScope,
	day: StudyDay,
	skipped: ReadonlySet<string>
) {
	return (bound: number) =>
		perDeck(scope, (deckId) => countUpTo(byDue(db, deckId, 'review', day.end), bound, skipped));
}

/** Counts, per deck, the new cards up to a bound, `skipped` left out. */
export function newDue(db: EngramDB, scope: StudyScope, skipped: ReadonlySet<string>) {
	return (bound: number) =>
		perDeck(scope, (deckId) => countUpTo(newCards(db, deckId), bound, skipped));
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
	const day = studyDay(now, dayStartHour);
	// The counts a plan makes, without choosing a card: Today counts every deck, and the code
	// that chooses (queue heads, new-card order, burying) stays off the first screen.
	return db.transaction('r', [db.cards, db.reviews], async () => {
		const { newCap, reviewCap } = capsLeft(scope, await dayProgress(db, scope, day), day);
		const [learning, review, fresh] = await Promise.all([
			countLearning(db, scope, day),
			tallyQueue(undefined, 0, reviewCap, reviewsDue(db, scope, day, NONE_SKIPPED)),
			tallyQueue(undefined, 0, newCap, newDue(db, scope, NONE_SKIPPED))
		]);
		return { learning, review: tallyShown(review, reviewCap), new: tallyShown(fresh, newCap) };
	});
}
