/**
 * Cards and reviews by deck. Since schema 8 neither table has a `deckId` index of its own (one
 * index row fewer for every card and review written): a deck's rows are a range of the compound
 * indexes that start with the deck, [deckId+queue+due] for cards and [deckId+review] for reviews,
 * which the queue and the day's counts walk anyway. Since schema 12 there is no `queue` index
 * either: a queue's cards are one range of [deckId+queue+due] per deck.
 */
import Dexie from 'dexie';
import type { Queue } from '$lib/domain/model';
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

type CardTable = EngramDB['cards'];

/**
 * The ids of the decks that have cards, in id order, read from [deckId+queue+due] itself (so a
 * card whose deck record is missing is not missed): one key read per deck, each skipping past
 * the previous deck's rows.
 */
export async function cardDeckIds(cards: CardTable): Promise<string[]> {
	const ids: string[] = [];
	for (;;) {
		const last = ids.at(-1);
		const index = cards.where('[deckId+queue+due]');
		const rest = last === undefined ? index.above(Dexie.minKey) : index.above([last, Dexie.maxKey]);
		const [key] = await rest.limit(1).keys();
		if (key === undefined) {
			return ids;
		}
		ids.push((key as unknown as [string])[0]);
	}
}

/** One deck's cards in `queue` (due before `dueBefore`, if given), by due (then id). */
export function cardsInQueue(cards: CardTable, deckId: string, queue: Queue, dueBefore?: Date) {
	const upper = [deckId, queue, dueBefore ?? Dexie.maxKey];
	return cards
		.where('[deckId+queue+due]')
		.between([deckId, queue, Dexie.minKey], upper, true, dueBefore === undefined);
}

export type QueueRange = ReturnType<typeof cardsInQueue>;

/** The cards in `queue` across every deck, one range per deck; `read` picks keys or records. */
export async function inEveryDeck<T>(
	db: EngramDB,
	queue: Queue,
	read: (cards: QueueRange) => Promise<T[]>,
	dueBefore?: Date
): Promise<T[]> {
	const deckIds = await cardDeckIds(db.cards);
	const ranges = deckIds.map((id) => cardsInQueue(db.cards, id, queue, dueBefore));
	return (await Promise.all(ranges.map(read))).flat();
}

/**
 * The cards in `queue` in every stored deck: the decks' ids in one key read, then one range per
 * deck, all asked for at once in one read transaction (cardDeckIds would take a round trip per
 * deck before the first range). A card whose deck record is missing is left out: no study queue
 * reads it either (queues start from the decks table), so it waits until its deck is back.
 */
export function inStoredDecks<T>(
	db: EngramDB,
	queue: Queue,
	read: (cards: QueueRange) => Promise<T[]>
): Promise<T[]> {
	return db.transaction('r', [db.decks, db.cards], async () => {
		const deckIds = await db.decks.toCollection().primaryKeys();
		const ranges = deckIds.map((id) => cardsInQueue(db.cards, id, queue));
		return (await Promise.all(ranges.map(read))).flat();
	});
}
