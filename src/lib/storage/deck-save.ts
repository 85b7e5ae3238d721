/**
 * Saves a deck the person built from a passage. A new deck never replaces or merges into an
 * existing one: if the id is taken, nothing is written.
 */
import type { DeckFile } from '$lib/domain/deck-file';
import type { EngramDB } from './db';
import { seedDeck, type SeedResult } from './seed';

export class DeckSaveError extends Error {
	override name = 'DeckSaveError';
}

export async function saveNewDeck(db: EngramDB, file: DeckFile, now: Date): Promise<SeedResult> {
	if (file.notes.length === 0) {
		throw new DeckSaveError('Accept at least one card before saving the deck.');
	}
	if (await db.decks.get(file.id)) {
		throw new DeckSaveError('A deck with this id already exists, so nothing was saved.');
	}
	return seedDeck(db, file, now);
}
