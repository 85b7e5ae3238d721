/**
 * A grade is kept from the key press (state/grade-on-leave.ts): closed before the session queued
 * its write (here the lookahead it waits for is still reading), the page's leaving writes it at
 * once, burying the siblings the session's own write would. Once queued, the queue writes it
 * (answer-writes.ts) and nothing is written twice.
 */
import { describe, expect, it, vi } from 'vitest';
import { Rating } from '$lib/domain/scheduler';
import type * as AfterPaint from '$lib/state/after-paint';
import { studyDay } from '$lib/domain/study-day';
import { StudySession } from '$lib/state/study-session.svelte';
import { wrapTables } from './dbcore-wrap';
import { handPaintedSession } from './hand-painted-session';
import { freshDb, NOW } from './helpers';
import { mixedDeck } from './mixed-deck';

/** The page's leaving, played by the test: `leave(true)` is a pagehide. */
const leaving = vi.hoisted(() => new Set<(unloading: boolean) => void>());
vi.mock('$lib/state/after-paint', async (importOriginal) => ({
	...(await importOriginal<typeof AfterPaint>()),
	onLeave: (listener: (unloading: boolean) => void) => {
		leaving.add(listener);
		return () => leaving.delete(listener);
	}
}));
const leave = (unloading: boolean) => [...leaving].forEach((listener) => listener(unloading));

/** Lets the lookahead the session started in the background finish. */
async function settled(session: StudySession): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, 50));
	await session.refresh();
}

