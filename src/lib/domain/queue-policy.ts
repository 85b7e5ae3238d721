/**
 * Pure decisions of the daily queue: which queue a card state belongs to, how new cards mix with
 * reviews, and the deterministic "random" order of new cards.
 */
import type { Queue } from './model';
import type { NewMix } from './preset';
import { State } from './fsrs-enums';

export function queueForState(state: State): Queue {
	if (state === State.New) {
		return 'new';
	}
	return state === State.Review ? 'review' : 'learning';
}

/** FNV-1a: a small, stable string hash, scaled to [0, 1). */
export function hashToUnit(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i += 1) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0) / 2 ** 32;
}

/** The card's fixed place in the shuffled new-card order (stored and indexed as `shuffle`). */
export function shuffleKey(cardId: string): number {
	return hashToUnit(`shuffle:${cardId}`);
}

/**
 * Where in the shuffled order today's random new cards start. It changes every study day but is
 * the same all day, so reloading never reshuffles what the user is about to see.
 */
export function dayShuffleStart(deckId: string, dayStart: Date): number {
	return hashToUnit(`${deckId}@${dayStart.toISOString()}`);
}

export interface MixState {
	mix: NewMix;
	/** Answers given today that counted against the new and review limits. */
	newDone: number;
	reviewsDone: number;
	/** What is still available today (after limits). */
	newLeft: number;
	reviewsLeft: number;
}

/**
 * Whether the next card should be a new one when both a new card and a review are waiting.
 * "mixed" spreads today's new cards evenly among today's reviews, as Anki does.
 */
export function newCardNext(state: MixState): boolean {
	if (state.newLeft <= 0) {
		return false;
	}
	if (state.reviewsLeft <= 0 || state.mix === 'before') {
		return true;
	}
	if (state.mix === 'after') {
		return false;
	}
	const newTotal = state.newDone + state.newLeft;
	const reviewTotal = state.reviewsDone + state.reviewsLeft;
	// One new card after every `gap` reviews, so both run out at about the same time.
	const gap = reviewTotal / newTotal;
	return state.reviewsDone >= gap * (state.newDone + 1) - 1e-9;
}

/** New cards and reviews answered in a study day: what its limits have used up. */
export interface DayProgress {
	newDone: number;
	reviewsDone: number;
}

/**
 * The day's progress after answering (`step` 1) or undoing (`step` -1) an answer given to a card
 * in `state`: a new card uses up the new limit, a review the review limit, a learning step none.
 */
export function progressAfter(progress: DayProgress, state: State, step: 1 | -1 = 1): DayProgress {
	return {
		newDone: Math.max(0, progress.newDone + (state === State.New ? step : 0)),
		reviewsDone: Math.max(0, progress.reviewsDone + (state === State.Review ? step : 0))
	};
}

/**
 * Learning cards due today are counted up to this many: IndexedDB counts by visiting every index
 * entry, and a backlog of 25,000 took it over half a second. A count above it means "more".
 */
export const LEARNING_COUNT_CAP = 1000;

/** A learning count as shown: exact up to the cap, "1000+" above it. */
export function formatLearningCount(count: number): string {
	return count > LEARNING_COUNT_CAP ? `${LEARNING_COUNT_CAP}+` : String(count);
}
