/**
 * The card a study session offers for the resume snapshot (session-lookahead.svelte.ts): the one
 * a session opened afresh on the stored data would show first, until `validUntil`, offered only
 * once the answer before it is stored, and not at all when another tab changed the collection
 * while it was planned.
 */
import { describe, expect, it, vi } from 'vitest';
import { Rating } from '$lib/domain/scheduler';
import { StudySession } from '$lib/state/study-session.svelte';
import type { EngramDB } from '$lib/storage/db';
import { EngramDB as OtherTab } from '$lib/storage/db';
import { handPaintedSession } from './hand-painted-session';

/** A session opened afresh at `at`: the card it shows first. */
async function firstCardAt(db: EngramDB, deckId: string, at: number): Promise<string | undefined> {
	const fresh = new StudySession(db, deckId, () => new Date(at));
	await fresh.load();
	return fresh.view?.card.id;
}

describe('the card offered for the resume snapshot', () => {
	it('is what a fresh session shows first until validUntil, once the answer is stored', async () => {
		const { db, session, tick, paint, nextFrame, stop } = await handPaintedSession();
		await vi.waitFor(() => expect(session.resumable?.view).toBe(session.view));
		for (const grade of [Rating.Again, Rating.Good, Rating.Again, Rating.Easy]) {
			const shown = session.view!.card.id;
			const now = tick();
			session.reveal();
			const graded = session.grade(grade);
			await nextFrame();
			// The next card is on screen, its answer's write waits for the paint: not offered yet.
			expect(session.view!.card.id).not.toBe(shown);
			expect(session.resumable).toBeUndefined();
			paint();
			await graded;
			await vi.waitFor(() => expect(session.resumable?.view).toBe(session.view));
			const offer = session.resumable!;
			expect(offer.deckId).toBe(session.deckId);
			expect(await firstCardAt(db, session.deckId, now)).toBe(offer.view.card.id);
			// Time alone changes nothing before validUntil (an Again's step comes back then).
			expect(offer.validUntil).toBeGreaterThan(now);
			expect(await firstCardAt(db, session.deckId, offer.validUntil - 1)).toBe(offer.view.card.id);
		}
		stop();
	});

	it('is not offered when another tab changed the collection meanwhile', async () => {
		const { db, session, tick, paint, nextFrame, stop } = await handPaintedSession();
		await vi.waitFor(() => expect(session.resumable?.view).toBe(session.view));
		tick();
		session.reveal();
		const graded = session.grade(Rating.Good);
		await nextFrame();
		// Another tab raises the deck's limits while the answer waits for its paint.
		const otherTab = new OtherTab(db.name);
		await otherTab.presets.toCollection().modify({ newPerDay: 99 });
		otherTab.close();
		paint();
		await graded;
		// An action queued after the answer runs once its write landed and the offer was decided.
		await session.refresh();
		expect(session.resumable).toBeUndefined();
		stop();
	});
});