describe('a grade and the page closing', () => {
	it('a grade waiting for the lookahead is written by the page closing, once', async () => {
		const db = freshDb();
		let held: Promise<void> | undefined;
		let release: () => void = () => {};
		// The notes the lookahead reads to render the next card: held while `held` is set.
		wrapTables(db, 'hold-notes', (table, name) => ({
			get: (req) => (name === 'notes' && held ? held.then(() => table.get(req)) : table.get(req))
		}));
		const { session, stop, tick, paint, nextFrame } = await handPaintedSession(db);
		await settled(session);
		tick();
		session.reveal();
		const first = session.grade(Rating.Good);
		await nextFrame();
		held = new Promise<void>((resolve) => (release = resolve));
		paint();
		await first;
		expect(await db.reviews.count()).toBe(1);

		const shown = session.view!.card;
		tick();
		session.reveal();
		const second = session.grade(Rating.Easy);
		await new Promise((resolve) => setTimeout(resolve, 30));
		// Waiting for the lookahead: not queued, not written.
		expect(await db.reviews.where('cardId').equals(shown.id).count()).toBe(0);
		leave(false); // Hidden only: the page still runs, and writes it itself.
		expect(await db.reviews.where('cardId').equals(shown.id).count()).toBe(0);
		leave(true);
		await vi.waitFor(async () =>
			expect(await db.reviews.where('cardId').equals(shown.id).toArray()).toMatchObject([
				{ rating: Rating.Easy }
			])
		);
		expect((await db.cards.get(shown.id))!.mtime).not.toBe(shown.mtime);

		// A frozen page runs again: it shows the grade as stored and writes nothing more.
		release();
		held = undefined;
		await second;
		expect(session.error).toBeUndefined();
		expect(await db.reviews.count()).toBe(2);
		expect(session.answeredCount).toBe(2);
		expect(session.view?.card.id).not.toBe(shown.id);
		stop();
	});

	it('without a lookahead, the answer written in order is stopped and written by the page closing', async () => {
		const db = freshDb();
		let fail = false;
		let held: Promise<void> | undefined;
		wrapTables(db, 'no-lookahead', (table, name) => ({
			get: (req) => {
				if (name === 'notes' && fail) {
					return Promise.reject(new Error('No lookahead: the answer is written in order.'));
				}
				return name === 'cards' && held ? held.then(() => table.get(req)) : table.get(req);
			}
		}));
		const { session, stop, tick, paint, nextFrame } = await handPaintedSession(db);
		await settled(session);
		tick();
		session.reveal();
		const first = session.grade(Rating.Good);
		await nextFrame();
		fail = true; // The lookahead for the card after it fails.
		paint();
		await first;
		await new Promise((resolve) => setTimeout(resolve, 30));
		fail = false;

		const shown = session.view!.card;
		let release: () => void = () => {};
		// answerCard's read of the card comes back only once its transaction is aborted.
		held = new Promise<void>((resolve) => (release = resolve));
		tick();
		session.reveal();
		const second = session.grade(Rating.Hard);
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(await db.reviews.where('cardId').equals(shown.id).count()).toBe(0);
		held = undefined;
		leave(true);
		// Written while answerCard's read is still out (a closed page never gets it back).
		await vi.waitFor(async () =>
			expect(await db.reviews.where('cardId').equals(shown.id).toArray()).toMatchObject([
				{ rating: Rating.Hard }
			])
		);
		release();
		await second;
		expect(session.error).toBeUndefined();
		expect(await db.reviews.count()).toBe(2);
		expect(session.answeredCount).toBe(2);
		stop();
	});

	it('a grade already queued is written by the queue on leave, not twice', async () => {
		const { db, session, stop, tick, nextFrame } = await handPaintedSession(freshDb());
		await settled(session);
		const shown = session.view!.card;
		tick();
		session.reveal();
		const graded = session.grade(Rating.Good);
		await nextFrame(); // The next card is shown, its write queued behind its paint.
		leave(true);
		await graded;
		expect(await db.reviews.toArray()).toMatchObject([{ cardId: shown.id }]);
		expect(session.answeredCount).toBe(1);
		stop();
	});

	it('a grade written by the page closing buries its siblings as its own write would', async () => {
		const { db, deckId } = await mixedDeck({ newMix: 'before' });
		let release: () => void = () => {};
		let held: Promise<void> | undefined = new Promise<void>((resolve) => (release = resolve));
		let notesRead = 0;
		// The notes read after the first card's: the lookahead's render of the next card waits.
		wrapTables(db, 'hold-notes', (table, name) => ({
			get: (req) => {
				const hold = name === 'notes' && (notesRead += 1) > 1 && held;
				return hold ? hold.then(() => table.get(req)) : table.get(req);
			}
		}));
		db.close(); // Opened by the deck's setup: opened again, with the hold.
		await db.open();
		const storage = { persisted: async () => false, persist: async () => true };
		const painted = () => new Promise<boolean>(() => {}); // Never painted: the page closes.
		// A day that starts at 6: the siblings stay buried until then, as the session's own write has it.
		const session = new StudySession(
			db,
			deckId,
			() => NOW,
			6,
			() => storage,
			painted
		);
		const stop = session.watchChanges();
		await session.load();
		const shown = session.view!.card;
		const siblings = (await db.cards.where('noteId').equals(shown.noteId).toArray())
			.filter((card) => card.id !== shown.id)
			.map((card) => card.id)
			.sort();
		expect(siblings).toHaveLength(3);
		// The lookahead read its plan (the note's cards too) and waits to render the next card.
		await vi.waitFor(() => expect(notesRead).toBe(2));
		session.reveal();
		const graded = session.grade(Rating.Good);
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(await db.reviews.count()).toBe(0); // The grade waits for the lookahead.
		leave(true);
		await vi.waitFor(async () => expect(await db.reviews.count()).toBe(1));
		const [review] = await db.reviews.toArray();
		expect([...review!.buriedSiblings!].sort()).toEqual(siblings);
		const until = studyDay(NOW, 6).end.getTime();
		for (const card of await db.cards.bulkGet(siblings)) {
			expect(card).toMatchObject({ queue: 'buried', buriedUntil: until });
		}
		release();
		held = undefined;
		await graded;
		expect(session.error).toBeUndefined();
		expect(await db.reviews.count()).toBe(1);
		stop();
	});
});
