/**
 * Deck export: reads one deck, its subdecks and everything their cards need (notes, note types,
 * review history, media) in ONE read transaction, so the file is a consistent snapshot even while
 * another tab studies, then hands the records to the pure builders in domain/export.
 */
import {
	buildExport,
	EXPORT_FORMATS,
	type ExportedBlob,
	type ExportedFile,
	type ExportFormat
} from '$lib/domain/export/export-deck';
import { fileNameFor } from '$lib/domain/export/export-data';
import type { ExportData } from '$lib/domain/export/export-data';
import { referencedMedia } from '$lib/domain/import/media-names';
import type { SqlLoader } from '$lib/domain/import/sqlite';
import type { CardRecord, NoteRecord, NoteTypeRecord } from '$lib/domain/model';
import { BUILTIN_NOTE_TYPES, isBuiltinNoteType } from '$lib/domain/note-types';
import type { EngramDB, MediaRecord } from './db';
import { exportDeckJsonBlob } from './export-deck-json';
import { ExportError, exportTables, mediaBytes, readDeckTree, readPresets } from './export-records';
import { cardsInDecks } from './deck-rows';

export { ExportError };

/** Names the notes (and templates, for `_shared` files) refer to. */
function mediaNames(notes: NoteRecord[], types: NoteTypeRecord[]): string[] {
	const names = new Set<string>();
	for (const note of notes) {
		for (const value of Object.values(note.fields)) {
			referencedMedia(value).forEach((n) => names.add(n));
		}
	}
	for (const type of types) {
		for (const t of type.templates) {
			referencedMedia(t.front + t.back).forEach((n) => names.add(n));
		}
	}
	return [...names];
}

interface Snapshot extends Omit<ExportData, 'media'> {
	media: MediaRecord[];
}

async function readSnapshot(db: EngramDB, deckId: string): Promise<Snapshot> {
	return db.transaction('r', exportTables(db), async () => {
		const decks = await readDeckTree(db, deckId);
		const deckIds = decks.map((d) => d.id);
		const cards: CardRecord[] = await cardsInDecks(db, deckIds).toArray();
		const notesInDecks = await db.notes.where('deckId').anyOf(deckIds).primaryKeys();
		const noteIds = [...new Set([...notesInDecks, ...cards.map((c) => c.noteId)])];
		const notes = (await db.notes.bulkGet(noteIds)).filter((n) => n !== undefined);
		const typeIds = [...new Set(notes.map((n) => n.noteTypeId))];
		const storedTypes = await db.noteTypes.bulkGet(typeIds);
		const noteTypes = typeIds
			.map(
				(id, i) => storedTypes[i] ?? (isBuiltinNoteType(id) ? BUILTIN_NOTE_TYPES[id] : undefined)
			)
			.filter((t) => t !== undefined);
		const reviews = await db.reviews
			.where('cardId')
			.anyOf(cards.map((c) => c.id))
			.toArray();
		const media = await db.media.where('name').anyOf(mediaNames(notes, noteTypes)).toArray();
		const presets = await readPresets(db, decks);
		return { decks, presets, noteTypes, notes, cards, reviews, media };
	});
}

export async function readExportData(db: EngramDB, deckId: string): Promise<ExportData> {
	const snapshot = await readSnapshot(db, deckId);
	return { ...snapshot, media: await mediaBytes(snapshot.media) };
}

/**
 * The one entry point: a deck (with its subdecks) as a file in `format`, as a Blob (what the
 * export worker hands the page). The Engram deck file is streamed page by page; the Anki formats
 * are built from the records read whole. sql.js is needed only for `.apkg`; `loadSql` is called
 * then and only then.
 */
export async function exportDeckBlob(
	db: EngramDB,
	deckId: string,
	format: ExportFormat,
	now: Date,
	loadSql: SqlLoader
): Promise<ExportedBlob> {
	if (format === 'json') {
		const root = await db.decks.get(deckId);
		const { extension, type } = EXPORT_FORMATS.json;
		return {
			...(await exportDeckJsonBlob(db, deckId)),
			fileName: fileNameFor(root?.name ?? 'deck', extension),
			type
		};
	}
	const file = await buildExport(await readExportData(db, deckId), format, now, loadSql);
	return {
		blob: new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }),
		fileName: file.fileName,
		type: file.type,
		warnings: file.warnings
	};
}

/** The same file as bytes (tests and scripts read it back). */
export async function exportDeck(
	db: EngramDB,
	deckId: string,
	format: ExportFormat,
	now: Date,
	loadSql: SqlLoader
): Promise<ExportedFile> {
	const { blob, fileName, type, warnings } = await exportDeckBlob(db, deckId, format, now, loadSql);
	return { bytes: new Uint8Array(await blob.arrayBuffer()), fileName, type, warnings };
}
