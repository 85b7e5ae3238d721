/**
 * Runs a browser search and yields the matching card ids in order, reading as little as it can:
 *
 * - Every leaf answered by an index (browse-index.ts) and an index sort (due, deck): keys only.
 *   The sort's index gives every card id in order and the compiled search keeps those that
 *   match. With no search at all the first page and the count come first.
 * - Otherwise a scan. When the top level requires an index-answered leaf (`deck:x front:y`),
 *   only those cards are read; else every note is read in chunks, a note whose cards could never
 *   match is skipped without reading them, and the rest are checked card by card. New matches
 *   are published a few times a second as insertions into the list published so far (the ids
 *   and their positions), never the whole list again: at 100,000 matches, re-sending every id
 *   cost the page a long task per message. The AbortSignal stops the scan between chunks.
 *
 * It runs in the browse worker (workers/browse.worker.ts) so a scan of 100,000 notes never holds
 * the page's main thread. Only ids leave this module; the list reads the rows it shows with
 * loadRows().
 */
import { isReviewLeaf, leavesOf, type Leaf, type SearchNode } from '$lib/domain/search/ast';
import {
	compileSearch,
	matchesCard,
	noteFacts,
	type CardTest,
	type NoteFacts
} from '$lib/domain/search/evaluate';
import {
	compareEntries,
	INDEX_SORTS,
	sortEntry,
	type BrowseSort,
	type SortEntry
} from '$lib/domain/browse-sort';
import type { CardRecord, DeckRecord, NoteRecord } from '$lib/domain/model';
import { plainFieldMap, toRow } from './browse';
import { answerLeaf, indexServes, type IndexAnswer, type IndexSources } from './browse-index';
import { CardPlaces } from './browse-facts';
import { ScanPublisher } from './scan-publisher';
import type { EngramDB } from './db';
import { cardsInDeck } from './deck-rows';

export interface BrowseSearch {
	node: SearchNode;
	sort: BrowseSort;
	descending: boolean;
	/** End of today's study day, for `is:due`, `added:`, `rated:` and `prop:due`. */
	dayEnd: Date;
	/** The moment searched at, for `prop:r`. */
	now: Date;
	/** Records per scan step; tests make it small to see several steps. */
	scanChunk?: number;
	/** Least time between two progress messages of a scan; tests set 0 to see every step. */
	progressMs?: number;
}

export interface BrowseProgress {
	/**
	 * Without `at`: the whole list in order (a first page, or every match). With `at`: only the
	 * matches found since the last message, in order, to insert into the list as it stood.
	 */
	ids: readonly string[];
	/** For each of `ids`, how many ids of the list as last published come before it. */
	at?: Int32Array;
	/** How many cards match, when known (before `done` only if it costs nothing). */
	total: number | undefined;
	done: boolean;
	/** Share of the collection scanned, 0..1. */
	scanned: number;
}

export const FIRST_PAGE = 60;
/** Records per scan step: each is one IndexedDB read. */
export const SCAN_CHUNK = 1000;
const PROGRESS_MS = 250;
/** Chunks requested ahead of the one being checked, so IndexedDB is never idle. */
const READ_AHEAD = 3;
/** Below this share of a chunk's notes left to check, their cards are read by key, not range. */
const RANGE_READ_SHARE = 0.25;

export class SearchCancelled extends Error {
	override name = 'SearchCancelled';
}

function check(signal: AbortSignal | undefined): void {
	if (signal?.aborted) {
		throw new SearchCancelled('The search was replaced by a newer one.');
	}
}

type Publish = (progress: BrowseProgress) => void;

/** Runs the search, reporting progress; resolves with every matching id in order. */
export async function searchCardIds(
	db: EngramDB,
	search: BrowseSearch,
	onProgress: Publish = () => {},
	signal?: AbortSignal
): Promise<readonly string[]> {
	const [decks, noteTypes, presets] = await Promise.all([
		db.decks.toArray(),
		db.noteTypes.toArray(),
		db.presets.toArray()
	]);
	check(signal);
	const sources: IndexSources = { decks, noteTypes, presets, dayEnd: search.dayEnd };
	const leaves = leavesOf(search.node);
	const keysOnly = INDEX_SORTS.has(search.sort) && leaves.every(indexServes);
	if (!keysOnly) {
		return scanSearch(db, search, sources, leaves, onProgress, signal);
	}
	const ids = await indexSearch(db, search, sources, leaves, onProgress, signal);
	onProgress({ ids, total: ids.length, done: true, scanned: 1 });
	return ids;
}

/** Index answers for `leaves`, keyed by leaf as compileSearch wants them. */
async function answer(
	db: EngramDB,
	leaves: readonly Leaf[],
	sources: IndexSources
): Promise<Map<Leaf, IndexAnswer>> {
	const answers = await Promise.all(leaves.map((leaf) => answerLeaf(db, leaf, sources)));
	return new Map(leaves.map((leaf, i) => [leaf, answers[i]!]));
}

function resolvedTests(answers: Map<Leaf, IndexAnswer>): Map<Leaf, (id: string) => boolean> {
	return new Map([...answers].map(([leaf, { has }]) => [leaf, has]));
}

