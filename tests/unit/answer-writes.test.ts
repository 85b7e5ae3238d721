/**
 * The study session's answer write queue, on a real (fake-indexeddb) database through the real
 * storage calls: writes land one at a time in the order given whatever order their gates open
 * in, a failed write cancels the ones after it and nothing more is written until the session
 * put the cards back, the page leaving starts every queued write at once, a card answered in
 * another tab is skipped without stopping the queue, and the queue knows its own commits.
 */
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '$lib/domain/model';
import { Rating, State } from '$lib/domain/scheduler';
import { AnswerWrites, type QueuedAnswer, type WriteEvents } from '$lib/state/answer-writes';
import { answerCard, answerRecords } from '$lib/storage/answers';
import type { EngramDB } from '$lib/storage/db';
import { onTablesChanged, type TableChange } from '$lib/storage/observe';
import { presetForDeck } from '$lib/storage/queue';
import { seedDeck } from '$lib/storage/seed';
import { wrapTables } from './dbcore-wrap';
import { injectQuotaErrors } from './fault-injector';
import { bundledDeck, freshDb, NOW, answerInput } from './helpers';

/** A gate the test opens. */
function gate() {
	let open: (leaving: boolean) => void = () => {};
	const promise = new Promise<boolean>((resolve) => (open = resolve));
	return { promise, open: () => open(false) };
}

async function setup() {
	const db = freshDb();
	const faults = injectQuotaErrors(db);
	const order: string[] = [];
	wrapTables(db, 'review-order', (table, name) => ({
		mutate: (req) => {
			if (name === 'reviews' && req.type === 'add') {
				order.push((req.values[0] as { cardId: string }).cardId);
			}
			return table.mutate(req);
		}
	}));
	const deck = bundledDeck();
	await seedDeck(db, deck, NOW);
	// New cards of different notes: no answer buries another's card.
	const byNote = new Map<string, CardRecord>();
	for (const card of await db.cards.filter((card) => card.queue === 'new').toArray()) {
		byNote.set(card.noteId, byNote.get(card.noteId) ?? card);
	}
	const cards = [...byNote.values()].slice(0, 4);
	const preset = await presetForDeck(db, deck.id);
	const events = { stored: [] as string[], stale: [] as string[], failed: [] as string[] };
	const handlers: WriteEvents<string> = {
		stored: (answer) => events.stored.push(answer.context),
		stale: (answer) => events.stale.push(answer.context),
		failed: (answer) => events.failed.push(answer.context)
	};
	const writes = new AnswerWrites<string>(db, handlers);
	/** The answer Good to `card`, as the session queues it, behind `opens`. */
	const answer = (card: CardRecord, opens: Promise<boolean>): QueuedAnswer<string> => ({
		records: answerRecords(
			answerInput(card, { duration: 2000, reviewId: `review-of-${card.id}` }),
			{ card, preset, cardsOfNote: undefined }
		),
		gate: opens,
		context: card.id
	});
	return { db, faults, cards, order, events, writes, answer };
}

/** Whether `card` is stored as answered: its FSRS state moved on from New, with a review row. */
async function storedAsAnswered(db: EngramDB, card: CardRecord): Promise<boolean> {
	const stored = await db.cards.get(card.id);
	const reviews = await db.reviews.where('cardId').equals(card.id).count();
	return stored!.state !== State.New && stored!.reps === 1 && reviews === 1;
}

