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

/** The two notes hold the same values, field by field in their types' order. */
function sameValues(a: NoteRecord, aType: NoteTypeRecord, b: NoteRecord, bType: NoteTypeRecord) {
	return aType.fields.every(
		(name, i) => (a.fields[name] ?? '') === (b.fields[bType.fields[i] ?? ''] ?? '')
	);
}

/**
 * Notes of an export made before `engram:<id>` GUIDs: the file's note (imported as `anki:<guid>`)
 * is the stored Engram note whose id is that GUID, when the two note types have the same fields
 * and nothing is stored under `anki:<guid>`. A GUID short enough to be Anki's (or another tool's)
 * must also bring the very same field values: a different note that merely shares a short GUID
 * with one of ours (`1`, `n1`) is then added beside it, never written over it. The cost: an old
 * export of a short-id note edited since comes in as a copy, as before.
 */
async function adoptBareEngramIds(db: EngramDB, file: ImportBundle): Promise<ImportBundle> {
	const candidates = file.notes.flatMap((note) => {
		const bare = bareEngramId(note.id);
		return bare ? [{ note, bare }] : [];
	});
	if (candidates.length === 0) {
		return file;
	}
	const underBare = await storedById(
		db.notes,
		candidates.map(({ bare }) => bare.id)
	);
	const found = candidates.flatMap(({ note, bare }, i) => {
		const match = underBare[i];
		return match ? [{ note, bare, match }] : [];
	});
	const underGuid = await db.notes.bulkGet(found.map(({ note }) => note.id));
	const types = await typesOf(
		db,
		found.map(({ match }) => match)
	);
	const storedTypes = new Map(types.map((t) => [t.id, t]));
	const fileTypes = new Map(file.noteTypes.map((t) => [t.id, t]));
	const ids = new Map<string, string>();
	found.forEach(({ note, bare, match }, i) => {
		const from = fileTypes.get(note.noteTypeId);
		const to = storedTypes.get(match.noteTypeId);
		if (underGuid[i] || !from || !to || !sameNoteType(from, to)) {
			return;
		}
		if (!bare.couldBeAnki || sameValues(note, from, match, to)) {
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
