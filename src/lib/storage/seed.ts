/**
 * Loads the bundled decks on first start. Idempotent, and safe on upgrade: records that already
 * exist (and any scheduling the user did on them) are never overwritten; only missing ones are added.
 */
import type { DeckFile } from '$lib/domain/deck-file';
import { deckFileToRecords } from '$lib/domain/deck-records';
import { BUILTIN_NOTE_TYPES } from '$lib/domain/note-types';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import type { Table } from 'dexie';
import type { EngramDB } from './db';

export interface SeedResult {
	notesAdded: number;
	cardsAdded: number;
}

export async function ensureDefaults(db: EngramDB): Promise<void> {
	await db.transaction('rw', [db.presets, db.noteTypes], async () => {
		await addMissing(db.presets, [DEFAULT_PRESET]);
		await addMissing(db.noteTypes, Object.values(BUILTIN_NOTE_TYPES));
	});
}

export async function seedDeck(db: EngramDB, file: DeckFile, now: Date): Promise<SeedResult> {
	const { deck, notes, cards } = deckFileToRecords(file, now);
	await ensureDefaults(db);
	return db.transaction('rw', [db.decks, db.notes, db.cards], async () => {
		await addMissing(db.decks, [deck]);
		const notesAdded = await addMissing(db.notes, notes);
		const cardsAdded = await addMissing(db.cards, cards);
		return { notesAdded, cardsAdded };
	});
}

async function addMissing<T extends { id: string }, Insert>(
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
