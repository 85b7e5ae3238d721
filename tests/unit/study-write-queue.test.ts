/**
 * The study session with answers still queued for writing (the next card's frame not painted
 * yet): an undo waits for them and then undoes the last answer exactly, and a failed write puts
 * its card back and drops the answer given after it, saying so, with nothing of either stored,
 * and Undo and Redo as they were before it.
 */
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '$lib/domain/model';
import { Rating } from '$lib/domain/scheduler';
import { injectQuotaErrors } from './fault-injector';
import { handPaintedSession } from './hand-painted-session';
import { freshDb } from './helpers';

/** A session whose frames the test paints one by one, with quota errors ready to inject. */
async function setup() {
	const db = freshDb();
	const faults = injectQuotaErrors(db);
	return { ...(await handPaintedSession(db)), faults };
}

const withoutMtime = (card: CardRecord | undefined) => card && { ...card, mtime: 0 };

describe('study session with answers queued for writing', () => {
	it('an undo pressed while an answer is queued waits for its write, then undoes it exactly', async () => {
		const { db, session, stop, tick, paint, nextFrame } = await setup();
		const first = session.view!.card;
		tick();
		session.reveal();
		const graded = session.grade(Rating.Good);
		await nextFrame();
		const second = session.view!.card;
		paint();
		await graded;
		const secondStored = await db.cards.get(second.id);
		tick();
		session.reveal();
		const again = session.grade(Rating.Again);
		await nextFrame();
		expect(session.view!.card.id).not.toBe(second.id);
		// Undo while the second answer's write waits for its frame: the undo waits too.
		const undone = session.undo();
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect((await db.reviews.toArray()).map((r) => r.cardId)).toEqual([first.id]);
		paint();
		await again;
		await undone;
		expect(session.error).toBeUndefined();
		// The second answer was written, then undone: the card is as it was, the first answer kept.
		expect((await db.reviews.toArray()).map((r) => r.cardId)).toEqual([first.id]);
		expect(withoutMtime(await db.cards.get(second.id))).toEqual(withoutMtime(secondStored));
		expect(session.view?.card.id).toBe(second.id);
		expect(session.answeredCount).toBe(1);
		expect(session.undoStack).toHaveLength(1);
		stop();
	});

	it('a failed write puts its card back and drops the answer given after it; Try again saves once', async () => {
		const { db, faults, frames, session, stop, tick, paint, nextFrame } = await setup();
		const first = session.view!;
		const before = await db.cards.toArray();
		faults.failing.add('reviews');
		tick();
		session.reveal();
		const graded = session.grade(Rating.Good);
		await nextFrame();
		const second = session.view!.card;
		// The second card graded before the first one's frame is painted: its write is queued.
		tick();
		session.reveal();
		const again = session.grade(Rating.Again);
		paint();
		await Promise.all([graded, again]);
		expect(session.view).toBe(first);
		expect(session.revealed).toBe(true);
		expect(session.error).toBe(
			'Your device is out of storage space, so this was not saved. Free some space and try again. The answer after it was not saved either: answer them again.'
		);
		expect(session.canRetry).toBe(true);
		expect(session.answeredCount).toBe(0);
		expect(session.undoStack).toEqual([]);
		expect(await db.reviews.count()).toBe(0);
		expect(await db.cards.toArray()).toEqual(before);

		faults.failing.clear();
		frames.length = 0; // The frame of the card put back is never painted.
		const retried = session.retry();
		await nextFrame();
		paint();
		await retried;
		expect(session.error).toBeUndefined();
		expect((await db.reviews.toArray()).map((r) => [r.cardId, r.rating])).toEqual([
			[first.card.id, Rating.Good]
		]);
		// The dropped answer's card comes back to be answered again.
		expect(session.view?.card.id).toBe(second.id);
		expect(session.answeredCount).toBe(1);
		stop();
	});

	it('a failed write leaves Undo and Redo as they were before its answer', async () => {
		const { db, faults, session, stop, tick, paint, nextFrame, answerPainted } = await setup();
		const first = session.view!.card;
		await answerPainted(Rating.Good);
		const second = session.view!.card;
		await answerPainted(Rating.Hard);
		await session.undo(); // The second card's answer, ready to be given again.
		expect(session.view!.card.id).toBe(second.id);
		expect(session.canRedo).toBe(true);

		faults.failing.add('reviews');
		tick();
		session.reveal();
		const failed = session.grade(Rating.Again);
		await nextFrame(); // Shown as given (the lookahead held): its write waits for this paint.
		paint();
		await failed;
		expect(session.view!.card.id).toBe(second.id);
		expect(session.error).toMatch(/out of storage space/);
		// Nothing of the refused answer stands: what could be undone or redone before it still can.
		expect(session.canUndo).toBe(true);
		expect(session.canRedo).toBe(true);

		faults.failing.clear();
		await session.redo();
		expect(session.error).toBeUndefined();
		// In key order, and the redone answer's review id is new (random): compared as a set.
		const stored = (await db.reviews.toArray()).map((r) => [r.cardId, r.rating]);
		expect(stored).toHaveLength(2);
		expect(stored).toEqual(
			expect.arrayContaining([
				[first.id, Rating.Good],
				[second.id, Rating.Hard]
			])
		);
		await session.undo();
		await session.undo();
		expect(await db.reviews.count()).toBe(0);
		expect(session.view!.card.id).toBe(first.id);
		stop();
	});
});
