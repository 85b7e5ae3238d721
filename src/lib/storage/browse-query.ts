/**
 * Runs a browser search and yields the matching card ids in order, reading as little as it can:
 *
 * - Only card clauses (deck, is, flag) and an index sort (due, deck): keys only. The sort's
 *   index gives every card id in order, each clause gives a set of ids through its own index,
 *   and no card or note is read. With no clause at all the first page and the count come first.
 * - Text or tag clauses, or a scan sort: the notes are read in chunks by primary key; each chunk's
 *   matching notes fetch their cards, and the matches found so far are published, sorted, after
 *   every chunk. The caller's AbortSignal stops the scan between chunks.
 *
 * Only ids leave this module; the list reads the rows it shows with loadRows().
 */
import {
	haystackOf,
	matchesAll,
	nameMatches,
	needsNote,
	type CardFacts,
	type Clause
} from '$lib/domain/browse-search';
import {
	compareEntries,
	INDEX_SORTS,
	mergeSorted,
	sortEntry,
	type BrowseSort,
	type SortEntry
} from '$lib/domain/browse-sort';
import type { CardRecord, DeckRecord, NoteRecord } from '$lib/domain/model';
import { plainFields, toRow } from './browse';
import type { EngramDB } from './db';

export interface BrowseSearch {
	clauses: readonly Clause[];
	sort: BrowseSort;
	descending: boolean;
	/** End of today's study day, for `is:due`. */
	dayEnd: Date;
	/** Notes per scan step; tests make it small to see several steps. */
	scanChunk?: number;
}

export interface BrowseProgress {
	/** Matching ids in order: a first page, or the matches found so far, until `done`. */
	ids: readonly string[];
	/** How many cards match, when known (before `done` only if it costs nothing). */
	total: number | undefined;
	done: boolean;
	/** Share of the collection scanned, 0..1. */
	scanned: number;
}

export const FIRST_PAGE = 60;
/** Notes per scan step: each is one IndexedDB read; bigger steps cost fewer round trips, smaller
 * ones less main thread per step (reading 1,000 notes takes a few tens of ms). */
export const SCAN_CHUNK = 1000;
const PROGRESS_MS = 250;
/** Chunks requested ahead of the one being checked, so IndexedDB is never idle. */
const READ_AHEAD = 3;

export class SearchCancelled extends Error {
	override name = 'SearchCancelled';
}

function check(signal: AbortSignal | undefined): void {
	if (signal?.aborted) {
		throw new SearchCancelled('The search was replaced by a newer one.');
	}
}

/** Runs the search, reporting progress; resolves with every matching id in order. */
export async function searchCardIds(
	db: EngramDB,
	search: BrowseSearch,
	onProgress: (progress: BrowseProgress) => void = () => {},
	signal?: AbortSignal
): Promise<readonly string[]> {
	const decks = await db.decks.toArray();
	check(signal);
	const keysOnly = INDEX_SORTS.has(search.sort) && !search.clauses.some(needsNote);
	const ids = keysOnly
		? await indexSearch(db, search, decks, onProgress, signal)
		: await scanSearch(db, search, decks, onProgress, signal);
	onProgress({ ids, total: ids.length, done: true, scanned: 1 });
	return ids;
}

async function indexSearch(
	db: EngramDB,
	search: BrowseSearch,
	decks: DeckRecord[],
	onProgress: (progress: BrowseProgress) => void,
	signal: AbortSignal | undefined
): Promise<readonly string[]> {
	if (search.clauses.length === 0) {
		// The first page straight from the index, and the count from the store: no scan.
		const [first, total] = await Promise.all([
			firstPage(db, search.sort, search.descending, decks),
			db.cards.count()
		]);
		check(signal);
		onProgress({ ids: first, total, done: false, scanned: 0 });
	}
	const [ordered, tests] = await Promise.all([
		orderedIds(db, search.sort, decks),
		Promise.all(search.clauses.map((clause) => clauseTest(db, clause, decks, search.dayEnd)))
	]);
	check(signal);
	const found = tests.length === 0 ? ordered : ordered.filter((id) => tests.every((t) => t(id)));
	return search.descending ? found.reverse() : found;
}

function decksByName(decks: DeckRecord[]): DeckRecord[] {
	return [...decks].sort((a, b) => a.name.localeCompare(b.name));
}

async function firstPage(
	db: EngramDB,
	sort: BrowseSort,
	descending: boolean,
	decks: DeckRecord[]
): Promise<string[]> {
	if (sort === 'due') {
		const byDue = db.cards.orderBy('due');
		return (descending ? byDue.reverse() : byDue).limit(FIRST_PAGE).primaryKeys();
	}
	const ordered = descending ? decksByName(decks).reverse() : decksByName(decks);
	const ids: string[] = [];
	for (const deck of ordered) {
		const inDeck = db.cards.where('deckId').equals(deck.id);
		const page = await (descending ? inDeck.reverse() : inDeck)
			.limit(FIRST_PAGE - ids.length)
			.primaryKeys();
		ids.push(...page);
		if (ids.length >= FIRST_PAGE) {
			break;
		}
	}
	return ids;
}

/** Every card id in the index sort's ascending order, read as keys only. */
async function orderedIds(db: EngramDB, sort: BrowseSort, decks: DeckRecord[]): Promise<string[]> {
	if (sort === 'due') {
		return db.cards.orderBy('due').primaryKeys();
	}
	const perDeck = await Promise.all(
		decksByName(decks).map((deck) => db.cards.where('deckId').equals(deck.id).primaryKeys())
	);
	return perDeck.flat();
}

