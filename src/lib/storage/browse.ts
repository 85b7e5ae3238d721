/**
 * The card browser's reads. A search reads the
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
import type { CardRecord, NoteRecord } from '$lib/domain/model';
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
		flag: card.flag ?? 0
	};
}

/** Every tag in the collection, sorted. */
export async function listTags(db: EngramDB): Promise<string[]> {
	const tags = await db.notes.orderBy('tags').uniqueKeys();
	return (tags as string[]).sort((a, b) => a.localeCompare(b));
}
