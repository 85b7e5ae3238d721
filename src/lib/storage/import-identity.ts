/**
 * Reads what the collection already holds for the records of an import and lets
 * domain/import/identity.ts map the file's records onto them. Runs inside the import's
 * transaction. Lookups go by primary key first; the indexes are asked only for what a key did
 * not find (an Engram card or review the file knows under another id), so a file of new notes,
 * or an Anki deck imported again, costs a few bulkGets.
 */
import { alignNotesAndCards, alignReviews } from '$lib/domain/import/identity';
import type { ImportBundle } from '$lib/domain/import/bundle';
import type { CardRecord } from '$lib/domain/model';
import { BUILTIN_NOTE_TYPES, isBuiltinNoteType } from '$lib/domain/note-types';
import type { EngramDB } from './db';

const defined = <T>(items: (T | undefined)[]) => items.filter((item) => item !== undefined);

async function storedCards(db: EngramDB, bundle: ImportBundle, noteIds: Set<string>) {
	const byId = await db.cards.bulkGet(bundle.cards.map((c) => c.id));
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

export async function alignWithCollection(db: EngramDB, file: ImportBundle): Promise<ImportBundle> {
	const notes = defined(await db.notes.bulkGet(file.notes.map((n) => n.id)));
	if (notes.length === 0) {
		return file;
	}
	const typeIds = [...new Set(notes.map((n) => n.noteTypeId))];
	const noteTypes = defined(
		(await db.noteTypes.bulkGet(typeIds)).map(
			(t, i) => t ?? (isBuiltinNoteType(typeIds[i]!) ? BUILTIN_NOTE_TYPES[typeIds[i]!] : t)
		)
	);
	const cards = await storedCards(db, file, new Set(notes.map((n) => n.id)));
	const bundle = alignNotesAndCards(file, { notes, noteTypes, cards });
	const known = await db.reviews.bulkGet(bundle.reviews.map((r) => r.id));
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
