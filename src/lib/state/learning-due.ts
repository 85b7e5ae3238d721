/**
 * Today's count of learning cards due (before the study day ends), as a study session keeps it:
 * counted once, off the answer path, then moved by each answer of the session, so no answer
 * waits for a count. The count reads up to LEARNING_COUNT_CAP + 1 keys (tens of milliseconds at
 * 100k cards, where the queue's other reads take a few): a count over the cap is a lower bound,
 * shown as "1000+", and counted again once the session's answers could have brought it under.
 */
import type { CardRecord } from '$lib/domain/model';
import { LEARNING_COUNT_CAP } from '$lib/domain/queue-policy';

/**
 * How far a session's count reads: past the cap, so that a count a little over it stays exact
 * (shown as "1000+") while answers move it, and is not counted again at every answer that takes
 * a card out of learning; only a count that reached this is a lower bound.
 */
export const LEARNING_COUNT_BOUND = LEARNING_COUNT_CAP + 251;

/** How an answer (or any change of one card) moves the count: -1, 0 or +1. */
export function learningDueDelta(before: CardRecord, after: CardRecord, dayEnd: Date): number {
	const counted = (card: CardRecord) => (card.queue === 'learning' && card.due <= dayEnd ? 1 : 0);
	return counted(after) - counted(before);
}

/** Resolves after the next frame is painted (at once where there are no frames: tests, Node). */
function afterPaint(): Promise<void> {
	return new Promise((resolve) => {
		if (typeof requestAnimationFrame === 'function') {
			requestAnimationFrame(() => setTimeout(resolve, 0));
		} else {
			setTimeout(resolve, 0);
		}
	});
}

export class LearningDue {
	#value: number | undefined;
	#dayStart: number | undefined;
	/** The session's own moves since the count in flight began: a count misses the ones after. */
	#moved = 0;
	#counting = false;
	/** Bumped by `forget`: a count that began before it is dropped. */
	#epoch = 0;

	/** `defer` says when a count may begin: after the next paint, by default. */
	constructor(private readonly defer: () => Promise<void> = afterPaint) {}

	/** Whether the count reached LEARNING_COUNT_BOUND: then `#value` only bounds it from below. */
	#over = false;
	/** The moves of answers shown as given whose writes have not started yet (`queue`). */
	#queued = 0;

	/**
	 * The count for the study day starting at `dayStart` (ms), moved by `moving`; undefined when
	 * not known, or when a count over the cap has come down to it and must be counted again.
	 */
	valueFor(dayStart: number, moving = 0): number | undefined {
		if (this.#dayStart !== dayStart || this.#value === undefined) {
			return undefined;
		}
		const value = this.#value + this.#queued + moving;
		return this.#over && value <= LEARNING_COUNT_CAP ? undefined : value;
	}

	/**
	 * An answer shown as given moves the count by `delta` once its write starts (`start`): shown
	 * at once, not yet applied to the count (a count begun meanwhile cannot see the write).
	 */
	queue(delta: number): void {
		this.#queued += delta;
	}

	/** A queued answer's write starts: its move applies to the count now. */
	start(delta: number): void {
		this.#queued -= delta;
		this.move(delta);
	}

	/** The queued answers' writes were dropped (one failed): their moves with them. */
	dropQueued(): void {
		this.#queued = 0;
	}

	/** Something changed that the session cannot account for (another tab, an undo): count again. */
	forget(): void {
		this.#value = undefined;
		this.#over = false;
		this.#dayStart = undefined;
		this.#counting = false;
		this.#epoch += 1;
	}

	/**
	 * An answer about to be written moves the count by `delta`; the same call with `-delta` takes
	 * it back when the write fails. Called before the write begins, so a count that began earlier
	 * (and so cannot see the write) gets the move added when it arrives.
	 */
	move(delta: number): void {
		this.#moved += delta;
		if (this.#value !== undefined) {
			this.#value += delta;
		}
	}

	/**
	 * Starts counting for the day at `dayStart` unless known or under way; `onCounted` runs once
	 * the count (plus the moves made meanwhile) is known. A failed count stays unknown. The count
	 * begins after the next paint: IndexedDB serves one request after another, and a long count
	 * queued first would hold back the reads of the card about to be shown.
	 */
	ensure(dayStart: number, count: () => Promise<number>, onCounted: () => void): void {
		if (this.valueFor(dayStart) !== undefined || (this.#counting && this.#dayStart === dayStart)) {
			return;
		}
		this.forget();
		this.#dayStart = dayStart;
		this.#counting = true;
		const epoch = this.#epoch;
		void this.defer().then(() => {
			if (epoch === this.#epoch) {
				this.#count(epoch, count, onCounted);
			}
		});
	}

	#count(epoch: number, count: () => Promise<number>, onCounted: () => void): void {
		const movedBefore = this.#moved;
		void count().then(
			(counted) => {
				if (epoch === this.#epoch) {
					this.#value = counted + (this.#moved - movedBefore);
					this.#over = counted >= LEARNING_COUNT_BOUND;
					this.#counting = false;
					onCounted();
				}
			},
			() => {
				if (epoch === this.#epoch) {
					this.#counting = false;
				}
			}
		);
	}
}