async function indexSearch(
	db: EngramDB,
	search: BrowseSearch,
	sources: IndexSources,
	leaves: readonly Leaf[],
	onProgress: Publish,
	signal: AbortSignal | undefined
): Promise<readonly string[]> {
	if (leaves.length === 0) {
		// The first page straight from the index, and the count from the store: no scan.
		const [first, total] = await Promise.all([
			firstPage(db, search.sort, search.descending, sources.decks),
			db.cards.count()
		]);
		check(signal);
		onProgress({ ids: first, total, done: false, scanned: 0 });
	}
	const [ordered, answers] = await Promise.all([
		orderedIds(db, search.sort, sources.decks),
		answer(db, leaves, sources)
	]);
	check(signal);
	const test = compileSearch(search.node, {
		dayEnd: search.dayEnd,
		now: search.now,
		resolved: resolvedTests(answers)
	});
	const found = leaves.length === 0 ? ordered : ordered.filter((id) => test(id) === true);
	return search.descending ? found.reverse() : found;
}

function decksByName(decks: readonly DeckRecord[]): DeckRecord[] {
	return [...decks].sort((a, b) => a.name.localeCompare(b.name));
}

async function firstPage(
	db: EngramDB,
	sort: BrowseSort,
	descending: boolean,
	decks: readonly DeckRecord[]
): Promise<string[]> {
	if (sort === 'due') {
		const byDue = db.cards.orderBy('due');
		return (descending ? byDue.reverse() : byDue).limit(FIRST_PAGE).primaryKeys();
	}
	const ordered = descending ? decksByName(decks).reverse() : decksByName(decks);
	const ids: string[] = [];
	for (const deck of ordered) {
		const inDeck = cardsInDeck(db, deck.id);
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
async function orderedIds(
	db: EngramDB,
	sort: BrowseSort,
	decks: readonly DeckRecord[]
): Promise<string[]> {
	if (sort === 'due') {
		return db.cards.orderBy('due').primaryKeys();
	}
	const perDeck = await Promise.all(
		decksByName(decks).map((deck) => cardsInDeck(db, deck.id).primaryKeys())
	);
	return perDeck.flat();
}

/** The leaves the whole search requires (top-level and), which an index can list. */
function requiredIndexLeaves(node: SearchNode): Leaf[] {
	const required = node.kind === 'and' ? node.children : [node];
	return required.filter(
		(child): child is Leaf =>
			child.kind !== 'and' &&
			child.kind !== 'or' &&
			child.kind !== 'not' &&
			indexServes(child) &&
			!(child.kind === 'flag' && child.flag === 0)
	);
}

/** What every scan step needs: the compiled search and the names it checks. */
interface ScanContext {
	db: EngramDB;
	search: BrowseSearch;
	test: CardTest;
	places: CardPlaces;
	typeName: Map<string, string>;
}

async function scanSearch(
	db: EngramDB,
	search: BrowseSearch,
	sources: IndexSources,
	leaves: readonly Leaf[],
	onProgress: Publish,
	signal: AbortSignal | undefined
): Promise<readonly string[]> {
	// rated:, introduced: and resched: are only ever answered from the reviews; the top level's
	// index leaves narrow the scan.
	const required = requiredIndexLeaves(search.node);
	const answers = await answer(
		db,
		[...new Set([...leaves.filter(isReviewLeaf), ...required])],
		sources
	);
	check(signal);
	const { dayEnd, now } = search;
	const context: ScanContext = {
		db,
		search,
		test: compileSearch(search.node, { dayEnd, now, resolved: resolvedTests(answers) }),
		places: new CardPlaces(sources.decks, sources.noteTypes, sources.presets),
		typeName: new Map(sources.noteTypes.map((type) => [type.id, type.name]))
	};
	const candidates = required.length > 0 ? candidateIds(required, answers) : undefined;
	const compare = search.descending
		? (a: SortEntry, b: SortEntry) => compareEntries(b, a)
		: compareEntries;
	const chunk = search.scanChunk ?? SCAN_CHUNK;
	const steps = candidates ? cardSteps(context, candidates, chunk) : noteSteps(context, chunk);
	const progress = new ScanPublisher(compare, onProgress);
	let publishedAt = performance.now();
	for await (const step of steps) {
		check(signal);
		progress.add(step.matches.sort(compare));
		// The first matches show at once; after that, a few times a second.
		const first = step.matches.length > 0 && progress.shown.length === 0;
		if (first || performance.now() - publishedAt > (search.progressMs ?? PROGRESS_MS)) {
			publishedAt = performance.now();
			progress.publish(false, step.scanned);
		}
	}
	check(signal);
	return progress.publish(true, 1).map((entry) => entry.id);
}

/** The ids every required leaf lists: the shortest list, filtered by the others. */
function candidateIds(required: readonly Leaf[], answers: Map<Leaf, IndexAnswer>): string[] {
	const lists = required.map((leaf) => answers.get(leaf)!);
	const shortest = lists.reduce((a, b) => (a.ids!.length <= b.ids!.length ? a : b));
	return shortest.ids!.filter((id) => lists.every((list) => list === shortest || list.has(id)));
}

interface ScanStep {
	matches: SortEntry[];
	/** Share of the scan done, 0..1. */
	scanned: number;
}

/** Every note, a chunk at a time, then the cards of the notes that could match. */
async function* noteSteps(context: ScanContext, size: number): AsyncGenerator<ScanStep> {
	const { db } = context;
	const keys = await db.notes.toCollection().primaryKeys();
	const read = async (range: [string, string]) => ({
		range,
		notes: await db.notes.where(':id').between(range[0], range[1], true, true).toArray()
	});
	let scanned = 0;
	for await (const { range, notes } of readAhead(bounds(keys, size), read)) {
		scanned += notes.length;
		const facts = new Map<string, NoteFacts>();
		for (const note of notes) {
			const fact = factsOf(context, note);
			// A note-only check: false means none of its cards can match.
			if (context.test(undefined, fact) !== false) {
				facts.set(note.id, fact);
			}
		}
		const cards = await cardsOfChunk(db, range, facts, notes.length);
		const notesById = new Map(notes.map((note) => [note.id, note]));
		const matches = cards.flatMap((card) =>
			entryIfMatch(context, card, notesById.get(card.noteId)!, facts.get(card.noteId)!)
		);
		yield { matches, scanned: scanned / Math.max(1, keys.length) };
	}
}

/**
 * The cards of the chunk's notes that could match. When most could, one range read of the
 * `noteId` index (a single getAll) beats anyOf, which walks a cursor key by key.
 */
async function cardsOfChunk(
	db: EngramDB,
	[lower, upper]: [string, string],
	facts: ReadonlyMap<string, NoteFacts>,
	notesRead: number
): Promise<CardRecord[]> {
	if (facts.size === 0) {
		return [];
	}
	if (facts.size < RANGE_READ_SHARE * notesRead) {
		return db.cards
			.where('noteId')
			.anyOf([...facts.keys()])
			.toArray();
	}
	const cards = await db.cards.where('noteId').between(lower, upper, true, true).toArray();
	return cards.filter((card) => facts.has(card.noteId));
}

/** Only the listed cards, a chunk at a time, with their notes. */
async function* cardSteps(
	context: ScanContext,
	cardIds: readonly string[],
	size: number
): AsyncGenerator<ScanStep> {
	const { db } = context;
	const ids = [...cardIds];
	const slices: string[][] = [];
	for (let i = 0; i < ids.length; i += size) {
		slices.push(ids.slice(i, i + size));
	}
	const read = async (slice: string[]) => {
		const cards = (await db.cards.bulkGet(slice)).filter((card) => card !== undefined);
		const notes = await db.notes.bulkGet([...new Set(cards.map((card) => card.noteId))]);
		return { cards, notes: new Map(notes.flatMap((n) => (n ? [[n.id, n] as const] : []))) };
	};
	let scanned = 0;
	for await (const { cards, notes } of readAhead(slices, read)) {
		scanned += cards.length;
		const facts = new Map<string, NoteFacts>();
		const matches = cards.flatMap((card) => {
			const note = notes.get(card.noteId);
			if (!note) {
				return [];
			}
			const fact = facts.get(note.id) ?? factsOf(context, note);
			facts.set(note.id, fact);
			return entryIfMatch(context, card, note, fact);
		});
		yield { matches, scanned: scanned / Math.max(1, ids.length) };
	}
}

function factsOf(context: ScanContext, note: NoteRecord): NoteFacts {
	return noteFacts(note, context.typeName.get(note.noteTypeId) ?? '', plainFieldMap(note));
}

function entryIfMatch(
	context: ScanContext,
	card: CardRecord,
	note: NoteRecord,
	facts: NoteFacts
): SortEntry[] {
	const deckName = context.places.deckName(card.deckId);
	return matchesCard(context.test, facts, context.places.facts(card, note.noteTypeId))
		? [sortEntry(context.search.sort, toRow(card, note, deckName, Object.values(facts.fields)))]
		: [];
}

/** First and last key of each run of `size` keys. */
function bounds(keys: readonly string[], size: number): [string, string][] {
	const out: [string, string][] = [];
	for (let i = 0; i < keys.length; i += size) {
		out.push([keys[i]!, keys[Math.min(i + size, keys.length) - 1]!]);
	}
	return out;
}

/** Reads the parts in order, keeping READ_AHEAD reads in flight so IndexedDB is never idle. */
async function* readAhead<P, T>(parts: readonly P[], read: (part: P) => Promise<T>) {
	// A read left behind by a cancelled scan may still fail; that failure concerns no one.
	const start = (part: P) => {
		const reading = read(part);
		reading.catch(() => {});
		return reading;
	};
	const reading = parts.slice(0, READ_AHEAD).map(start);
	for (let i = 0; i < parts.length; i++) {
		const result = await reading[i]!;
		if (i + READ_AHEAD < parts.length) {
			reading.push(start(parts[i + READ_AHEAD]!));
		}
		yield result;
	}
}
