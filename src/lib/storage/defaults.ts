/**
 * The records every collection needs (the default preset and the built-in note types), added on
 * every start if missing. Kept apart from the deck seeding (seed.ts), which parses deck files and
 * creates cards: that only loads when a deck is actually added.
 */
import { BUILTIN_NOTE_TYPES } from '$lib/domain/note-types';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import type { Table } from 'dexie';
import type { EngramDB } from './db';

export async function ensureDefaults(db: EngramDB): Promise<void> {
	await db.transaction('rw', [db.presets, db.noteTypes], async () => {
		await addMissing(db.presets, [DEFAULT_PRESET]);
		await addMissing(db.noteTypes, Object.values(BUILTIN_NOTE_TYPES));
	});
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
