/**
 * The daily queue, read through compound indexes so its cost grows with what it returns, never
 * with the size of the collection: learning cards due now first, then today's reviews with new
 * cards mixed in per the deck's preset and daily limits.
 */
import Dexie from 'dexie';
import type { CardRecord, Queue } from '$lib/domain/model';
import {
	LEARNING_COUNT_CAP,
	dayShuffleStart,
	newCardNext,
	progressAfter,
	queueForState,
	type DayProgress
} from '$lib/domain/queue-policy';
import { studyDay, type StudyDay } from '$lib/domain/study-day';
import { tallyShown, type QueueTallies } from '$lib/domain/queue-tally';
import {
	HEAD_SIZE,
	firstInHead,
	headKey,
	withoutCards,
	type Head,
	type QueueHeads
} from '$lib/domain/queue-heads';
import type { EngramDB } from './db';
import {
	byDue,
	capsLeft,
	countLearning,
	dayProgress,
	newCards,
	newDue,
	perDeck,
	presetInScope,
	reviewsDue,
	studyScope,
	tallyQueue,
	type DueCounts,
	type StudyScope
} from './queue-counts';

// The scope and the counts live in queue-counts.ts (Today needs only those); kept here too so
// the study screen and the tests import the whole queue from one place.
export {
	countLearningDue,
	dueCounts,
	presetForDeck,
	presetInScope,
	studyScope,
	type DueCounts,
	type StudyScope
} from './queue-counts';
export { queueForState };

/** Learning cards due this soon are shown rather than ending the session (Anki's learn-ahead). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export type { DayProgress, QueueHeads, QueueTallies };

/** The plan's counts: `learning` is undefined when the caller asked for it to be left out. */
export interface PlanCounts extends Omit<DueCounts, 'learning'> {
	learning: number | undefined;
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

type CardQuery = ReturnType<typeof byDue>;

/**
 * The first cards of each range a plan looks at, kept from the plan before (`known`) or read: a
 * range is read only when its kept head has no card left that is not skipped.
 */
class HeadReader {
	readonly heads: Map<string, Head>;
	/** Cards read per range: a session keeps heads, so it reads ahead; a one-off plan reads one. */
	readonly #size: number;

	constructor(known: PlanOptions['heads'], dayStart: number) {
		const kept = typeof known === 'object' && known.dayStart === dayStart ? known : undefined;
		this.heads = new Map(kept?.heads);
		this.#size = known ? HEAD_SIZE : 1;
	}

