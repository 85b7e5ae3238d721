/** Adds a deck file's deck, notes and cards (see seed-records.ts for what "adds" means). */
import type { DeckFile } from '$lib/domain/deck-file';
import { deckFileToRecords } from '$lib/domain/deck-records';
import type { EngramDB } from './db';
import { seedRecords, type SeedResult } from './seed-records';

export type { SeedResult };

export function seedDeck(db: EngramDB, file: DeckFile, now: Date): Promise<SeedResult> {
	return seedRecords(db, deckFileToRecords(file, now));
}
