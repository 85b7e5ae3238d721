/**
 * The card browser's sort orders and the rows it shows. Two orders come straight from an
 * IndexedDB index, so the first page needs no scan: `due` (the cards' `due` index) and `deck`
 * (the decks by name, then each deck's cards through [deckId+queue+due]: by queue, then due). The others are
 * computed values the database does not index: `created` and `question` live on the note,
 * `interval`, `reviews` and `lapses` are FSRS fields we do not index (an index on each would
 * cost every answer a write). Those sorts read every matching card in chunks, then order them.
 */
import type { Queue } from './model';

export const BROWSE_SORTS = [
	'due',
	'deck',
	'created',
	'question',
	'interval',
	'reviews',
	'lapses'
] as const;
export type BrowseSort = (typeof BROWSE_SORTS)[number];

export const INDEX_SORTS: ReadonlySet<BrowseSort> = new Set<BrowseSort>(['due', 'deck']);

/** One card as the list shows it. */
export interface BrowseRow {
	cardId: string;
	noteId: string;
	deckId: string;
	deckName: string;
	ord: number;
	question: string;
	answer: string;
	tags: string[];
	queue: Queue;
	due: Date;
	interval: number;
	reps: number;
	lapses: number;
	createdAt: number;
	flag: number;
}

/** What a scan sort needs to place a card: a key, then a tie-breaker, then the id. */
export interface SortEntry {
	id: string;
	key: number | string;
	tie: number;
}

type SortFacts = Pick<
	BrowseRow,
	| 'cardId'
	| 'deckName'
	| 'ord'
	| 'question'
	| 'queue'
	| 'due'
	| 'interval'
	| 'reps'
	| 'lapses'
	| 'createdAt'
>;

/** Queues in the code-point order of their names: the order [deckId+queue+due] keeps them in. */
const QUEUE_RANK: Record<Queue, number> = {
	buried: 0,
	learning: 1,
	new: 2,
	review: 3,
	suspended: 4
};

/** Above any due time in ms (year 2286), so queue rank × this + due orders by queue, then due. */
const DUE_SPAN = 1e13;

export function sortEntry(sort: BrowseSort, row: SortFacts): SortEntry {
	const entry = (key: number | string, tie = 0): SortEntry => ({ id: row.cardId, key, tie });
	switch (sort) {
		case 'due':
			return entry(row.due.getTime());
		case 'deck':
			// Within a deck as its index keeps them: by queue, then due.
			return entry(
				row.deckName.toLowerCase(),
				QUEUE_RANK[row.queue] * DUE_SPAN + row.due.getTime()
			);
		case 'created':
			return entry(row.createdAt, row.ord);
		case 'question':
			return entry(row.question.toLowerCase());
		case 'interval':
			return entry(row.interval);
		case 'reviews':
			return entry(row.reps);
		case 'lapses':
			return entry(row.lapses);
	}
}

/** Plain code-point order on lower-cased keys: cheap enough to sort 100,000 entries at once. */
export function compareEntries(a: SortEntry, b: SortEntry): number {
	if (a.key !== b.key) {
		return a.key < b.key ? -1 : 1;
	}
	return a.tie - b.tie || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Merges two arrays sorted by `compare` into one: adding a chunk to results costs O(n). */
export function mergeSorted<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number) {
	const out: T[] = new Array<T>(a.length + b.length);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < a.length && j < b.length) {
		out[k++] = compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
	}
	while (i < a.length) {
		out[k++] = a[i++]!;
	}
	while (j < b.length) {
		out[k++] = b[j++]!;
	}
	return out;
}

/**
 * Merges `added` into `list` (both sorted by `compare`) and says where each added entry went:
 * `at[j]` is how many entries of `list` come before `added[j]`. With `at`, whoever holds `list`
 * can repeat the merge from the added entries alone (insertAt), without comparing anything.
 */
export function mergeAt<T>(
	list: readonly T[],
	added: readonly T[],
	compare: (x: T, y: T) => number
): { merged: T[]; at: Int32Array } {
	const merged: T[] = new Array<T>(list.length + added.length);
	const at = new Int32Array(added.length);
	let i = 0;
	let k = 0;
	for (let j = 0; j < added.length; j++) {
		while (i < list.length && compare(list[i]!, added[j]!) <= 0) {
			merged[k++] = list[i++]!;
		}
		at[j] = i;
		merged[k++] = added[j]!;
	}
	while (i < list.length) {
		merged[k++] = list[i++]!;
	}
	return { merged, at };
}

/** `list` with `added[j]` put before its `at[j]`-th entry (at non-decreasing): mergeAt's result. */
export function insertAt<T>(list: readonly T[], added: readonly T[], at: ArrayLike<number>): T[] {
	const out: T[] = new Array<T>(list.length + added.length);
	let i = 0;
	let k = 0;
	for (let j = 0; j < added.length; j++) {
		const before = at[j]!;
		if (before < i || before > list.length) {
			throw new RangeError(`Insert position ${before} is out of order or past the list.`);
		}
		while (i < before) {
			out[k++] = list[i++]!;
		}
		out[k++] = added[j]!;
	}
	while (i < list.length) {
		out[k++] = list[i++]!;
	}
	return out;
}