/** A membership test for one card clause, built from an index: no card is read. */
async function clauseTest(
	db: EngramDB,
	clause: Clause,
	decks: DeckRecord[],
	dayEnd: Date
): Promise<(id: string) => boolean> {
	const ids = await clauseIds(db, clause, decks, dayEnd);
	// flag:0 is "no flag": the cards not in the index under 1..7.
	const inverted = clause.kind === 'flag' && clause.flag === 0;
	return (id) => ids.has(id) !== (clause.negate !== inverted);
}

async function clauseIds(
	db: EngramDB,
	clause: Clause,
	decks: DeckRecord[],
	dayEnd: Date
): Promise<Set<string>> {
	switch (clause.kind) {
		case 'deck': {
			const deckIds = decks.filter((d) => nameMatches(clause.pattern, d.name)).map((d) => d.id);
			return new Set(await db.cards.where('deckId').anyOf(deckIds).primaryKeys());
		}
		case 'flag':
			return new Set(
				await (
					clause.flag === 0
						? db.cards.where('flag').between(1, 7, true, true)
						: db.cards.where('flag').equals(clause.flag)
				).primaryKeys()
			);
		case 'is': {
			if (clause.state !== 'due') {
				return new Set(await db.cards.where('queue').equals(clause.state).primaryKeys());
			}
			const [scheduled, before] = await Promise.all([
				db.cards.where('queue').anyOf('learning', 'review').primaryKeys(),
				db.cards.where('due').below(dayEnd).primaryKeys()
			]);
			const early = new Set(before);
			return new Set(scheduled.filter((id) => early.has(id)));
		}
		default:
			throw new Error(`A ${clause.kind} clause needs the note: it cannot use a card index.`);
	}
}

async function scanSearch(
	db: EngramDB,
	search: BrowseSearch,
	decks: DeckRecord[],
	onProgress: (progress: BrowseProgress) => void,
	signal: AbortSignal | undefined
): Promise<readonly string[]> {
	const deckName = new Map(decks.map((deck) => [deck.id, deck.name]));
	const compare = search.descending
		? (a: SortEntry, b: SortEntry) => compareEntries(b, a)
		: compareEntries;
	const totalNotes = Math.max(1, await db.notes.count());
	let found: SortEntry[] = [];
	let scanned = 0;
	let published = performance.now();
	for await (const notes of noteChunks(db, search.scanChunk ?? SCAN_CHUNK)) {
		check(signal);
		scanned += notes.length;
		const matches = await matchChunk(db, notes, search, deckName);
		check(signal);
		found = matches.length > 0 ? mergeSorted(found, matches.sort(compare), compare) : found;
		// New matches show at once; otherwise only the progress, a few times a second.
		if (matches.length > 0 || performance.now() - published > PROGRESS_MS) {
			published = performance.now();
			onProgress({
				ids: found.map((entry) => entry.id),
				total: undefined,
				done: false,
				scanned: Math.min(1, scanned / totalNotes)
			});
		}
	}
	return found.map((entry) => entry.id);
}

/**
 * Every note, a chunk at a time, in primary-key order. The chunk boundaries come from the keys
 * (cheap), so the next few chunks are already being read while this one is checked.
 */
async function* noteChunks(db: EngramDB, size: number): AsyncGenerator<NoteRecord[]> {
	const keys = await db.notes.toCollection().primaryKeys();
	const bounds: [string, string][] = [];
	for (let i = 0; i < keys.length; i += size) {
		bounds.push([keys[i]!, keys[Math.min(i + size, keys.length) - 1]!]);
	}
	const read = ([lower, upper]: [string, string]) =>
		db.notes.where(':id').between(lower, upper, true, true).toArray();
	const reading = bounds.slice(0, READ_AHEAD).map(read);
	for (let i = 0; i < bounds.length; i++) {
		const chunk = await reading[i]!;
		if (i + READ_AHEAD < bounds.length) {
			reading.push(read(bounds[i + READ_AHEAD]!));
		}
		yield chunk;
	}
}

/** The chunk's notes that pass the note clauses, then their cards that pass every clause. */
async function matchChunk(
	db: EngramDB,
	notes: NoteRecord[],
	search: BrowseSearch,
	deckName: Map<string, string>
): Promise<SortEntry[]> {
	const noteClauses = search.clauses.filter(needsNote);
	const cardClauses = search.clauses.filter((clause) => !needsNote(clause));
	const passing = new Map<string, NoteRecord>();
	for (const note of notes) {
		const facts = noteFacts(note);
		if (matchesAll(noteClauses, facts, search.dayEnd)) {
			passing.set(note.id, note);
		}
	}
	if (passing.size === 0) {
		return [];
	}
	const cards: CardRecord[] = await db.cards
		.where('noteId')
		.anyOf([...passing.keys()])
		.toArray();
	return cards.flatMap((card) => {
		const note = passing.get(card.noteId)!;
		const name = deckName.get(card.deckId) ?? '';
		const facts: CardFacts = {
			...NO_CARD,
			deckName: name,
			queue: card.queue,
			due: card.due,
			flag: card.flag ?? 0
		};
		return matchesAll(cardClauses, facts, search.dayEnd)
			? [sortEntry(search.sort, toRow(card, note, name))]
			: [];
	});
}

/** Card facts for clauses that only look at the note. */
const NO_CARD: CardFacts = {
	deckName: '',
	queue: 'new',
	due: new Date(0),
	flag: 0,
	tags: [],
	haystack: ''
};

function noteFacts(note: NoteRecord): CardFacts {
	return { ...NO_CARD, tags: note.tags, haystack: haystackOf(plainFields(note), note.tags) };
}
