/**
 * Exports decks as an Engram deck file (decks/README.md): the chosen deck with its subdecks
 * (`deck` on each note), the note types that are not built in, and every card that is not a
 * plain new card the templates make (its suspension, flag and history of answers and manual
 * changes, from which an import rebuilds FSRS state; or just its ordinal, for cards Anki made
 * that Engram would not). Media files the notes show travel inside, by SHA-256 and base64; a
 * file over 25 MB stays out with a warning in the export's summary.
 */
import { cardOrdinals } from '../card-generation';
import { toBase64 } from '../base64';
import {
	MAX_DECK_MEDIA_BYTES,
	type DeckCard,
	type DeckFile,
	type DeckMedia,
	type DeckNote,
	type DeckReview
} from '../deck-file';
import { sha256Hex } from '../sha256';
import type { CardRecord, NoteRecord, ReviewRecord } from '../model';
import { isBuiltinNoteType } from '../note-types';
import { Rating, State } from '../scheduler';
import { groupBy } from '../group-by';
import type { ExportData } from './export-data';

/** Answers and manual changes in order; a manual row followed by a new card was a reset. */
function deckHistory(card: CardRecord, reviews: ReviewRecord[]): DeckReview[] {
	const time = (r: ReviewRecord) => new Date(r.review).getTime();
	const sorted = [...reviews].sort((a, b) => time(a) - time(b));
	return sorted.map((r, i): DeckReview => {
		const at = new Date(r.review).toISOString();
		if (r.rating === Rating.Manual) {
			const after = sorted[i + 1]?.state ?? card.state;
			return after === State.New
				? { id: r.id, at, change: 'reset', days: 0 }
				: { id: r.id, at, change: 'due', days: Math.max(0, r.scheduled_days) };
		}
		return {
			id: r.id,
			at,
			rating: r.rating as 1 | 2 | 3 | 4,
			ms: Math.max(0, Math.round(r.duration))
		};
	});
}

function deckCard(
	card: CardRecord,
	reviews: ReviewRecord[] = [],
	generated: Set<number>
): DeckCard | undefined {
	const history = deckHistory(card, reviews);
	const suspended = card.queue === 'suspended';
	// A plain new card the templates make anyway needs no entry; one they would not make does.
	if (!suspended && !card.flag && history.length === 0 && generated.has(card.ord)) {
		return undefined;
	}
	return {
		ord: card.ord,
		...(suspended ? { suspended } : {}),
		...(card.flag ? { flag: card.flag } : {}),
		reviews: history
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

/** The warning for a media file too large for a deck file (a full backup keeps it). */
export function mediaLeftOut(name: string, bytes: number): string {
	const mb = (bytes / (1024 * 1024)).toFixed(1);
	return `The media file ${JSON.stringify(name)} (${mb} MB) was left out: a deck file carries media files of up to 25 MB, so keep it with a full backup.`;
}

/** The media files that fit, and a warning for each that does not: never left out silently. */
async function deckMedia(data: ExportData): Promise<{ media: DeckMedia[]; warnings: string[] }> {
	const fits = (m: ExportData['media'][number]) => m.bytes.length <= MAX_DECK_MEDIA_BYTES;
	const media = await Promise.all(
		data.media.filter(fits).map(async (m) => ({
			name: m.name,
			sha256: await sha256Hex(m.bytes),
			data: toBase64(m.bytes)
		}))
	);
	const warnings = data.media
		.filter((m) => !fits(m))
		.map((m) => mediaLeftOut(m.name, m.bytes.length));
	return { media, warnings };
}

/** The deck file's text, and a warning for anything it could not carry. */
export async function buildDeckJson(
	data: ExportData
): Promise<{ text: string; warnings: string[] }> {
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
	const { media, warnings } = await deckMedia(data);
	if (media.length > 0) {
		file.media = media;
	}
	return { text: JSON.stringify(file, null, '\t'), warnings };
}
