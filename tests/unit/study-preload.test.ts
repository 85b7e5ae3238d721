/**
 * A cold start's study screen (study/[deckId]/+page.ts): the session's first reads start as soon
 * as the collection may be read, before the screen mounts, and the screen's load takes them over
 * instead of reading again, unless the open wrote records they may have missed.
 */
import type { DBCoreQuery } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { StudySession } from '$lib/state/study-session.svelte';
import { countReads } from './read-counter';
import { wrapTables } from './dbcore-wrap';
import { freshDb, bundledDeck, NOW } from './helpers';
import { seedDeck } from '$lib/storage/seed';

async function setup() {
	const db = freshDb();
	const reads = countReads(db);
	const deck = bundledDeck();
	await seedDeck(db, deck, NOW);
	const session = new StudySession(db, deck.id, () => NOW);
	reads.reset();
	return { db, reads, session };
}

/** A promise resolved (or rejected) by hand: the collection's `readable()`. */
function gate() {
	let open!: () => void;
	let fail!: (error: unknown) => void;
	const promise = new Promise<void>((resolve, reject) => {
		open = resolve;
		fail = reject;
	});
	return { promise, open, fail };
}

/** Lets pending reads and microtasks run (enough for a read to start, were one asked for). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** How many loads of the queue ran (each records an `engram:study-load` measure once done). */
const loads = () => performance.getEntriesByName('engram:study-load').length;

const loaded = (count: number) =>
	vi.waitFor(() => expect(loads()).toBe(count), { timeout: 10_000 });

/** A read of a deck's buried cards: a range of [deckId+queue+due] (schema 12 has no `queue`
 * index; storage/deck-rows.ts). */
const readsBuried = (query: DBCoreQuery) =>
	query.index.name === '[deckId+queue+due]' &&
	(query.range.lower as unknown[] | undefined)?.[1] === 'buried';

/** Waits for the early load to put its card on screen. */
const shown = (session: StudySession) =>
	vi.waitFor(() => expect(session.view).toBeDefined(), { timeout: 10_000 });

describe('study session started before its screen', () => {
	it('reads nothing until the collection may be read, then shows the first card unasked', async () => {
		const { reads, session } = await setup();
		const readable = gate();
		session.preload(readable.promise, () => false);
		await settle();
		expect(reads.total()).toBe(0);
		expect(session.view).toBeUndefined();

		readable.open();
		await shown(session);
		expect(reads.total()).toBeGreaterThan(0);
	});

	it("the screen's load takes the early load over: the queue is not read again", async () => {
		const { session } = await setup();
		const before = loads();
		session.preload(Promise.resolve(), () => false);
		await loaded(before + 1);
		const first = session.view!.card.id;
		await session.load();
		expect(loads()).toBe(before + 1);
		expect(session.view!.card.id).toBe(first);
		// Only the first load is taken over: a later one reads the queue again.
		await session.load();
		expect(loads()).toBe(before + 2);
	});

	it('loads again when the open wrote records the early reads may have missed', async () => {
		const { session } = await setup();
		const before = loads();
		session.preload(Promise.resolve(), () => true);
		await loaded(before + 1);
		await session.load();
		expect(loads()).toBe(before + 2);
		expect(session.view).toBeDefined();
	});

	it('an open that failed reads nothing early; the screen loads as usual once it mounts', async () => {
		const { reads, session } = await setup();
		const readable = gate();
		session.preload(readable.promise, () => false);
		readable.fail(new Error('could not open'));
		await settle();
		expect(reads.total()).toBe(0);
		await session.load();
		expect(session.view).toBeDefined();
		expect(session.error).toBeUndefined();
	});

	it('the first load reads the day-start hour beside the buried cards, not before them', async () => {
		// The day-start hour's read answers only once the buried cards are asked for (or after 2 s):
		// read one after the other, the first would wait for the second (and its transaction end).
		let armed = false;
		let askedForBuried!: () => void;
		const buriedAsked = new Promise<string>(
			(resolve) => (askedForBuried = () => resolve('buried'))
		);
		const answeredAfter: string[] = [];
		const db = freshDb();
		// Before the database opens: Dexie builds its middleware stack then.
		wrapTables(db, 'HoldDayStart', (table, name) => ({
			get: async (request) => {
				// Read at once, answered later: the read's transaction must not end idle before it asks.
				const value: unknown = await table.get(request);
				if (armed && name === 'settings' && request.key === 'dayStartHour') {
					const timeout = new Promise<string>((resolve) => setTimeout(resolve, 2000, 'timeout'));
					answeredAfter.push(await Promise.race([buriedAsked, timeout]));
				}
				return value;
			},
			openCursor: (request) => {
				if (armed && name === 'cards' && readsBuried(request.query)) {
					askedForBuried();
				}
				return table.openCursor(request);
			}
		}));
		const deck = bundledDeck();
		await seedDeck(db, deck, NOW);
		const session = new StudySession(db, deck.id, () => NOW);
		armed = true;
		session.preload(Promise.resolve(), () => false);
		await shown(session);
		expect(answeredAfter).toEqual(['buried']);
	});
});
