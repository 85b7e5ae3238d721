/**
 * The card browser's index: one row per card, joined with its note and deck, with the text the
 * search looks in. It is read once (and again only when the collection changes); searching and
 * sorting then run in memory, so typing stays fast at 100,000 cards.
 */
import type { BrowseRow } from '$lib/domain/browse-search';
import type { CardRecord, NoteRecord } from '$lib/domain/model';
import { stripHtml } from '$lib/domain/template-render';
import type { EngramDB } from './db';

export async function loadBrowseIndex(db: EngramDB): Promise<BrowseRow[]> {
	return db.transaction('r', [db.cards, db.notes, db.decks], async () => {
		const [cards, notes, decks] = await Promise.all([
			db.cards.toArray(),
			db.notes.toArray(),
			db.decks.toArray()
		]);
		const deckNames = new Map(decks.map((deck) => [deck.id, deck.name]));
		const byId = new Map<string, { note: NoteRecord; fields: string[]; haystack: string }>();
		for (const note of notes) {
			const fields = Object.values(note.fields).map(stripHtml);
			const haystack = [...fields, ...note.tags].join('\n').toLowerCase();
			byId.set(note.id, { note, fields, haystack });
		}
		const rows: BrowseRow[] = [];
		for (const card of cards) {
			const entry = byId.get(card.noteId);
			if (entry) {
				rows.push(toRow(card, entry, deckNames.get(card.deckId) ?? ''));
			}
		}
		return rows;
	});
}

function toRow(
	card: CardRecord,
	{ note, fields, haystack }: { note: NoteRecord; fields: string[]; haystack: string },
	deckName: string
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
		flag: card.flag ?? 0,
		haystack
	};
}

/** Every tag in the collection, sorted. */
export async function listTags(db: EngramDB): Promise<string[]> {
	const tags = await db.notes.orderBy('tags').uniqueKeys();
	return (tags as string[]).sort((a, b) => a.localeCompare(b));
}
