/**
 * Reset to new (Anki's "Reset"/"Forget"), with Anki's two choices: back to the card's place in
 * the new-card order or after the last new card of its deck, and counts kept or zeroed. A card's
 * `position` is never changed by answering, so it still holds the place the card had when it
 * last left New. The reset row records whether the counts were zeroed, so a replay of the
 * card's reviews gives the counts stored.
 */
import { DEFAULT_RESET_OPTIONS, type ResetOptions } from '$lib/domain/reset-options';
import type { CardRecord } from '$lib/domain/model';
import { forgetCard } from '$lib/domain/scheduler';
import { rescheduleReadCards } from './card-actions';
import { readCardPage } from './card-pages';
import type { EngramDB } from './db';
import { newCards } from './queue-counts';

/** The position after the last new card of the deck (0 in a deck without new cards). */
export async function nextNewPosition(db: EngramDB, deckId: string): Promise<number> {
	const last = await newCards(db, deckId).last();
	return last ? last.position + 1 : 0;
}

/** Per deck, the next position at the end of its new cards, handed out one after another. */
async function endPositions(db: EngramDB, cards: readonly CardRecord[]) {
	const next = new Map<string, number>();
	for (const card of cards) {
		if (!next.has(card.deckId)) {
			next.set(card.deckId, await nextNewPosition(db, card.deckId));
		}
	}
	return (deckId: string): number => {
		const position = next.get(deckId) ?? 0;
		next.set(deckId, position + 1);
		return position;
	};
}

const RESET_TABLES = (db: EngramDB) => [db.cards, db.reviews, db.decks, db.presets];

/** Resets the cards to new (ts-fsrs `forget`), in the order given, in one transaction. */
export function resetCards(
	db: EngramDB,
	cardIds: readonly string[],
	now: Date,
	options: Partial<ResetOptions> = {}
): Promise<number> {
	return db.transaction('rw', RESET_TABLES(db), async () =>
		resetReadCards(db, await readCardPage(db, cardIds), now, options)
	);
}

/** resetCards for cards the caller has just read in its transaction (a bulk page's snapshot). */
export function resetReadCards(
	db: EngramDB,
	cards: readonly CardRecord[],
	now: Date,
	options: Partial<ResetOptions> = {}
): Promise<number> {
	const { restorePosition, resetCounts } = { ...DEFAULT_RESET_OPTIONS, ...options };
	return db.transaction('rw', RESET_TABLES(db), async () => {
		const atEnd = restorePosition ? undefined : await endPositions(db, cards);
		return rescheduleReadCards(db, cards, now, (card, scheduler) => ({
			...forgetCard(scheduler, card, now, resetCounts),
			cardFields: atEnd ? { position: atEnd(card.deckId) } : {},
			reviewFields: { resetCounts }
		}));
	});
}