	/**
	 * The range's first card that is not `skipped`: from the kept head, or in one request, since
	 * at most `skipped.size` of the range's first cards can be skipped, they are read with a limit
	 * (IndexedDB's getAll) rather than walked with a cursor (a round trip per record).
	 */
	async first(key: string, query: CardQuery, skipped: ReadonlySet<string>) {
		const kept = firstInHead(this.heads.get(key), skipped);
		if (kept) {
			return kept.card;
		}
		const limit = this.#size + skipped.size;
		const cards = await query.limit(limit).toArray();
		this.heads.set(key, { cards, complete: cards.length < limit });
		return cards.find((card) => !skipped.has(card.id));
	}
}

/** The earliest-due card of the queue across the scope, due at `upTo` at the latest. */
function firstDue(
	reader: HeadReader,
	db: EngramDB,
	scope: StudyScope,
	queue: 'learning' | 'review',
	upTo: Date,
	skipped: ReadonlySet<string>
) {
	return earliest(
		perDeck(scope, (deckId) =>
			reader.first(headKey(queue, deckId), byDue(db, deckId, queue, upTo), skipped)
		),
		dueTime
	);
}

/**
 * The next new card in the preset's order: deck order goes deck by deck (the studied deck, then
 * its subdecks), random order merges the decks' shuffle indexes. Two index reads per deck at most.
 */
async function firstNewCard(
	reader: HeadReader,
	db: EngramDB,
	scope: StudyScope,
	day: StudyDay,
	skipped: ReadonlySet<string>
): Promise<CardRecord | undefined> {
	if (scope.preset.newOrder !== 'random') {
		for (const deckId of scope.deckIds) {
			const card = await reader.first(headKey('new', deckId), newCards(db, deckId), skipped);
			if (card) {
				return card;
			}
		}
		return undefined;
	}
	const start = dayShuffleStart(scope.deckIds[0]!, day.start);
	const shuffled = (side: string, from: unknown, to: unknown) =>
		earliest(
			perDeck(scope, (deckId) =>
				reader.first(
					headKey(side, deckId),
					db.cards
						.where('[deckId+queue+shuffle]')
						.between([deckId, 'new', from], [deckId, 'new', to], true, false),
					skipped
				)
			),
			(card) => card.shuffle ?? 0
		);
	return (
		(await shuffled('new-from-start', start, Dexie.maxKey)) ??
		shuffled('new-before-start', Dexie.minKey, start)
	);
}

/** Where a plan's card comes from, which decides whether an answered card could come before it. */
export type PlanSource = 'learning' | 'new' | 'review' | 'ahead' | 'none';

/** What the queue says at one moment: the next card, what is left today, the day's progress. */
export interface StudyPlan {
	card: CardRecord | undefined;
	source: PlanSource;
	counts: PlanCounts;
	/** The day's progress, including the answer of `answering` when there was one. */
	progress: DayProgress;
	/** The reviews and new cards due, as counted or moved: the next plan's `tallies`. */
	tallies: QueueTallies;
	/**
	 * The first cards of each range read, without the cards the answer of `answering` takes out:
	 * the next plan's `heads` once that answer's card is put back (`withAnswered`).
	 */
	heads: QueueHeads;
	/**
	 * Every card of the note of `answering` as read for the plan, when its preset buries
	 * siblings: what the answer's write needs, so that it reads nothing (`answerAtOnce`).
	 */
	cardsOfNote?: CardRecord[];
	day: StudyDay;
	/** The plan holds until then (ms): when a learning card falls due or the study day ends. */
	validUntil: number;
}

export interface PlanOptions {
	dayStartHour?: number;
	/** The day's progress as the caller keeps it (for `day`); read from the reviews otherwise. */
	progress?: { dayStart: number; value: DayProgress };
	/**
	 * The card on screen, as stored: the plan is for after its answer (its limit used up, it and
	 * the siblings its answer buries left out), so it can be read before the answer is given.
	 */
	answering?: CardRecord;
	/**
	 * 'skip' leaves today's learning count out (`counts.learning` undefined): counting walks every
	 * learning card due today, hundreds of milliseconds for a backlog of 25,000 at 100k cards, and
	 * nothing in the plan depends on it. A study session counts once with `countLearningDue` and
	 * keeps the count itself.
	 */
	learning?: 'count' | 'skip';
	/**
	 * The reviews and new cards due as the plan of the card on screen left them (its `tallies`):
	 * moved by what answering takes out instead of counted again. Only valid while nothing else
	 * changed cards; ignored on another study day.
	 */
	tallies?: QueueTallies;
	/**
	 * The first cards of each range as the plan of the card on screen left them (its `heads`,
	 * with that card's answer applied): only ranges used up are read. The same rules as `tallies`.
	 * 'keep' reads a few cards ahead in each range, for the heads the next plan keeps.
	 */
	heads?: QueueHeads | 'keep';
}

/**
 * The cards an answer to `card` takes out of today's queue: the card itself, and the new
 * siblings and the siblings due for review today that it buries (as `answerCard` does).
 */
async function leftOut(
	db: EngramDB,
	scope: StudyScope,
	card: CardRecord | undefined,
	day: StudyDay
): Promise<{ out: CardRecord[]; cardsOfNote?: CardRecord[] }> {
	if (!card) {
		return { out: [] };
	}
	if (!presetInScope(scope, card.deckId).burySiblings) {
		return { out: [card] };
	}
	const siblings = await db.cards.where('noteId').equals(card.noteId).toArray();
	const buried = siblings.filter(
		(sibling) =>
			sibling.id !== card.id &&
			scope.deckIds.includes(sibling.deckId) &&
			(sibling.queue === 'new' ||
				(sibling.queue === 'review' && sibling.due.getTime() < day.end.getTime()))
	);
	return { out: [card, ...buried], cardsOfNote: siblings };
}

/** The cards of `out` that a queue's count holds: due reviews, or new cards. */
function outOf(out: CardRecord[], queue: 'review' | 'new', day: StudyDay): number {
	return out.filter((c) => c.queue === queue && (queue === 'new' || c.due <= day.end)).length;
}

/**
 * What the plan reads, all at once: per deck, the first card of each queue, the learning cards
 * due today counted, and the new cards and due reviews counted up to the day's limits (or moved
 * from `known` tallies, with no read).
 */
async function readQueue(
	db: EngramDB,
	scope: StudyScope,
	day: StudyDay,
	progress: DayProgress,
	out: CardRecord[],
	options: Pick<PlanOptions, 'learning' | 'tallies' | 'heads'>
) {
	const skipped = new Set(out.map((card) => card.id));
	const dayStart = day.start.getTime();
	const reader = new HeadReader(options.heads, dayStart);
	const { newCap, reviewCap } = capsLeft(scope, progress, day);
	const learningOut = out.filter((c) => c.queue === 'learning' && c.due <= day.end).length;
	const known = options.tallies?.dayStart === day.start.getTime() ? options.tallies : undefined;
	const [learning, review, fresh, firstLearning, firstReview, firstNew] = await Promise.all([
		options.learning === 'skip' ? undefined : countLearning(db, scope, day),
		tallyQueue(
			known?.review,
			outOf(out, 'review', day),
			reviewCap,
			reviewsDue(db, scope, day, skipped)
		),
		tallyQueue(known?.new, outOf(out, 'new', day), newCap, newDue(db, scope, skipped)),
		firstDue(reader, db, scope, 'learning', new Date(8.64e15), skipped),
		reviewCap > 0 ? firstDue(reader, db, scope, 'review', day.end, skipped) : undefined,
		newCap > 0 ? firstNewCard(reader, db, scope, day, skipped) : undefined
	]);
	const counts: PlanCounts = {
		// Above the cap the count is "more than the cap", whatever is left out.
		learning:
			learning === undefined || learning > LEARNING_COUNT_CAP ? learning : learning - learningOut,
		review: tallyShown(review, reviewCap),
		new: tallyShown(fresh, newCap)
	};
	const tallies: QueueTallies = { dayStart, review, new: fresh };
	const heads = withoutCards({ dayStart, heads: reader.heads }, skipped);
	return { counts, tallies, heads, firstLearning, firstReview, firstNew };
}

/**
 * The next card to show and today's counts, in one read transaction and one round of parallel
 * index reads: learning cards due now first, then reviews and new cards mixed per the preset,
 * then learning cards due within LEARN_AHEAD_MS.
 */
export async function planNext(
	db: EngramDB,
	scope: StudyScope,
	now: Date,
	options: PlanOptions = {}
): Promise<StudyPlan> {
	const day = studyDay(now, options.dayStartHour);
	return db.transaction('r', [db.cards, db.reviews], async () => {
		const known = options.progress;
		const before =
			known?.dayStart === day.start.getTime() ? known.value : await dayProgress(db, scope, day);
		const { answering } = options;
		const progress = answering ? progressAfter(before, answering.state) : before;
		const { out, cardsOfNote } = await leftOut(db, scope, answering, day);
		const read = await readQueue(db, scope, day, progress, out, options);
		const { counts, tallies, heads, firstLearning } = read;
		const plan = { counts, tallies, heads, progress, day, cardsOfNote };
		const learningAt = firstLearning?.due.getTime() ?? Infinity;
		const dayEnd = day.end.getTime();
		if (learningAt <= now.getTime()) {
			return { ...plan, card: firstLearning, source: 'learning', validUntil: dayEnd };
		}
		const wantNew = newCardNext({
			mix: scope.preset.newMix,
			...progress,
			newLeft: counts.new,
			reviewsLeft: counts.review
		});
		const validUntil = Math.min(learningAt, dayEnd);
		if (wantNew && read.firstNew) {
			return { ...plan, card: read.firstNew, source: 'new', validUntil };
		}
		if (counts.review > 0 && read.firstReview) {
			return { ...plan, card: read.firstReview, source: 'review', validUntil };
		}
		if (learningAt <= now.getTime() + LEARN_AHEAD_MS) {
			return { ...plan, card: firstLearning, source: 'ahead', validUntil: dayEnd };
		}
		const aheadFrom = Math.min(learningAt - LEARN_AHEAD_MS, dayEnd);
		return { ...plan, card: undefined, source: 'none', validUntil: aheadFrom };
	});
}

/** The next card to show from the deck or its subdecks, or undefined when nothing is left. */
export async function nextCard(
	db: EngramDB,
	deckId: string,
	now: Date,
	dayStartHour?: number
): Promise<CardRecord | undefined> {
	const scope = await studyScope(db, deckId);
	return (await planNext(db, scope, now, { dayStartHour })).card;
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
