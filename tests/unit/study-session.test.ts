/**
 * The study session as the screen drives it, on a fixed clock: many undos back to the start,
 * a full disk with a retry, a card answered in another tab, and asking for persistent storage
 * only once a session is finished.
 */
import { describe, expect, it } from 'vitest';
import { Rating, type Grade } from '$lib/domain/scheduler';
import { StudySession } from '$lib/state/study-session.svelte';
import { answerCard } from '$lib/storage/answers';
import { persistenceAnswer } from '$lib/storage/persistence';
import { seedDeck } from '$lib/storage/seed';
import { injectQuotaErrors } from './fault-injector';
import { bundledDeck, freshDb, NOW, answerInput } from './helpers';

const SECOND = 1000;

async function setup() {
	const db = freshDb();
	const faults = injectQuotaErrors(db);
	const deck = bundledDeck();
	await seedDeck(db, deck, NOW);
	let time = NOW.getTime();
	const clock = () => new Date(time);
	const tick = (ms: number) => (time += ms);
	let asked = 0;
	const storage = {
		persisted: () => Promise.resolve(false),
		persist: () => {
			asked += 1;
			return Promise.resolve(true);
		}
	};
	const session = new StudySession(db, deck.id, clock, undefined, () => storage);
	await session.load();
	return { db, faults, session, tick, asked: () => asked };
}

describe('study session', () => {
	it('undoes five answers one by one back to the start, restoring every card exactly', async () => {
		const { db, session, tick } = await setup();
		const before = await db.cards.toArray();
		const firstShown = session.view!.card.id;
		const grades: Grade[] = [Rating.Good, Rating.Again, Rating.Easy, Rating.Hard, Rating.Good];
		for (const grade of grades) {
			tick(7 * SECOND);
			session.reveal();
			await session.grade(grade);
		}
		expect(session.answeredCount).toBe(5);
		expect(await db.reviews.count()).toBe(5);
		while (session.canUndo) {
			tick(SECOND);
			await session.undo();
		}
		expect(session.error).toBeUndefined();
		expect(session.answeredCount).toBe(0);
		expect(await db.reviews.count()).toBe(0);
		const after = await db.cards.toArray();
		const strip = (cards: typeof before) => cards.map(({ mtime: _m, ...card }) => card);
		expect(strip(after)).toEqual(strip(before));
		expect(session.view?.card.id).toBe(firstShown);
	});

	it('a full disk shows one sentence, saves nothing, and Try again saves once', async () => {
		const { db, faults, session } = await setup();
		const shown = session.view!.card;
		session.reveal();
		faults.failing.add('reviews');
		await session.grade(Rating.Good);
		expect(session.error).toMatch(/out of storage space/);
		expect(session.canRetry).toBe(true);
		expect(session.view?.card.id).toBe(shown.id);
		expect(await db.reviews.count()).toBe(0);
		expect(await db.cards.get(shown.id)).toEqual(shown);

		faults.failing.clear();
		await session.retry();
		expect(session.error).toBeUndefined();
		expect(await db.reviews.where('cardId').equals(shown.id).count()).toBe(1);
		expect(session.answeredCount).toBe(1);
		expect(session.view?.card.id).not.toBe(shown.id);
	});

	it('a card answered in another tab is not saved twice; the session says so and moves on', async () => {
		const { db, session } = await setup();
		const shown = session.view!.card;
		await answerCard(db, answerInput(shown, { grade: Rating.Easy }));
		session.reveal();
		await session.grade(Rating.Good);
		expect(session.error).toBeUndefined();
		expect(session.notice).toMatch(/already answered in another tab/);
		expect(await db.reviews.where('cardId').equals(shown.id).count()).toBe(1);
		expect(session.view?.card.id).not.toBe(shown.id);
	});

	it('asks for persistent storage when the first session ends, not before, and remembers it', async () => {
		const { db, session, asked } = await setup();
		expect(asked()).toBe(0);
		let guard = 0;
		while (session.view && guard < 50) {
			session.reveal();
			await session.grade(Rating.Easy);
			guard += 1;
		}
		expect(session.finished).toBe(true);
		expect(asked()).toBe(1);
		expect(await persistenceAnswer(db)).toEqual({ granted: true, askedAt: NOW.getTime() });
		await session.load();
		expect(asked()).toBe(1);
	});
});
