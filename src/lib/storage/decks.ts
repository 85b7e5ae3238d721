/** Read models for the deck list and the study screen. */
import type { DeckRecord } from '$lib/domain/model';
import { studyDay } from '$lib/domain/study-day';
import type { EngramDB } from './db';
import { dueCounts, type DueCounts } from './queue';

export interface DeckSummary {
	deck: DeckRecord;
	due: DueCounts;
	total: number;
	reviewedToday: number;
}

export async function listDeckSummaries(
	db: EngramDB,
	now: Date,
	dayStartHour?: number
): Promise<DeckSummary[]> {
	const day = studyDay(now, dayStartHour);
	const decks = await db.decks.orderBy('name').toArray();
	return Promise.all(
		decks.map(async (deck) => ({
			deck,
			due: await dueCounts(db, deck.id, now, dayStartHour),
			total: await db.cards.where('deckId').equals(deck.id).count(),
			reviewedToday: await db.reviews
				.where('[deckId+review]')
				.between([deck.id, day.start], [deck.id, day.end])
				.count()
		}))
	);
}

/** Every deck, by name: for pickers and filters. */
export async function listDecks(db: EngramDB): Promise<DeckRecord[]> {
	return db.decks.orderBy('name').toArray();
}

export async function getDeck(db: EngramDB, deckId: string): Promise<DeckRecord | undefined> {
	return db.decks.get(deckId);
}
