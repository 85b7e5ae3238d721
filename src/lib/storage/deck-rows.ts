/**
 * Cards and reviews by deck. Since schema 8 neither table has a `deckId` index of its own (one
 * index row fewer for every card and review written): a deck's rows are a range of the compound
 * indexes that start with the deck, [deckId+queue+due] for cards and [deckId+review] for reviews,
 * which the queue and the day's counts walk anyway.
 */
import Dexie from 'dexie';
import type { EngramDB } from './db';

/**
 * Every key of an index that starts with the deck: [deckId] sorts before them all and
 * [deckId, maxKey] after them all (an array sorts above any string, date or number). Padding
 * every part with minKey/maxKey instead would put one maxKey object in a key twice, which the
 * IndexedDB spec rejects as a cycle.
 */
function deckRange(deckId: string): [[string], [string, unknown]] {
	return [[deckId], [deckId, Dexie.maxKey]];
}

const ranges = (deckIds: readonly string[]) => [...new Set(deckIds)].sort().map(deckRange);

/** One deck's cards, by queue then due (then id). */
export function cardsInDeck(db: EngramDB, deckId: string) {
	const [lower, upper] = deckRange(deckId);
	return db.cards.where('[deckId+queue+due]').between(lower, upper, true, true);
}

/** The cards of `deckIds`, deck by deck (in id order), each by queue then due. */
export function cardsInDecks(db: EngramDB, deckIds: readonly string[]) {
	return db.cards
		.where('[deckId+queue+due]')
		.inAnyRange(ranges(deckIds), { includeLowers: true, includeUppers: true });
}

/** The reviews of `deckIds`, deck by deck, each by review time. */
export function reviewsInDecks(db: EngramDB, deckIds: readonly string[]) {
	return db.reviews
		.where('[deckId+review]')
		.inAnyRange(ranges(deckIds), { includeLowers: true, includeUppers: true });
}
