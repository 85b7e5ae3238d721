/**
 * A grade is kept from the key press (state/grade-on-leave.ts): closed before the session queued
 * its write (here the lookahead it waits for is still reading), the page's leaving writes it at
 * once. Once queued, the queue writes it (answer-writes.ts) and nothing is written twice.
 */
import { describe, expect, it, vi } from 'vitest';
import { Rating } from '$lib/domain/scheduler';
import type * as AfterPaint from '$lib/state/after-paint';
import type { StudySession } from '$lib/state/study-session.svelte';
import { wrapTables } from './dbcore-wrap';
import { handPaintedSession } from './hand-painted-session';
import { freshDb } from './helpers';

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
});
