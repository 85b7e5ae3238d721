/**
 * Exports decks as an Engram deck file (decks/README.md): the chosen deck with its subdecks
 * (`deck` on each note), the note types that are not built in, and every card that is not a
 * plain new card the templates make (its suspension, flag and review history, from which an
 * import rebuilds FSRS state; or just its ordinal, for cards Anki made that Engram would not).
 * Media files the notes show travel inside, by SHA-256 and base64 (files over 25 MB stay out).
 */
import { cardOrdinals } from '../card-generation';
import { toBase64 } from '../base64';
import {
	MAX_DECK_MEDIA_BYTES,
	type DeckCard,
	type DeckFile,
	type DeckMedia,
	type DeckNote
} from '../deck-file';
import { sha256Hex } from '../sha256';
import type { CardRecord, NoteRecord, ReviewRecord } from '../model';
import { isBuiltinNoteType } from '../note-types';
import { Rating } from '../scheduler';
import { groupBy } from '../group-by';
import type { ExportData } from './export-data';

function deckCard(
	card: CardRecord,
	reviews: ReviewRecord[] = [],
	generated: Set<number>
): DeckCard | undefined {
	const answered = reviews
		.filter((r) => r.rating !== Rating.Manual)
		.sort((a, b) => new Date(a.review).getTime() - new Date(b.review).getTime())
		.map((r) => ({
			id: r.id,
			at: new Date(r.review).toISOString(),
			rating: r.rating as 1 | 2 | 3 | 4,
			ms: Math.max(0, Math.round(r.duration))
		}));
	const suspended = card.queue === 'suspended';
	// A plain new card the templates make anyway needs no entry; one they would not make does.
	if (!suspended && !card.flag && answered.length === 0 && generated.has(card.ord)) {
		return undefined;
	}
	return {
		ord: card.ord,
		...(suspended ? { suspended } : {}),
		...(card.flag ? { flag: card.flag } : {}),
		reviews: answered
	};
}

function deckNote(note: NoteRecord, deckName: string | undefined, cards: DeckCard[]): DeckNote {
	return {
		id: note.id,
		type: note.noteTypeId,
		fields: note.fields,
		...(note.kind ? { kind: note.kind } : {}),
		...(note.source ? { source: note.source } : {}),
		tags: note.tags.filter((t) => /^\S+$/.test(t)),
		...(deckName ? { deck: deckName } : {}),
		...(cards.length > 0 ? { cards } : {})
	};
}

async function deckMedia(data: ExportData): Promise<DeckMedia[]> {
	const small = data.media.filter((m) => m.bytes.length <= MAX_DECK_MEDIA_BYTES);
	return Promise.all(
		small.map(async (m) => ({
			name: m.name,
			sha256: await sha256Hex(m.bytes),
			data: toBase64(m.bytes)
		}))
	);
}

export async function buildDeckJson(data: ExportData): Promise<string> {
	const root = data.decks[0]!;
	const deckNames = new Map(data.decks.map((d) => [d.id, d.name]));
	const types = new Map(data.noteTypes.map((t) => [t.id, t]));
	const cardsByNote = groupBy(data.cards, (c) => c.noteId);
	const reviewsByCard = groupBy(data.reviews, (r) => r.cardId);
	const file: DeckFile = {
		format: 'engram-deck',
		version: 1,
		id: root.id,
		name: root.name,
		description: root.description,
		...(root.source ? { source: root.source } : {}),
		noteTypes: data.noteTypes
			.filter((t) => !isBuiltinNoteType(t.id))
			.map(({ id, name, kind, fields, templates, css }) => ({
				id,
				name,
				kind,
				fields,
				templates,
				css
			})),
		notes: data.notes.map((note) => {
			const cards = cardsByNote.get(note.id) ?? [];
			// A note whose own deck is outside the export goes where its cards are.
			const deckId = deckNames.has(note.deckId) ? note.deckId : cards[0]?.deckId;
			const deckName = deckId === root.id ? undefined : deckNames.get(deckId ?? '');
			const type = types.get(note.noteTypeId);
			const generated = new Set(type ? cardOrdinals(type, note.fields) : []);
			const extras = cards
				.map((c) => deckCard(c, reviewsByCard.get(c.id), generated))
				.filter((c) => c !== undefined);
			return deckNote(note, deckName, extras);
		})
	};
	const media = await deckMedia(data);
	if (media.length > 0) {
		file.media = media;
	}
	return JSON.stringify(file, null, '\t');
}
