/**
 * The daily study screen, finished for now while a learning card waits on its step later today,
 * shows that card by itself when the step comes within the queue's learn-ahead; a step due after
 * the study day ends sets no wake, and leaving the screen cancels the wake.
 */
import { describe, expect, it, vi } from 'vitest';
import { Rating } from '$lib/domain/scheduler';
import { StudySession } from '$lib/state/study-session.svelte';
import { LEARN_AHEAD_MS } from '$lib/storage/queue';
import { NOW, seededDb } from './helpers';
import { recordedWakes } from './recorded-wakes';

const MINUTE = 60_000;

/** The bundled deck limited to one new card a day, whose one learning step is `step`. */
async function oneNewCard(step: `${number}h`) {
	const { db, deckId } = await seededDb();
	const preset = (await db.presets.get('default'))!;
	await db.presets.put({ ...preset, newPerDay: 1, learningSteps: [step], enableFuzz: false });
	let time = NOW.getTime();
	const { wakes, schedule } = recordedWakes();
	const clock = () => new Date(time);
	const storage = () => undefined;
	const painted = () => Promise.resolve(false);
	const session = new StudySession(db, deckId, clock, 4, storage, painted, schedule);
	const stop = session.watchChanges();
	await session.load();
	return { db, session, wakes, stop, tick: (ms: number) => (time += ms) };
}

describe('daily study wake', () => {
	it('shows a learning card by itself when its step comes due later today', async () => {
		const { db, session, wakes, stop, tick } = await oneNewCard('1h');
		const card = session.view!.card;
		session.reveal();
		await session.grade(Rating.Again);
		await vi.waitFor(() => expect(session.finished).toBe(true));
		const due = (await db.cards.get(card.id))!.due.getTime();
		expect(due).toBe(NOW.getTime() + 60 * MINUTE);
		expect(session.nextDue).toBe(due);
		// Woken when the queue's learn-ahead (20 minutes) reaches the step: 40 minutes on.
		const wake = wakes.at(-1)!;
		expect(wake).toMatchObject({ ms: 60 * MINUTE - LEARN_AHEAD_MS, cancelled: false });

		tick(40 * MINUTE);
		expect(session.view).toBeUndefined();
		wake.run();
		await vi.waitFor(() => expect(session.finished).toBe(false));
		expect(session.view!.card.id).toBe(card.id);
		// The counts are read after the card is shown (CI once saw them still unread here).
		await vi.waitFor(() => expect(session.remaining).toMatchObject({ new: 0, learning: 1 }));

		// Finished again, then leaving the screen cancels the wake.
		session.reveal();
		await session.grade(Rating.Again);
		await vi.waitFor(() => expect(session.finished).toBe(true));
		const last = wakes.at(-1)!;
		expect(last).not.toBe(wake);
		expect(last.cancelled).toBe(false);
		stop();
		expect(last.cancelled).toBe(true);
	});

	it('sets no wake for a step that falls after the study day ends', async () => {
		const { db, session, wakes, stop } = await oneNewCard('20h');
		const card = session.view!.card;
		session.reveal();
		await session.grade(Rating.Again);
		await vi.waitFor(() => expect(session.finished).toBe(true));
		expect((await db.cards.get(card.id))!.queue).toBe('learning');
		expect(session.nextDue).toBeDefined();
		expect(wakes.filter((wake) => !wake.cancelled)).toEqual([]);
		stop();
	});
});
