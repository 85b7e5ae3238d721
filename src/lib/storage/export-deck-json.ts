/**
 * The Engram deck file of a deck and its subdecks, streamed: records are read in pages of notes
 * (each with its cards and their reviews) inside ONE read transaction, so the file is still a
 * consistent snapshot, and each page is written out as text into a Blob before the next is read.
 * The heap holds one page, never the deck: the text is the same as the in-memory writer's
 * (domain/export/engram-json.ts), exactly.
 */
import {
	DeckJsonWriter,
	deckFileHead,
	deckFileNote,
	type DeckPlacement
} from '$lib/domain/export/engram-json';
import { referencedMedia } from '$lib/domain/import/media-names';
import type { CardRecord, NoteRecord, NoteTypeRecord } from '$lib/domain/model';
import { BUILTIN_NOTE_TYPES, isBuiltinNoteType } from '$lib/domain/note-types';
import { groupBy } from '$lib/domain/group-by';
import { BlobSink } from './blob-sink';
import type { EngramDB, MediaRecord } from './db';
import { exportTables, mediaBytes, readDeckTree } from './export-records';

/** Notes per page: with their cards and reviews, a few hundred kilobytes of records. */
export const NOTE_PAGE = 500;

/**
 * The notes of the export, in the order the in-memory export lists them: the decks' own notes
 * (by deck, then id), then notes kept elsewhere whose cards are in the decks (in card order).
 */
async function exportNoteIds(db: EngramDB, deckIds: string[]): Promise<string[]> {
	const own = await db.notes.where('deckId').anyOf(deckIds).primaryKeys();
	const ids = new Set(own);
	const elsewhere: string[] = [];
	await db.cards
		.where('deckId')
		.anyOf(deckIds)
		.each((card) => {
			if (!ids.has(card.noteId)) {
				ids.add(card.noteId);
				elsewhere.push(card.noteId);
			}
		});
	return [...own, ...elsewhere];
}

/** The note types those notes use, in order of first use (through the type index: keys only). */
async function usedNoteTypes(db: EngramDB, noteIds: string[]): Promise<NoteTypeRecord[]> {
	const position = new Map(noteIds.map((id, i) => [id, i]));
	const stored = await db.noteTypes.toArray();
	const candidates = [
		...stored,
		...Object.values(BUILTIN_NOTE_TYPES).filter((t) => !stored.some((s) => s.id === t.id))
	];
	const used: { type: NoteTypeRecord; first: number }[] = [];
	for (const type of candidates) {
		const keys = await db.notes.where('noteTypeId').equals(type.id).primaryKeys();
		let first = Infinity;
		for (const key of keys) {
			first = Math.min(first, position.get(key) ?? Infinity);
		}
		if (first < Infinity) {
			used.push({ type, first });
		}
	}
	return used.sort((a, b) => a.first - b.first).map((u) => u.type);
}

/** In the order reading the cards by deck gives (deck id, then card id), as the export had. */
const byDeckThenId = (a: CardRecord, b: CardRecord) =>
	a.deckId === b.deckId ? (a.id < b.id ? -1 : 1) : a.deckId < b.deckId ? -1 : 1;

function addMediaNames(names: Set<string>, notes: NoteRecord[]): void {
	for (const note of notes) {
		for (const value of Object.values(note.fields)) {
			referencedMedia(value).forEach((name) => names.add(name));
		}
	}
}

/** One page of notes, written: the notes, their cards in the export, those cards' reviews. */
async function writePage(
	db: EngramDB,
	ids: string[],
	placement: DeckPlacement,
	writer: DeckJsonWriter,
	mediaNames: Set<string>
): Promise<void> {
	const notes = (await db.notes.bulkGet(ids)).filter((n) => n !== undefined);
	const cards = (await db.cards.where('noteId').anyOf(ids).toArray())
		.filter((card) => placement.deckNames.has(card.deckId))
		.sort(byDeckThenId);
	const reviews = await db.reviews
		.where('cardId')
		.anyOf(cards.map((c) => c.id))
		.toArray();
	const cardsByNote = groupBy(cards, (c) => c.noteId);
	const reviewsByCard = groupBy(reviews, (r) => r.cardId);
	for (const note of notes) {
		writer.note(deckFileNote(note, cardsByNote.get(note.id) ?? [], reviewsByCard, placement));
	}
	addMediaNames(mediaNames, notes);
}

/** Writes the head and every note; returns the media records the notes and templates name. */
function writeRecords(
	db: EngramDB,
	deckId: string,
	write: (text: string) => void,
	pageSize: number
) {
	return db.transaction('r', exportTables(db), async () => {
		const decks = await readDeckTree(db, deckId);
		const root = decks[0]!;
		const noteIds = await exportNoteIds(
			db,
			decks.map((d) => d.id)
		);
		const noteTypes = await usedNoteTypes(db, noteIds);
		const placement: DeckPlacement = {
			rootId: root.id,
			deckNames: new Map(decks.map((d) => [d.id, d.name])),
			noteTypes: new Map(noteTypes.map((t) => [t.id, t]))
		};
		// Built-in types stay out of the file (every Engram has them), as in the in-memory export.
		const writer = new DeckJsonWriter(
			deckFileHead(
				root,
				noteTypes.filter((t) => !isBuiltinNoteType(t.id))
			),
			write
		);
		const names = new Set<string>();
		noteTypes.forEach((t) =>
			t.templates.forEach((tpl) =>
				referencedMedia(tpl.front + tpl.back).forEach((n) => names.add(n))
			)
		);
		for (let start = 0; start < noteIds.length; start += pageSize) {
			await writePage(db, noteIds.slice(start, start + pageSize), placement, writer, names);
		}
		const media: MediaRecord[] = await db.media
			.where('name')
			.anyOf([...names])
			.toArray();
		return { writer, media };
	});
}

/** The deck file as a Blob, streamed (see the top of this file). */
export async function exportDeckJsonBlob(
	db: EngramDB,
	deckId: string,
	pageSize = NOTE_PAGE
): Promise<{ blob: Blob; warnings: string[] }> {
	const sink = new BlobSink('application/json');
	const encoder = new TextEncoder();
	const write = (text: string) => sink.add(encoder.encode(text));
	const { writer, media } = await writeRecords(db, deckId, write, pageSize);
	// Media bytes are read after the transaction: stored Blobs are read asynchronously.
	const warnings = await writer.end(await mediaBytes(media));
	return { blob: sink.finish(), warnings };
}
