/**
 * A custom study session as the study screen drives it, on a fixed clock: a preview writes
 * preview rows and never touches a card, Again brings the card back, and Undo takes the row
 * back; with rescheduling, each answer is an ordinary review and Undo restores the card.
 */
import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/domain/scheduler';
import { CustomStudySession } from '$lib/state/custom-study-session.svelte';
import { customStudy } from '$lib/storage/custom-study';
import { NOW, seededDb } from '../helpers';

const SECOND = 1000;
const DAY = 86_400_000;

async function session(request: Parameters<typeof customStudy>[2]) {
	const { db, deckId } = await seededDb();
	return { db, deckId, ...(await start(db, deckId, request)) };
}

async function start(
	db: Awaited<ReturnType<typeof seededDb>>['db'],
	deckId: string,
	request: Parameters<typeof customStudy>[2]
) {
	const done = await customStudy(db, deckId, request, NOW, 4);
	if (done.kind !== 'filtered') {
		throw new Error('not a session');
	}
	let time = NOW.getTime();
	const tick = (ms: number) => (time += ms);
	const study = new CustomStudySession(db, done.id, () => new Date(time), 4);
	await study.load();
	return { study, tick, count: done.count };
}

describe('custom study session', () => {
	it('preview: rows in previews, cards untouched, Again comes back last, Undo takes a row back', async () => {
		const { db, study, tick, count } = await session({ kind: 'preview', days: 1 });
		expect(count).toBeGreaterThan(2);
		const cards = await db.cards.toArray();
		const first = study.view!.card.id;
		expect(study.intervals![Rating.Good]).toBe('no change');
		tick(5 * SECOND);
		study.reveal();
		await study.grade(Rating.Again);
		const second = study.view!.card.id;
		expect(second).not.toBe(first);
		study.reveal();
		await study.grade(Rating.Good);
		const previews = await db.previews.toArray();
		expect(previews).toHaveLength(2);
		expect(previews).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ cardId: first, rating: Rating.Again, duration: 5 * SECOND }),
				expect.objectContaining({ cardId: second, rating: Rating.Good })
			])
		);
		expect(await db.reviews.count()).toBe(0);
		expect(await db.cards.toArray()).toEqual(cards);
		expect(study.answeredCount).toBe(2);
		// The card answered Again is the last one left.
		expect(study.remaining?.new).toBe(count - 1);
		await study.undo();
		expect(await db.previews.count()).toBe(1);
		expect(study.view!.card.id).toBe(second);
		expect(study.answeredCount).toBe(1);
	});

	it('review ahead: each answer a review row that moves the card; Undo restores it; then the end', async () => {
		const { db, deckId } = await seededDb();
		const yesterday = new Date(NOW.getTime() - DAY);
		const { nextCard } = await import('$lib/storage/queue');
		const { answerShown } = await import('../helpers');
		const card = (await nextCard(db, deckId, yesterday, 4))!;
		await answerShown(db, card.id, Rating.Easy, yesterday);
		const { study, tick } = await start(db, deckId, { kind: 'ahead', days: 365 });
		expect(study.remaining).toEqual({ new: 0, learning: 0, review: 1 });
		const before = (await db.cards.get(card.id))!;
		tick(3 * SECOND);
		study.reveal();
		await study.grade(Rating.Good);
		expect(study.finished).toBe(true);
		const after = (await db.cards.get(card.id))!;
		expect(after.reps).toBe(before.reps + 1);
		expect(after.due.getTime()).toBeGreaterThan(before.due.getTime());
		expect(await db.reviews.where('cardId').equals(card.id).count()).toBe(2);
		await study.undo();
		expect(study.view!.card.id).toBe(card.id);
		const { mtime: _a, ...restored } = (await db.cards.get(card.id))!;
		const { mtime: _b, ...original } = before;
		expect(restored).toEqual(original);
		expect(await db.reviews.where('cardId').equals(card.id).count()).toBe(1);
	});
});
