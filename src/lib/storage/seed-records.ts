/**
 * Adds a deck's records. Idempotent, and safe on upgrade: records that already exist (and any
 * scheduling the user did on them) are never overwritten; only missing ones are added. Kept apart
 * from seed.ts so seeding the bundled deck's pre-built records loads no deck parsing.
 */
import type { DeckRecords } from '$lib/domain/deck-records';
import type { EngramDB } from './db';
import { addMissing, ensureDefaults } from './defaults';

export interface SeedResult {
	notesAdded: number;
	cardsAdded: number;
}

export async function seedRecords(
	db: EngramDB,
	{ deck, notes, cards }: Pick<DeckRecords, 'deck' | 'notes' | 'cards'>
): Promise<SeedResult> {
	await ensureDefaults(db);
	return db.transaction('rw', [db.decks, db.notes, db.cards], async () => {
		await addMissing(db.decks, [deck]);
		const notesAdded = await addMissing(db.notes, notes);
		const cardsAdded = await addMissing(db.cards, cards);
		return { notesAdded, cardsAdded };
	});
}
