/**
 * Deck export: reads one deck, its subdecks and everything their cards need (notes, note types,
 * review history, media) in ONE read transaction, so the file is a consistent snapshot even while
 * another tab studies, then hands the records to the pure builders in domain/export.
 */
import { buildExport, type ExportedFile, type ExportFormat } from '$lib/domain/export/export-deck';
import type { ExportData, ExportMedia } from '$lib/domain/export/export-data';
import { referencedMedia } from '$lib/domain/import/media-names';
import type { SqlLoader } from '$lib/domain/import/sqlite';
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord } from '$lib/domain/model';
import { BUILTIN_NOTE_TYPES, isBuiltinNoteType } from '$lib/domain/note-types';
import type { EngramDB, MediaRecord } from './db';

export class ExportError extends Error {
	override name = 'ExportError';
}

/** The deck and every deck nested under it (`Name::…`), the chosen deck first. */
function subtree(all: DeckRecord[], root: DeckRecord): DeckRecord[] {
	const prefix = `${root.name}::`;
	const nested = all.filter((d) => d.name.startsWith(prefix));
	return [root, ...nested.sort((a, b) => a.name.localeCompare(b.name))];
}

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
	const tables = [db.decks, db.noteTypes, db.notes, db.cards, db.reviews, db.media];
	return db.transaction('r', tables, async () => {
		const root = await db.decks.get(deckId);
		if (!root) {
			throw new ExportError('This deck does not exist any more.');
		}
		const decks = subtree(await db.decks.toArray(), root);
		const deckIds = decks.map((d) => d.id);
		const cards: CardRecord[] = await db.cards.where('deckId').anyOf(deckIds).toArray();
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
		return { decks, noteTypes, notes, cards, reviews, media };
	});
}

/** One file per name (the newest), as bytes: read after the transaction, Blobs are async. */
async function mediaBytes(records: MediaRecord[]): Promise<ExportMedia[]> {
	const newest = new Map<string, MediaRecord>();
	for (const record of records) {
		const seen = newest.get(record.name);
		if (!seen || seen.mtime < record.mtime) {
			newest.set(record.name, record);
		}
	}
	return Promise.all(
		[...newest.values()].map(async (m) => ({
			name: m.name,
			bytes: new Uint8Array(m.bytes instanceof Blob ? await m.bytes.arrayBuffer() : m.bytes)
		}))
	);
}

export async function readExportData(db: EngramDB, deckId: string): Promise<ExportData> {
	const snapshot = await readSnapshot(db, deckId);
	return { ...snapshot, media: await mediaBytes(snapshot.media) };
}

/**
 * The one entry point: a deck (with its subdecks) as a file in `format`. sql.js is needed only
 * for `.apkg`; `loadSql` is called then and only then.
 */
export async function exportDeck(
	db: EngramDB,
	deckId: string,
	format: ExportFormat,
	now: Date,
	loadSql: SqlLoader
): Promise<ExportedFile> {
	return buildExport(await readExportData(db, deckId), format, now, loadSql);
}
