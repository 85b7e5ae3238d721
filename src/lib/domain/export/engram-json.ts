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
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord, ReviewRecord } from '../model';
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

async function deckMedia(media: ExportData['media']): Promise<DeckMedia[]> {
	const small = media.filter((m) => m.bytes.length <= MAX_DECK_MEDIA_BYTES);
	return Promise.all(
		small.map(async (m) => ({
			name: m.name,
			sha256: await sha256Hex(m.bytes),
			data: toBase64(m.bytes)
		}))
	);
}

/** The file's fields before its notes: the chosen deck and the note types not built in. */
export type DeckFileHead = Omit<DeckFile, 'notes' | 'media'>;

export function deckFileHead(root: DeckRecord, noteTypes: NoteTypeRecord[]): DeckFileHead {
	return {
		format: 'engram-deck',
		version: 1,
		id: root.id,
		name: root.name,
		description: root.description,
		...(root.source ? { source: root.source } : {}),
		noteTypes: noteTypes
			.filter((t) => !isBuiltinNoteType(t.id))
			.map(({ id, name, kind, fields, templates, css }) => ({
				id,
				name,
				kind,
				fields,
				templates,
				css
			}))
	};
}

/** Where the export's notes go: the chosen deck (no `deck`) or one of its subdecks, by name. */
export interface DeckPlacement {
	rootId: string;
	deckNames: ReadonlyMap<string, string>;
	noteTypes: ReadonlyMap<string, NoteTypeRecord>;
}

/** One note of the file, with the cards of it that are in the export (and their reviews). */
export function deckFileNote(
	note: NoteRecord,
	cards: CardRecord[],
	reviewsByCard: ReadonlyMap<string, ReviewRecord[]>,
	placement: DeckPlacement
): DeckNote {
	// A note whose own deck is outside the export goes where its cards are.
	const deckId = placement.deckNames.has(note.deckId) ? note.deckId : cards[0]?.deckId;
	const deckName = deckId === placement.rootId ? undefined : placement.deckNames.get(deckId ?? '');
	const type = placement.noteTypes.get(note.noteTypeId);
	const generated = new Set(type ? cardOrdinals(type, note.fields) : []);
	const extras = cards
		.map((c) => deckCard(c, reviewsByCard.get(c.id), generated))
		.filter((c) => c !== undefined);
	return deckNote(note, deckName, extras);
}

export function placementOf(data: Pick<ExportData, 'decks' | 'noteTypes'>): DeckPlacement {
	return {
		rootId: data.decks[0]!.id,
		deckNames: new Map(data.decks.map((d) => [d.id, d.name])),
		noteTypes: new Map(data.noteTypes.map((t) => [t.id, t]))
	};
}

/** `value` as JSON.stringify(…, null, '\t') writes it `depth` levels down in the file. */
function nested(value: unknown, depth: number): string {
	return JSON.stringify(value, null, '\t').replace(/\n/g, `\n${'\t'.repeat(depth)}`);
}

/**
 * Writes the deck file piece by piece (head, each note, each media file), so a large deck is
 * never one string: the text is exactly what `JSON.stringify(file, null, '\t')` makes of the
 * whole file. `write` receives the pieces in order.
 */
export class DeckJsonWriter {
	#write: (text: string) => void;
	#notes = 0;

	constructor(head: DeckFileHead, write: (text: string) => void) {
		this.#write = write;
		const text = JSON.stringify(head, null, '\t');
		// The head's closing brace waits for the notes and media.
		write(`${text.slice(0, -2)},\n\t"notes": [`);
	}

	note(note: DeckNote): void {
		this.#write(`${this.#notes === 0 ? '' : ','}\n\t\t${nested(note, 2)}`);
		this.#notes += 1;
	}

	/** Ends the file, with the media (read after the records: their bytes come one by one). */
	async end(media: ExportData['media']): Promise<void> {
		this.#write(this.#notes === 0 ? ']' : '\n\t]');
		const files = await deckMedia(media);
		if (files.length > 0) {
			const items = files.map((file) => `\n\t\t${nested(file, 2)}`).join(',');
			this.#write(`,\n\t"media": [${items}\n\t]`);
		}
		this.#write('\n}');
	}
}

export async function buildDeckJson(data: ExportData): Promise<string> {
	const placement = placementOf(data);
	const cardsByNote = groupBy(data.cards, (c) => c.noteId);
	const reviewsByCard = groupBy(data.reviews, (r) => r.cardId);
	const pieces: string[] = [];
	const writer = new DeckJsonWriter(deckFileHead(data.decks[0]!, data.noteTypes), (text) =>
		pieces.push(text)
	);
	for (const note of data.notes) {
		writer.note(deckFileNote(note, cardsByNote.get(note.id) ?? [], reviewsByCard, placement));
	}
	await writer.end(data.media);
	return pieces.join('');
}
