/**
 * How many reviews and new cards are due, as a study session hands the number from one plan to
 * the next, so that planning the card after an answer reads no keys to count them. Counting
 * reads a key per card (and IndexedDB checks each key against its record), up to the day's limit:
 * at 100,000 cards that was most of what planning the next card cost. A tally is moved by the
 * cards each answer takes out of the queue; anything else that changes cards makes the session
 * drop it, and the next plan counts again.
 */

/** The due cards of one queue: exactly `n`, or at least `n` (counting stopped at a bound). */
export interface DueTally {
	n: number;
	atLeast: boolean;
}

/** The review and new tallies of the study day starting at `dayStart` (ms). */
export interface QueueTallies {
	dayStart: number;
	review: DueTally;
	new: DueTally;
}

/**
 * Keys read past the day's limit when counting: a lower bound that high stays above the limit
 * while an answer buries a few siblings, so the tally lasts until a day's limit changes.
 */
export const TALLY_SLACK = 10;

/**
 * The tally once `removed` of its cards leave the queue, if it still decides the count shown
 * (up to `cap`, what the day's limit still allows); undefined when the queue must be counted.
 */
export function tallyAfter(
	known: DueTally | undefined,
	removed: number,
	cap: number
): DueTally | undefined {
	if (!known) {
		return undefined;
	}
	const n = Math.max(0, known.n - removed);
	return !known.atLeast || n >= cap ? { n, atLeast: known.atLeast } : undefined;
}

/** The tally a count makes: per deck, each count stops at `bound`, which makes it a lower bound. */
export function tallyOfCounts(counts: number[], bound: number): DueTally {
	return {
		n: counts.reduce((total, count) => total + count, 0),
		atLeast: counts.some((count) => count >= bound)
	};
}

/** The count to show: the tally, up to what the day's limit still allows. */
export function tallyShown(tally: DueTally, cap: number): number {
	return Math.max(0, Math.min(tally.n, cap));
}
