/**
 * Reads what the collection already holds for the notes of an import (the notes, their note
 * types, cards and reviews) and lets domain/import/identity.ts map the file's records onto them.
 * Runs inside the import's transaction. A file of new notes costs one bulkGet and nothing more.
 */
import { alignWithStored } from '$lib/domain/import/identity';
import type { ImportBundle } from '$lib/domain/import/bundle';
import { BUILTIN_NOTE_TYPES, isBuiltinNoteType } from '$lib/domain/note-types';
import type { EngramDB } from './db';

export async function alignWithCollection(
	db: EngramDB,
	bundle: ImportBundle
): Promise<ImportBundle> {
	const notes = (await db.notes.bulkGet(bundle.notes.map((n) => n.id))).filter(
		(n) => n !== undefined
	);
	if (notes.length === 0) {
		return bundle;
	}
	const typeIds = [...new Set(notes.map((n) => n.noteTypeId))];
	const noteTypes = (await db.noteTypes.bulkGet(typeIds))
		.map((t, i) => t ?? (isBuiltinNoteType(typeIds[i]!) ? BUILTIN_NOTE_TYPES[typeIds[i]!] : t))
		.filter((t) => t !== undefined);
	const cards = await db.cards
		.where('noteId')
		.anyOf(notes.map((n) => n.id))
		.toArray();
	const reviews = await db.reviews
		.where('cardId')
		.anyOf(cards.map((c) => c.id))
		.toArray();
	return alignWithStored(bundle, { notes, noteTypes, cards, reviews });
}
