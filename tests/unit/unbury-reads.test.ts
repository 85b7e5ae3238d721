/**
 * The first unbury of a study day runs before a cold start's first card, so its reads must not
 * grow with the number of decks one round trip at a time: the decks' ids are one read, and the
 * buried cards of every deck are asked for together. A DBCore middleware records, for each
 * request, how many requests had already been answered when it was made: requests made while
 * the same ones were answered went out together, so the number of distinct values is the number
 * of round trips in a row. The cards unburied are the same as before, deck by deck.
 */
import type { DBCoreTable } from 'dexie';
import { describe, expect, it } from 'vitest';
import { buryCards, moveCards, suspendCards, unburyExpired } from '$lib/storage/card-actions';
import type { EngramDB } from '$lib/storage/db';
import { seedDeck } from '$lib/storage/seed';
import { wrapTables } from './dbcore-wrap';
import { bundledDeck, freshDb, NOW } from './helpers';

const DAY = 86_400_000;
/** The next study day (it starts at 4 am): the cards buried on NOW's day come back then. */
const NEXT_DAY = new Date(2026, 2, 11, 4, 0);

interface Requests {
	/** Requests made, per table. */
	byTable: Record<string, number>;
	/** For each request, how many requests had been answered when it was made. */
	answeredBefore: number[];
	/** Round trips one after another: requests made at the same point go out together. */
	rounds(): number;
	reset(): void;
}

function recordRequests(db: EngramDB): Requests {
	let answered = 0;
	const requests: Requests = {
		byTable: {},
		answeredBefore: [],
		rounds() {
			return new Set(this.answeredBefore).size;
		},
		reset() {
			answered = 0;
			this.byTable = {};
			this.answeredBefore = [];
		}
	};
	const METHODS = ['get', 'getMany', 'query', 'openCursor', 'count', 'mutate'] as const;
	wrapTables(
		db,
		'request-recorder',
		(table, name) =>
			Object.fromEntries(
				METHODS.map((method) => [
					method,
					(request: never) => {
						requests.byTable[name] = (requests.byTable[name] ?? 0) + 1;
						requests.answeredBefore.push(answered);
						const call = table[method] as (request: never) => Promise<unknown>;
						// `.then`: the table's promise is Dexie's and keeps the transaction's zone.
						return call.call(table, request).then((result) => {
							answered += 1;
							return result;
						});
					}
				])
			) as Partial<DBCoreTable>
	);
	return requests;
}

/**
 * Six groups of the bundled deck's cards, group i in deck i % `deckCount`; in each group two
 * cards buried on NOW's day, one buried a day later (still buried on NEXT_DAY) and one
 * suspended. The same cards whatever the number of decks, so unburying them writes the same.
 */
async function buriedCollection(deckCount: number) {
	const db = freshDb();
	const requests = recordRequests(db);
	const deck = bundledDeck();
	await seedDeck(db, deck, NOW);
	const cards = (await db.cards.toArray()).map((c) => c.id).sort();
	const time = NOW.getTime();
	const deckIds = [deck.id];
	for (let i = 1; i < deckCount; i++) {
		const id = `deck-${i}`;
		const record = { id, name: `Deck ${i}`, description: '', presetId: 'default' };
		await db.decks.add({ ...record, createdAt: time, mtime: time });
		deckIds.push(id);
	}
	const expected: string[] = [];
	for (let group = 0; group < 6; group++) {
		const own = cards.slice(group * 6, group * 6 + 6);
		expect(own).toHaveLength(6);
		await moveCards(db, own, deckIds[group % deckCount]!, NOW);
		await buryCards(db, own.slice(0, 2), NOW);
		await buryCards(db, own.slice(2, 3), new Date(time + DAY));
		await suspendCards(db, own.slice(3, 4), NOW);
		expected.push(...own.slice(0, 2));
	}
	requests.reset();
	return { db, requests, expected: expected.sort() };
}

async function queues(db: EngramDB) {
	const cards = await db.cards.toArray();
	const count = (queue: string) => cards.filter((c) => c.queue === queue).length;
	return { buried: count('buried'), suspended: count('suspended') };
}

describe('the first unbury of a study day', () => {
	it('unburies the cards whose burial ended, in every deck, and no others', async () => {
		const { db, expected } = await buriedCollection(6);
		const before = new Map((await db.cards.toArray()).map((c) => [c.id, c]));
		expect(await unburyExpired(db, NEXT_DAY)).toBe(expected.length);
		const after = await db.cards.toArray();
		const changed = after.filter((c) => c.mtime !== before.get(c.id)!.mtime).map((c) => c.id);
		expect(changed.sort()).toEqual(expected);
		for (const id of expected) {
			const card = after.find((c) => c.id === id)!;
			expect(card.queue).toBe('new');
			expect(card.buriedUntil).toBeUndefined();
			expect(card.deckId).toBe(before.get(id)!.deckId);
		}
		// In each group one card is still buried (until the day after), one suspended.
		expect(await queues(db)).toEqual({ buried: 6, suspended: 6 });
		expect(await unburyExpired(db, NEXT_DAY)).toBe(0);
	});

	it('takes as many round trips in a row with six decks as with one, and one read per deck', async () => {
		const seen: { rounds: number; decks?: number; cards?: number }[] = [];
		for (const deckCount of [1, 6]) {
			const { db, requests, expected } = await buriedCollection(deckCount);
			expect(await unburyExpired(db, NEXT_DAY)).toBe(12);
			expect(expected).toHaveLength(12);
			seen.push({ rounds: requests.rounds(), ...requests.byTable });
		}
		const [oneDeck, sixDecks] = seen;
		expect(sixDecks!.rounds).toBe(oneDeck!.rounds);
		// The decks' ids once; each deck's buried cards: five more decks, five more reads.
		expect([oneDeck!.decks, sixDecks!.decks]).toEqual([1, 1]);
		expect(sixDecks!.cards! - oneDeck!.cards!).toBe(5);
	});
});
