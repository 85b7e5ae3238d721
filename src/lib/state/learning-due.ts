/**
 * Today's count of learning cards due (before the study day ends), as a study session keeps it:
 * counted once, off the answer path, then moved by each answer of the session, so no answer
 * waits for a count. IndexedDB counts by walking the index: a backlog of 25,000 learning cards
 * at 100k cards takes hundreds of milliseconds, which the queue's other reads (first card of
 * each queue, new and review counts capped at the day's limits) never do.
 */
import type { CardRecord } from '$lib/domain/model';

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

	/** The count for the study day starting at `dayStart` (ms), undefined when not known. */
	valueFor(dayStart: number): number | undefined {
		return this.#dayStart === dayStart ? this.#value : undefined;
	}

	/** Something changed that the session cannot account for (another tab, an undo): count again. */
	forget(): void {
		this.#value = undefined;
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
