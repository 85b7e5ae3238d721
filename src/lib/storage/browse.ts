/**
 * The card browser's rows: only the cards the list shows are read (by id), with their notes and
 * deck names. The search that decides which ids, in which order, is in browse-query.ts.
 */
import Dexie from 'dexie';
import type { BrowseRow } from '$lib/domain/browse-sort';
import type { CardRecord, NoteRecord } from '$lib/domain/model';
import { visibleText } from '$lib/domain/search/visible-text';
import type { EngramDB } from './db';

/** The rows for `cardIds`, in that order; cards deleted meanwhile are left out. */
export async function loadRows(db: EngramDB, cardIds: readonly string[]): Promise<BrowseRow[]> {
	return db.transaction('r', [db.cards, db.notes, db.decks], async () => {
		const cards = (await db.cards.bulkGet([...cardIds])).filter((card) => card !== undefined);
		const noteIds = [...new Set(cards.map((card) => card.noteId))];
		const deckIds = [...new Set(cards.map((card) => card.deckId))];
		const [notes, decks] = await Promise.all([
			db.notes.bulkGet(noteIds),
			db.decks.bulkGet(deckIds)
		]);
		const noteById = new Map(notes.flatMap((note) => (note ? [[note.id, note] as const] : [])));
		const deckName = new Map(
			decks.flatMap((deck) => (deck ? [[deck.id, deck.name] as const] : []))
		);
		return cards.flatMap((card) => {
			const note = noteById.get(card.noteId);
			return note ? [toRow(card, note, deckName.get(card.deckId) ?? '')] : [];
		});
	});
}

/**
 * Field markup → its visible text, for markup seen before. A text search checks every note on
 * each change of the query (every 200 ms of typing); the browse worker keeps this for its life,
 * so only the first search of a large collection pays for reading the markup (about 0.2 s of CPU
 * at 80,000 notes here). Keyed by the markup itself, it can never be stale, whatever wrote the
 * note. Cleared whole when it grows past MEMO_LIMIT entries.
 */
const visibleMemo = new Map<string, string>();
const MEMO_LIMIT = 400_000;

function visible(html: string): string {
	if (!html.includes('<') && !html.includes('&')) {
		return visibleText(html);
	}
	let text = visibleMemo.get(html);
	if (text === undefined) {
		text = visibleText(html);
		if (visibleMemo.size >= MEMO_LIMIT) {
			visibleMemo.clear();
		}
		visibleMemo.set(html, text);
	}
	return text;
}

/** The note's fields as the card shows them (markup dropped, references decoded), in order:
 * what the list shows and the search looks in. */
export function plainFields(note: NoteRecord): string[] {
	return Object.values(note.fields).map(visible);
}

/** Field name → its visible text. */
export function plainFieldMap(note: NoteRecord): Record<string, string> {
	return Object.fromEntries(
		Object.entries(note.fields).map(([name, html]) => [name, visible(html)])
	);
}

export function toRow(
	card: CardRecord,
	note: NoteRecord,
	deckName: string,
	fields: readonly string[] = plainFields(note)
): BrowseRow {
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

const BROWSED_TABLES = ['cards', 'notes', 'decks'];

/**
 * Calls `listener` after any write to cards, notes or decks, in this tab or another: the
 * browser then searches again. Returns an unsubscribe.
 */
export function onBrowseChange(db: EngramDB, listener: () => void): () => void {
	const prefixes = BROWSED_TABLES.map((table) => `idb://${db.name}/${table}/`);
	const handler = (parts: Record<string, unknown>) => {
		if (Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) {
			listener();
		}
	};
	Dexie.on.storagemutated.subscribe(handler);
	return () => Dexie.on.storagemutated.unsubscribe(handler);
}
