/**
 * Reads what the collection already holds for the records of an import and lets
 * domain/import/identity.ts map the file's records onto them. Runs inside the import's
 * transaction. Lookups go by primary key first; the indexes are asked only for what a key did
 * not find (an Engram card or review the file knows under another id), so a file of new notes,
 * or an Anki deck imported again, costs a few bulkGets (none into an empty collection:
 * stored-by-id.ts). Notes of old Engram exports (a bare
 * Engram id as GUID) are found under that id first.
 */
import {
	alignNotesAndCards,
	alignReviews,
	renameNotes,
	sameNoteType
} from '$lib/domain/import/identity';
import type { ImportBundle } from '$lib/domain/import/bundle';
import type { CardRecord, NoteRecord, NoteTypeRecord } from '$lib/domain/model';
import { bareEngramId } from '$lib/domain/note-guid';
import { BUILTIN_NOTE_TYPES, isBuiltinNoteType } from '$lib/domain/note-types';
import type { EngramDB } from './db';
import { storedById } from './stored-by-id';

const defined = <T>(items: (T | undefined)[]) => items.filter((item) => item !== undefined);

async function storedCards(db: EngramDB, bundle: ImportBundle, noteIds: Set<string>) {
	const byId = await storedById(
		db.cards,
		bundle.cards.map((c) => c.id)
	);
	const unknown = bundle.cards.filter((c, i) => !byId[i] && noteIds.has(c.noteId));
	const byNote: CardRecord[] =
		unknown.length === 0
			? []
			: await db.cards
					.where('noteId')
					.anyOf([...new Set(unknown.map((c) => c.noteId))])
					.toArray();
	return [...defined(byId), ...byNote];
}

/** The stored note types of `notes` (built-in ones may not be stored). */
async function typesOf(db: EngramDB, notes: NoteRecord[]): Promise<NoteTypeRecord[]> {
	const typeIds = [...new Set(notes.map((n) => n.noteTypeId))];
	return defined(
		(await db.noteTypes.bulkGet(typeIds)).map(
			(t, i) => t ?? (isBuiltinNoteType(typeIds[i]!) ? BUILTIN_NOTE_TYPES[typeIds[i]!] : t)
		)
	);
}

/**
 * Notes of an export made before `engram:<id>` GUIDs: the file's note (imported as `anki:<guid>`)
 * is the stored Engram note whose id is that GUID, when the GUID cannot be Anki's own and the two
 * note types have the same fields. Only such GUIDs are looked up, so an Anki deck costs nothing.
 */
async function adoptBareEngramIds(db: EngramDB, file: ImportBundle): Promise<ImportBundle> {
	const candidates = file.notes.filter((n) => bareEngramId(n.id) !== undefined);
	if (candidates.length === 0) {
		return file;
	}
	const [underGuid, underBare] = await Promise.all([
		db.notes.bulkGet(candidates.map((n) => n.id)),
		db.notes.bulkGet(candidates.map((n) => bareEngramId(n.id)!))
	]);
	const stored = new Map(defined(underBare).map((n) => [n.id, n]));
	const storedTypes = new Map((await typesOf(db, [...stored.values()])).map((t) => [t.id, t]));
	const fileTypes = new Map(file.noteTypes.map((t) => [t.id, t]));
	const ids = new Map<string, string>();
	candidates.forEach((note, i) => {
		const match = underBare[i];
		const from = fileTypes.get(note.noteTypeId);
		const to = match && storedTypes.get(match.noteTypeId);
		if (!underGuid[i] && match && from && to && sameNoteType(from, to)) {
			ids.set(note.id, match.id);
		}
	});
	return renameNotes(file, ids);
}

export async function alignWithCollection(
	db: EngramDB,
	imported: ImportBundle
): Promise<ImportBundle> {
	const file = await adoptBareEngramIds(db, imported);
	const notes = defined(
		await storedById(
			db.notes,
			file.notes.map((n) => n.id)
		)
	);
	if (notes.length === 0) {
		return file;
	}
	const noteTypes = await typesOf(db, notes);
	const cards = await storedCards(db, file, new Set(notes.map((n) => n.id)));
	const bundle = alignNotesAndCards(file, { notes, noteTypes, cards });
	const known = await storedById(
		db.reviews,
		bundle.reviews.map((r) => r.id)
	);
	const cardIds = new Set(cards.map((c) => c.id));
	const unmatched = new Set(
		bundle.reviews.filter((r, i) => !known[i] && cardIds.has(r.cardId)).map((r) => r.cardId)
	);
	const reviews =
		unmatched.size === 0
			? []
			: await db.reviews
					.where('cardId')
					.anyOf([...unmatched])
					.toArray();
	return alignReviews(bundle, reviews);
}
