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
	presetToFile,
	MAX_DECK_MEDIA_BYTES,
	type DeckCardInput,
	type DeckFile,
	type DeckMedia,
	type DeckNoteInput,
	type DeckReview
} from '../deck-file';
import { sha256Hex } from '../sha256';
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord, ReviewRecord } from '../model';
import { isBuiltinNoteType } from '../note-types';
import type { DeckPreset } from '../preset';
import { Rating, State } from '../scheduler';
import { groupBy } from '../group-by';
import type { ExportData } from './export-data';

/**
 * Answers and manual changes in order; a manual row marked so (its `resetCounts`), or followed
 * by a new card, was a reset.
 */
function deckHistory(card: CardRecord, reviews: ReviewRecord[]): DeckReview[] {
	const time = (r: ReviewRecord) => new Date(r.review).getTime();
	const sorted = [...reviews].sort((a, b) => time(a) - time(b));
	return sorted.map((r, i): DeckReview => {
		const at = new Date(r.review).toISOString();
		if (r.rating === Rating.Manual) {
			const after = sorted[i + 1]?.state ?? card.state;
			if (r.resetCounts !== undefined) {
				return { id: r.id, at, change: 'reset', days: 0, resetCounts: r.resetCounts };
			}
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

const iso = (time: number) => new Date(time).toISOString();

/**
 * The card's entry, with its place in the new-card order (kept for a card answered since, as a
 * backup keeps it), or undefined for a card the file need not list: one the templates make that
 * is not new (so it has no place to keep), never answered, not suspended, buried or flagged.
 */
function deckCard(
	card: CardRecord,
	reviews: ReviewRecord[] = [],
	generated: Set<number>
): DeckCardInput | undefined {
	const history = deckHistory(card, reviews);
	const suspended = card.queue === 'suspended';
	const buried = card.queue === 'buried' && card.buriedUntil !== undefined;
	const isNew = card.state === State.New;
	const plain = !suspended && !buried && !card.flag && history.length === 0 && !isNew;
	if (plain && generated.has(card.ord)) {
		return undefined;
	}
	return {
		ord: card.ord,
		position: card.position,
		...(suspended ? { suspended } : {}),
		...(buried ? { buriedUntil: iso(card.buriedUntil!) } : {}),
		...(card.flag ? { flag: card.flag } : {}),
		...(history.length > 0 ? { reviews: history } : {})
	};
}

function deckNote(
	note: NoteRecord,
	deckName: string | undefined,
	cards: DeckCardInput[]
): DeckNoteInput {
	const modified = Object.entries(note.fieldMtimes ?? {}).map(([name, t]) => [name, iso(t)]);
	return {
		id: note.id,
		type: note.noteTypeId,
		fields: note.fields,
		...(note.kind ? { kind: note.kind } : {}),
		...(note.source ? { source: note.source } : {}),
		tags: note.tags.filter((t) => /^\S+$/.test(t)),
		...(deckName ? { deck: deckName } : {}),
		created: iso(note.createdAt),
		modified: Object.fromEntries(modified),
		...(cards.length > 0 ? { cards } : {})
	};
}

/** The warning for a media file too large for a deck file (a full backup keeps it). */
export function mediaLeftOut(name: string, bytes: number): string {
	const mb = (bytes / (1024 * 1024)).toFixed(1);
	return `The media file ${JSON.stringify(name)} (${mb} MB) was left out: a deck file carries media files of up to 25 MB, so keep it with a full backup.`;
}

/** The media files that fit, and a warning for each that does not: never left out silently. */
async function deckMedia(
	media: ExportData['media']
): Promise<{ files: DeckMedia[]; warnings: string[] }> {
	const fits = (m: ExportData['media'][number]) => m.bytes.length <= MAX_DECK_MEDIA_BYTES;
	const files = await Promise.all(
		media.filter(fits).map(async (m) => ({
			name: m.name,
			sha256: await sha256Hex(m.bytes),
			data: toBase64(m.bytes)
		}))
	);
	const warnings = media.filter((m) => !fits(m)).map((m) => mediaLeftOut(m.name, m.bytes.length));
	return { files, warnings };
}

/**
 * The file's fields before its notes: the chosen deck, its subdecks (so empty ones and their
 * options travel), the presets they use and the note types not built in.
 */
export type DeckFileHead = Omit<DeckFile, 'notes' | 'media'>;

export function deckFileHead(
	decks: DeckRecord[],
	noteTypes: NoteTypeRecord[],
	presets: DeckPreset[]
): DeckFileHead {
	const [root, ...subdecks] = decks as [DeckRecord, ...DeckRecord[]];
	const used = new Set(decks.map((d) => d.presetId));
	return {
		format: 'engram-deck',
		version: 1,
		id: root.id,
		name: root.name,
		description: root.description,
		...(root.source ? { source: root.source } : {}),
		preset: root.presetId,
		presets: presets.filter((p) => used.has(p.id)).map(presetToFile),
		subdecks: subdecks.map((d) => ({
			name: d.name,
			description: d.description,
			preset: d.presetId
		})),
		noteTypes: noteTypes
			.filter((t) => !isBuiltinNoteType(t.id))
			.map(({ id, name, kind, fields, templates, css, sortField }) => ({
				id,
				name,
				kind,
				fields,
				templates,
				css,
				...(sortField ? { sortField } : {})
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
): DeckNoteInput {
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

	note(note: DeckNoteInput): void {
		this.#write(`${this.#notes === 0 ? '' : ','}\n\t\t${nested(note, 2)}`);
		this.#notes += 1;
	}

	/**
	 * Ends the file, with the media (read after the records: their bytes come one by one).
	 * Returns a warning for each media file too large to carry.
	 */
	async end(media: ExportData['media']): Promise<string[]> {
		this.#write(this.#notes === 0 ? ']' : '\n\t]');
		const { files, warnings } = await deckMedia(media);
		if (files.length > 0) {
			const items = files.map((file) => `\n\t\t${nested(file, 2)}`).join(',');
			this.#write(`,\n\t"media": [${items}\n\t]`);
		}
		this.#write('\n}');
		return warnings;
	}
}

/** The deck file's text in memory, and a warning for anything it could not carry. */
export async function buildDeckJson(
	data: ExportData
): Promise<{ text: string; warnings: string[] }> {
	const placement = placementOf(data);
	const cardsByNote = groupBy(data.cards, (c) => c.noteId);
	const reviewsByCard = groupBy(data.reviews, (r) => r.cardId);
	const pieces: string[] = [];
	const head = deckFileHead(data.decks, data.noteTypes, data.presets);
	const writer = new DeckJsonWriter(head, (text) => pieces.push(text));
	for (const note of data.notes) {
		writer.note(deckFileNote(note, cardsByNote.get(note.id) ?? [], reviewsByCard, placement));
	}
	const warnings = await writer.end(data.media);
	return { text: pieces.join(''), warnings };
}
