/**
 * Adds a deck file's deck, notes and cards. Idempotent, and safe on upgrade: records that already
 * exist (and any scheduling the user did on them) are never overwritten; only missing ones are added.
 */
import type { DeckFile } from '$lib/domain/deck-file';
import { deckFileToRecords } from '$lib/domain/deck-records';
import type { EngramDB } from './db';
import { addMissing, ensureDefaults } from './defaults';

export interface SeedResult {
	notesAdded: number;
	cardsAdded: number;
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