describe('answer writes', () => {
	it('writes one at a time in the order given, whatever order the gates open in', async () => {
		const { db, cards, order, events, writes, answer } = await setup();
		const [a, b, c] = cards as [CardRecord, CardRecord, CardRecord];
		const gates = [gate(), gate(), gate()];
		const landed = [a, b, c].map((card, i) => writes.add(answer(card, gates[i]!.promise)));
		expect(writes.pendingCards()).toEqual(new Set([a.id, b.id, c.id]));
		gates[2]!.open();
		gates[1]!.open();
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(order).toEqual([]); // The first is not let through yet: nothing is written.
		gates[0]!.open();
		expect(await Promise.all(landed)).toEqual([true, true, true]);
		expect(await writes.drained()).toBe(true);
		expect(order).toEqual([a.id, b.id, c.id]);
		expect(events.stored).toEqual([a.id, b.id, c.id]);
		for (const card of [a, b, c]) {
			expect(await storedAsAnswered(db, card)).toBe(true);
		}
		expect(writes.pendingCards().size).toBe(0);
	});

	it('a failed write cancels the writes after it; nothing more is written until resume', async () => {
		const { db, faults, cards, events, writes, answer } = await setup();
		const [a, b, c, d] = cards as [CardRecord, CardRecord, CardRecord, CardRecord];
		const before = await db.cards.bulkGet([a.id, b.id, c.id]);
		faults.failing.add('reviews');
		const landed = [a, b, c].map((card) => writes.add(answer(card, Promise.resolve(false))));
		expect(await Promise.all(landed)).toEqual([false, false, false]);
		expect(await writes.drained()).toBe(false);
		expect(events.failed).toEqual([a.id]);
		expect(events.stored).toEqual([]);
		faults.failing.clear();
		// Given on a screen that took the failed one as stored: dropped too, until the session
		// has put the cards back.
		expect(writes.halted).toBe(true);
		expect(await writes.add(answer(d, Promise.resolve(false)))).toBe(false);
		expect(await db.cards.bulkGet([a.id, b.id, c.id])).toEqual(before);
		expect(await db.reviews.count()).toBe(0);
		expect(writes.resume()).toBe(4);
		expect(writes.halted).toBe(false);
		expect(await writes.add(answer(b, Promise.resolve(false)))).toBe(true);
		expect(await storedAsAnswered(db, b)).toBe(true);
		expect(await storedAsAnswered(db, a)).toBe(false);
	});

	it('the page leaving starts every queued write at once, in order', async () => {
		const { db, cards, order, writes, answer } = await setup();
		const [a, b, c] = cards as [CardRecord, CardRecord, CardRecord];
		// Gates that would never open: the next card is never painted, the page goes.
		const landed = [a, b, c].map((card) => writes.add(answer(card, new Promise(() => {}))));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(order).toEqual([]);
		writes.flushNow();
		expect(await Promise.all(landed)).toEqual([true, true, true]);
		expect(order).toEqual([a.id, b.id, c.id]);
		for (const card of [a, b, c]) {
			expect(await storedAsAnswered(db, card)).toBe(true);
		}
	});

	it('the page closing aborts a read still going, so the queued write behind it lands', async () => {
		const { db, cards, writes, answer } = await setup();
		const [a, b] = cards as [CardRecord, CardRecord];
		// A lookahead-like read of several round trips, asked for before the write: it never
		// ends, as when the page stops running in the middle of it.
		const reading = db.transaction('r', db.cards, async () => {
			for (;;) {
				await db.cards.get(b.id);
			}
		});
		reading.catch(() => undefined);
		const landed = writes.add(answer(a, new Promise(() => {})));
		let done = false;
		void landed.then(() => (done = true));
		writes.flushNow(false); // Hidden only: the read may go on, nothing is aborted.
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(done).toBe(false); // Sent, and held back by the read.
		writes.flushNow(true); // Closing.
		await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
		expect(await landed).toBe(true);
		expect(await storedAsAnswered(db, a)).toBe(true);
	});

	it('a card answered in another tab is skipped, stored once, and the queue goes on', async () => {
		const { db, cards, events, writes, answer } = await setup();
		const [a, b] = cards as [CardRecord, CardRecord];
		const queued = answer(a, Promise.resolve(false));
		await answerCard(db, answerInput(a, { grade: Rating.Easy }));
		const landed = [writes.add(queued), writes.add(answer(b, Promise.resolve(false)))];
		expect(await Promise.all(landed)).toEqual([false, true]);
		expect(events.stale).toEqual([a.id]);
		expect(events.stored).toEqual([b.id]);
		expect(writes.halted).toBe(false);
		expect(await db.reviews.where('cardId').equals(a.id).count()).toBe(1);
		expect((await db.reviews.where('cardId').equals(a.id).first())!.rating).toBe(Rating.Easy);
	});

	it("tells its own commits from other writes' (the session ignores only its own)", async () => {
		const { db, cards, writes, answer } = await setup();
		const [a, b] = cards as [CardRecord, CardRecord];
		const seen: boolean[] = [];
		const stop = onTablesChanged(db, ['cards', 'reviews'], (change: TableChange) =>
			seen.push(writes.madeChange(change))
		);
		await writes.add(answer(a, Promise.resolve(false)));
		await answerCard(db, answerInput(b));
		stop();
		expect(seen).toEqual([true, false]);
	});
});
