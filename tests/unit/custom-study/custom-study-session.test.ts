/**
 * A custom study session as the study screen drives it, on a fixed clock: a preview writes
 * preview rows and never touches a card, Again brings the card back, and Undo takes the row
 * back; with rescheduling, each answer is an ordinary review and Undo restores the card; a
 * preview's time is capped by the preset's maximum answer seconds; a rebuild starts the count of
 * answers and their undo over; a finished session whose learning card waits on its step shows it
 * by itself when the step comes due.
 */
import { describe, expect, it, vi } from 'vitest';
import { Rating } from '$lib/domain/scheduler';
import { CustomStudySession } from '$lib/state/custom-study-session.svelte';
import { customStudy, rebuildFiltered } from '$lib/storage/custom-study';
import { NOW, seededDb } from '../helpers';
import { recordedWakes } from '../recorded-wakes';

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

	it('keeps an answered card revealed until the next one shows, so no Show answer comes between', async () => {
		const { study } = await session({ kind: 'preview', days: 1 });
		const first = study.view!.card.id;
		study.reveal();
		const graded = study.grade(Rating.Good);
		// While the next card loads, the answered card is still on screen: showing its question
		// again (with Show answer) invited a Space that the next card then took away (the e2e flake
		// in custom-study-empty.spec.ts).
		const onScreen: boolean[] = [];
		for (let i = 0; i < 1000 && study.view!.card.id === first; i += 1) {
			onScreen.push(study.revealed);
			await new Promise((resolve) => setTimeout(resolve, 0));
		}
		await graded;
		expect(onScreen.length).toBeGreaterThan(1);
		expect(onScreen.every((revealed) => revealed)).toBe(true);
		expect(study.view!.card.id).not.toBe(first);
		expect(study.revealed).toBe(false);
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

	it.each([
		['review ahead', true],
		['preview', false]
	])(
		'%s: a card suspended or deleted elsewhere while shown is not answered, and the session moves on',
		async (_name, reschedule) => {
			const { db, deckId } = await seededDb();
			const request = { kind: 'cram', cram: 'new', limit: 2, include: [], exclude: [] } as const;
			const { study } = await start(db, deckId, request);
			await db.filteredDecks.update(study.filteredId, { reschedule });
			await study.load();
			const [first, second] = (await db.filteredDecks.get(study.filteredId))!.cardIds;
			expect(study.view!.card.id).toBe(first);
			study.reveal();
			const { suspendCards } = await import('$lib/storage/card-actions');
			await suspendCards(db, [first!], NOW);
			await study.grade(Rating.Good);
			expect(study.notice).toBe('This card was suspended elsewhere, so your answer was not saved.');
			expect(study.view!.card.id).toBe(second);
			expect(study.answeredCount).toBe(0);
			expect(study.undoStack).toEqual([]);

			study.reveal();
			await db.cards.delete(second!);
			await study.grade(Rating.Good);
			expect(study.notice).toBe('This card was deleted elsewhere, so your answer was not saved.');
			expect(await db.reviews.count()).toBe(0);
			expect(await db.previews.count()).toBe(0);
			// The end screen says why the session is empty.
			expect(study.finished).toBe(true);
			expect(study.progress).toEqual({ left: 0, answered: 0, gone: 2 });
		}
	);

	it('a rebuild from the end screen starts the answered count over', async () => {
		const request = { kind: 'cram', cram: 'new', limit: 2, include: [], exclude: [] } as const;
		const { db, study, tick, count } = await session(request);
		for (let i = 0; i < count; i++) {
			study.reveal();
			await study.grade(Rating.Easy);
		}
		expect(study.finished).toBe(true);
		expect(study.answeredCount).toBe(count);
		tick(SECOND);
		await rebuildFiltered(db, study.filteredId, new Date(NOW.getTime() + SECOND), 4);
		await study.load();
		expect(study.finished).toBe(false);
		expect(study.answeredCount).toBe(0);
		study.reveal();
		await study.grade(Rating.Good);
		expect(study.answeredCount).toBe(1);
	});

	it('a rebuild ends the undo and redo of the answers before it: undo never acts on their deleted rows', async () => {
		const { db, study, tick, count } = await session({ kind: 'preview', days: 1 });
		for (let i = 0; i < 2; i++) {
			study.reveal();
			await study.grade(Rating.Good);
		}
		expect(study.canUndo).toBe(true);
		await study.undo();
		expect(study.canRedo).toBe(true);
		tick(SECOND);
		await rebuildFiltered(db, study.filteredId, new Date(NOW.getTime() + SECOND), 4);
		await study.load();
		// The rebuild deleted the previews those steps would undo or give again.
		expect(await db.previews.count()).toBe(0);
		expect(study.remaining?.new).toBe(count);
		expect(study.canUndo).toBe(false);
		expect(study.canRedo).toBe(false);

		study.reveal();
		await study.grade(Rating.Good);
		await study.undo();
		expect(study.notice).toBe('Undone.');
		expect(await db.previews.count()).toBe(0);
		// Only the answer given since the rebuild was there to undo; its redo is kept.
		expect(study.canUndo).toBe(false);
		expect(study.canRedo).toBe(true);
		await study.redo();
		expect(await db.previews.count()).toBe(1);
		expect(study.answeredCount).toBe(1);
	});

	it('a preview’s time is capped by the preset’s maximum answer seconds, as a review’s is', async () => {
		const { db, deckId } = await seededDb();
		await db.presets.put({ ...(await db.presets.get('default'))!, maxAnswerSeconds: 45 });
		const { study, tick } = await start(db, deckId, { kind: 'preview', days: 1 });
		tick(10 * 60 * SECOND);
		study.reveal();
		await study.grade(Rating.Good);
		const [preview] = await db.previews.toArray();
		expect(preview!.duration).toBe(45 * SECOND);
	});

	it('a learning card waiting on its step comes back on screen by itself when it is due', async () => {
		const { db, deckId } = await seededDb();
		const preset = (await db.presets.get('default'))!;
		await db.presets.put({ ...preset, learningSteps: ['1h'], enableFuzz: false });
		const request = { kind: 'cram', cram: 'new', limit: 1, include: [], exclude: [] } as const;
		const done = await customStudy(db, deckId, request, NOW, 4);
		const id = (done as { id: string }).id;
		let time = NOW.getTime();
		const { wakes, schedule } = recordedWakes();
		const study = new CustomStudySession(db, id, () => new Date(time), 4, schedule);
		const stop = study.watchChanges();
		await study.load();
		const card = study.view!.card;
		study.reveal();
		await study.grade(Rating.Again);
		expect(study.finished).toBe(true);
		const due = (await db.cards.get(card.id))!.due.getTime();
		expect(due).toBe(NOW.getTime() + 3_600_000);
		expect(study.nextDue).toBe(due);
		// Woken when the session's learn-ahead (20 minutes) reaches the step.
		const wake = wakes.at(-1)!;
		expect(wake).toMatchObject({ ms: 40 * 60 * SECOND, cancelled: false });

		time += 40 * 60 * SECOND;
		expect(study.view).toBeUndefined();
		wake.run();
		await vi.waitFor(() => expect(study.finished).toBe(false));
		expect(study.view!.card.id).toBe(card.id);
		expect(study.remaining).toEqual({ new: 0, learning: 1, review: 0 });

		// Leaving the screen stops the wake.
		study.reveal();
		await study.grade(Rating.Again);
		expect(study.finished).toBe(true);
		const last = wakes.at(-1)!;
		expect(last.cancelled).toBe(false);
		stop();
		expect(last.cancelled).toBe(true);
	});
});
