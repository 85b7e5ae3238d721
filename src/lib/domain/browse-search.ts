/**
 * The card browser's search and sort, on plain rows so they can be tested without a database.
 * The text query matches every word (or "quoted phrase") against the note's fields and tags,
 * ignoring case and HTML.
 */
import type { Queue } from './model';

export type BrowseState = 'any' | 'new' | 'learning' | 'review' | 'due' | 'suspended' | 'buried';
export type BrowseSort =
	'created' | 'due' | 'interval' | 'question' | 'deck' | 'lapses' | 'reviews';

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
	/** Fields and tags, HTML stripped and lower-cased: what the text search looks in. */
	haystack: string;
}

export interface BrowseQuery {
	text: string;
	deckId: string;
	tag: string;
	state: BrowseState;
	sort: BrowseSort;
	descending: boolean;
}

export const EMPTY_QUERY: BrowseQuery = {
	text: '',
	deckId: '',
	tag: '',
	state: 'any',
	sort: 'created',
	descending: false
};

export interface BrowseFilter {
	state: BrowseState;
	/** End of today's study day: learning and review cards due before it are "due". */
	dayEnd: Date;
}

/** Splits a query into lower-case terms, keeping "quoted phrases" whole. */
export function queryTerms(text: string): string[] {
	const terms: string[] = [];
	for (const match of text.toLowerCase().matchAll(/"([^"]*)"|(\S+)/g)) {
		const term = (match[1] ?? match[2] ?? '').trim();
		if (term) {
			terms.push(term);
		}
	}
	return terms;
}

export function matchesState(row: Pick<BrowseRow, 'queue' | 'due'>, filter: BrowseFilter): boolean {
	switch (filter.state) {
		case 'any':
			return true;
		case 'due':
			return (
				(row.queue === 'learning' || row.queue === 'review') &&
				row.due.getTime() < filter.dayEnd.getTime()
			);
		default:
			return row.queue === filter.state;
	}
}

/** True when every term occurs in `haystack` (already lower-case, HTML stripped). */
export function matchesTerms(haystack: string, terms: readonly string[]): boolean {
	return terms.every((term) => haystack.includes(term));
}

const COMPARE: Record<BrowseSort, (a: BrowseRow, b: BrowseRow) => number> = {
	created: (a, b) => a.createdAt - b.createdAt || a.ord - b.ord,
	due: (a, b) => a.due.getTime() - b.due.getTime(),
	interval: (a, b) => a.interval - b.interval,
	question: (a, b) => a.question.localeCompare(b.question),
	deck: (a, b) => a.deckName.localeCompare(b.deckName),
	lapses: (a, b) => a.lapses - b.lapses,
	reviews: (a, b) => a.reps - b.reps
};

export function sortRows(rows: BrowseRow[], sort: BrowseSort, descending: boolean): BrowseRow[] {
	const compare = COMPARE[sort];
	return rows.sort((a, b) => {
		const order = compare(a, b) || a.cardId.localeCompare(b.cardId);
		return descending ? -order : order;
	});
}

/** The rows that match the query, sorted; a new array, `rows` is left as it is. */
export function searchRows(
	rows: readonly BrowseRow[],
	query: BrowseQuery,
	dayEnd: Date
): BrowseRow[] {
	const terms = queryTerms(query.text);
	const filter: BrowseFilter = { state: query.state, dayEnd };
	const found = rows.filter(
		(row) =>
			(!query.deckId || row.deckId === query.deckId) &&
			(!query.tag || row.tags.includes(query.tag)) &&
			matchesState(row, filter) &&
			matchesTerms(row.haystack, terms)
	);
	return sortRows(found, query.sort, query.descending);
}
