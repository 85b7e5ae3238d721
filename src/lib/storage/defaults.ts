/**
 * The records every collection needs (the default preset and the built-in note types), added on
 * every start if missing. Kept apart from the deck seeding (seed.ts), which parses deck files and
 * creates cards: that only loads when a deck is actually added.
 */
import type { NoteTypeRecord } from '$lib/domain/model';
import { BUILTIN_NOTE_TYPE_IDS } from '$lib/domain/note-type-ids';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import type { Table } from 'dexie';
import type { EngramDB } from './db';

/**
 * Checks in a read-only transaction first and writes only what is missing (a first start). A
 * read-write transaction on every start, although it wrote nothing, queued the start's other
 * reads of presets and note types (the study screen's first card) behind it. True when it wrote.
 */
export async function ensureDefaults(db: EngramDB): Promise<boolean> {
	const [preset, noteTypes] = await db.transaction('r', [db.presets, db.noteTypes], () =>
		Promise.all([
			db.presets.get(DEFAULT_PRESET.id),
			db.noteTypes.bulkGet([...BUILTIN_NOTE_TYPE_IDS])
		])
	);
	if (preset && !noteTypes.includes(undefined)) {
		return false;
	}
	const missing = await missingNoteTypes(noteTypes);
	await db.transaction('rw', [db.presets, db.noteTypes], async () => {
		await addMissing(db.presets, [DEFAULT_PRESET]);
		await addMissing(db.noteTypes, missing);
	});
	return true;
}

/**
 * The built-in note types' records if one is not stored (a first start), else none: their code
 * loads only then, not on every start.
 */
async function missingNoteTypes(
	stored: readonly (NoteTypeRecord | undefined)[]
): Promise<NoteTypeRecord[]> {
	if (!stored.includes(undefined)) {
		return [];
	}
	const { BUILTIN_NOTE_TYPES } = await import('$lib/domain/note-types');
	return Object.values(BUILTIN_NOTE_TYPES);
}

/** Adds the items whose id is not stored yet; returns how many were added. */
export async function addMissing<T extends { id: string }, Insert>(
	table: Table<T, string, Insert>,
	items: (T & Insert)[]
): Promise<number> {
	const existing = await table.bulkGet(items.map((item) => item.id));
	const missing = items.filter((_, i) => existing[i] === undefined);
	if (missing.length > 0) {
		await table.bulkAdd(missing);
	}
	return missing.length;
}
