/** Read models for the deck list and the study screen. */
import { DECK_SEPARATOR } from '$lib/domain/deck-names';
import { newId } from '$lib/domain/ids';
import type { DeckRecord } from '$lib/domain/model';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import { studyDay } from '$lib/domain/study-day';
import type { EngramDB } from './db';
import { dueCounts, type DueCounts } from './queue-counts';
import { cardsInDeck } from './deck-rows';

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
			total: await cardsInDeck(db, deck.id).count(),
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

/** The deck and its subdecks (the decks whose name starts with its name and `::`), deck first. */
export async function deckWithSubdecks(db: EngramDB, deckId: string): Promise<DeckRecord[]> {
	const deck = await db.decks.get(deckId);
	if (!deck) {
		return [];
	}
	const subdecks = await db.decks
		.where('name')
		.startsWith(deck.name + DECK_SEPARATOR)
		.toArray();
	return [deck, ...subdecks];
}

/**
 * The deck at a `::` path, created if missing. Anki always has a deck for every parent; here a
 * parent can exist only as a name prefix (a subdeck imported or bundled alone), so studying or
 * configuring it first makes it a real deck, with the default preset, as Anki would have.
 */
export async function ensureDeckAtPath(db: EngramDB, path: string, now: Date): Promise<string> {
	return db.transaction('rw', db.decks, async () => {
		const existing = await db.decks.where('name').equals(path).first();
		if (existing) {
			return existing.id;
		}
		const deck: DeckRecord = {
			id: newId(),
			name: path,
			description: '',
			presetId: DEFAULT_PRESET.id,
			createdAt: now.getTime(),
			mtime: now.getTime()
		};
		await db.decks.add(deck);
		return deck.id;
	});
}

/**
 * Whether any custom study session exists: Today loads their list's code only then. Here, not
 * beside the sessions' other reads, so the first screen does not carry those.
 */
export async function hasFilteredSessions(db: EngramDB): Promise<boolean> {
	return (await db.filteredDecks.count()) > 0;
}
