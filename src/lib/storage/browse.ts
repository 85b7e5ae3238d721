/**
 * The card browser's reads, and the snapshots that let it undo a bulk change. A search reads the
 * cards (through the deck index when a deck is chosen) and their notes once, then filters in
 * memory: 100,000 cards take about a second, and the list shows progress meanwhile.
 */
import {
	matchesState,
	matchesTerms,
	queryTerms,
	sortRows,
	type BrowseRow,
	type BrowseSort,
	type BrowseState
} from '$lib/domain/browse-search';
import type { CardRecord, NoteRecord, ReviewRecord } from '$lib/domain/model';
import { studyDay } from '$lib/domain/study-day';
import { stripHtml } from '$lib/domain/template-render';
import type { EngramDB } from './db';

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

export async function searchCards(
	db: EngramDB,
	query: BrowseQuery,
	now: Date,
	dayStartHour?: number
): Promise<BrowseRow[]> {
	return db.transaction('r', [db.cards, db.notes, db.decks], async () => {
		const [cards, notes, decks] = await Promise.all([
			query.deckId ? db.cards.where('deckId').equals(query.deckId).toArray() : db.cards.toArray(),
			query.tag ? db.notes.where('tags').equals(query.tag).toArray() : db.notes.toArray(),
			db.decks.toArray()
		]);
		const deckNames = new Map(decks.map((deck) => [deck.id, deck.name]));
		const terms = queryTerms(query.text);
		const filter = {
			text: query.text,
			state: query.state,
			dayEnd: studyDay(now, dayStartHour).end
		};
		const noteText = new Map<string, { note: NoteRecord; haystack: string; fields: string[] }>();
		for (const note of notes) {
			const fields = Object.values(note.fields).map(stripHtml);
			const haystack = [...fields, ...note.tags].join('\n').toLowerCase();
			if (matchesTerms(haystack, terms)) {
				noteText.set(note.id, { note, haystack, fields });
			}
		}
		const rows: BrowseRow[] = [];
		for (const card of cards) {
			const entry = noteText.get(card.noteId);
			if (entry && matchesState(card, filter)) {
				rows.push(toRow(card, entry.note, entry.fields, deckNames.get(card.deckId) ?? ''));
			}
		}
		return sortRows(rows, query.sort, query.descending);
	});
}

function toRow(card: CardRecord, note: NoteRecord, fields: string[], deckName: string): BrowseRow {
	return {
		cardId: card.id,
		noteId: note.id,
		deckId: card.deckId,
		deckName,
		ord: card.ord,
		question: (fields[0] ?? '').slice(0, 200),
		answer: (fields[1] ?? '').slice(0, 200),
		tags: note.tags,
		queue: card.queue,
		due: card.due,
		interval: card.scheduled_days,
		reps: card.reps,
		lapses: card.lapses,
		createdAt: note.createdAt,
		flag: (card as CardRecord & { flag?: number }).flag ?? 0
	};
}

/** Every tag in the collection, sorted. */
export async function listTags(db: EngramDB): Promise<string[]> {
	const tags = await db.notes.orderBy('tags').uniqueKeys();
	return (tags as string[]).sort((a, b) => a.localeCompare(b));
}

/** Everything a bulk change can touch, captured before it, so the change can be undone. */
export interface BrowseSnapshot {
	cards: CardRecord[];
	notes: NoteRecord[];
	reviewIds: string[];
}

export async function snapshotCards(
	db: EngramDB,
	cardIds: readonly string[]
): Promise<BrowseSnapshot> {
	return db.transaction('r', [db.cards, db.notes, db.reviews], async () => {
		const cards = (await db.cards.bulkGet([...cardIds])).filter((c) => c !== undefined);
		const noteIds = [...new Set(cards.map((card) => card.noteId))];
		const notes = (await db.notes.bulkGet(noteIds)).filter((n) => n !== undefined);
		const siblings = await db.cards.where('noteId').anyOf(noteIds).toArray();
		const all = uniqueById([...cards, ...siblings]);
		const reviewIds = await db.reviews
			.where('cardId')
			.anyOf(all.map((c) => c.id))
			.primaryKeys();
		return { cards: all, notes, reviewIds };
	});
}

/**
 * Puts the snapshot back: its notes and cards as they were, and removes reviews written for
 * those cards since (a reset writes one). Reviews from before are never touched.
 */
export async function restoreSnapshot(
	db: EngramDB,
	snapshot: BrowseSnapshot,
	now: Date
): Promise<void> {
	// Content as it was, but a newer mtime: to a later sync, an undo is a change like any other.
	const bump = <T extends { mtime: number }>(item: T): T => ({
		...item,
		mtime: Math.max(now.getTime(), item.mtime + 1)
	});
	await db.transaction('rw', [db.cards, db.notes, db.reviews], async () => {
		const before = new Set(snapshot.reviewIds);
		const cardIds = snapshot.cards.map((card) => card.id);
		const since = await db.reviews
			.where('cardId')
			.anyOf(cardIds)
			.filter((review: ReviewRecord) => !before.has(review.id))
			.primaryKeys();
		await db.reviews.bulkDelete(since);
		await db.notes.bulkPut(snapshot.notes.map(bump));
		await db.cards.bulkPut(snapshot.cards.map(bump));
	});
}

function uniqueById<T extends { id: string }>(items: T[]): T[] {
	return [...new Map(items.map((item) => [item.id, item])).values()];
}
