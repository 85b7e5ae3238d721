/**
 * Redo on the study screen's sessions, on real (fake-indexeddb) storage: after Undo then Redo
 * the collection is as the grade left it (the same card states, the same review row under a
 * new id), the session shows what it showed after the grade and counts the answer again; an
 * undone card action runs again; a preview in a custom study session comes back as it was; a
 * new grade or flag clears what could be redone.
 */
import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/domain/scheduler';
import { CustomStudySession } from '$lib/state/custom-study-session.svelte';
import { StudySession } from '$lib/state/study-session.svelte';
import { REDO_REFUSED } from '$lib/state/study-screen.svelte';
import { customStudy } from '$lib/storage/custom-study';
import type { EngramDB } from '$lib/storage/db';
import { NOW } from './helpers';
import { mixedDeck } from './mixed-deck';

const SECOND = 1000;

/** Every card and review row, without mtimes and review ids (a redo gives new ones). */
async function collection(db: EngramDB) {
	const cards = await db.cards.toArray();
	const reviews = await db.reviews.toArray();
	return {
		cards: cards.map(({ mtime: _m, ...card }) => card),
		reviews: reviews.map(({ id: _i, ...review }) => review)
	};
}

async function daily() {
	const { db, deckId } = await mixedDeck({ newMix: 'before' });
	let time = NOW.getTime();
	const tick = (ms: number) => (time += ms);
	const session = new StudySession(db, deckId, () => new Date(time));
	await session.load();
	return { db, session, tick };
}

describe('redo in the daily study session', () => {
	it('after Undo then Redo the collection and the screen are as the grade left them', async () => {
		const { db, session, tick } = await daily();
		tick(4 * SECOND);
		session.reveal();
		await session.grade(Rating.Good);
		const graded = await collection(db);
		expect(graded.reviews).toHaveLength(1);
		expect(graded.reviews[0]!.buriedSiblings).toHaveLength(3);
		const next = session.view!.card.id;
		const [first] = await db.reviews.toArray();
		expect(session.canRedo).toBe(false);

		tick(SECOND);
		await session.undo();
		expect(await db.reviews.count()).toBe(0);
		expect(session.canRedo).toBe(true);
		tick(SECOND);
		await session.redo();

		expect(session.error).toBeUndefined();
		expect(await collection(db)).toEqual(graded);
		const [redone] = await db.reviews.toArray();
		expect(redone!.id).not.toBe(first!.id);
		expect(session.view!.card.id).toBe(next);
		expect(session.answeredCount).toBe(1);
		expect(session.notice).toBe('Redone.');
		expect(session.canRedo).toBe(false);
		// Undo undoes the redone answer in turn.
		await session.undo();
		expect(await db.reviews.count()).toBe(0);
		expect(session.canRedo).toBe(true);
	});

	it('a new grade or a flag after an undo leaves nothing to redo', async () => {
		const { db, session, tick } = await daily();
		session.reveal();
		await session.grade(Rating.Good);
		await session.undo();
		expect(session.canRedo).toBe(true);
		await session.flag(1);
		expect(session.canRedo).toBe(false);
		tick(SECOND);
		session.reveal();
		await session.grade(Rating.Easy);
		await session.undo();
		expect(session.canRedo).toBe(true);
		session.reveal();
		await session.grade(Rating.Again);
		expect(session.canRedo).toBe(false);
		await session.redo(); // Nothing to redo: nothing changes.
		expect((await db.reviews.toArray()).map((review) => review.rating)).toEqual([Rating.Again]);
	});

	it('a card changed since the undo is not answered again: Redo says why and drops the step', async () => {
		const { db, session, tick } = await daily();
		session.reveal();
		await session.grade(Rating.Good);
		tick(SECOND);
		await session.undo();
		const cardId = session.view!.card.id;
		const before = await collection(db);
		// Another tab (or an edit) writes the card after the undo.
		await db.cards.update(cardId, { mtime: NOW.getTime() + 60 * SECOND });
		await session.redo();

		expect(session.error).toBeUndefined();
		expect(session.notice).toBe(REDO_REFUSED);
		expect(session.canRedo).toBe(false);
		expect(await db.reviews.count()).toBe(0);
		expect(await collection(db)).toEqual(before);
		expect(session.answeredCount).toBe(0);
	});

	it('an undone card action runs again', async () => {
		const { db, session } = await daily();
		const shown = session.view!.card.id;
		await session.act('suspend');
		expect((await db.cards.get(shown))!.queue).toBe('suspended');
		await session.undo();
		expect((await db.cards.get(shown))!.queue).not.toBe('suspended');
		expect(session.view!.card.id).toBe(shown);
		await session.redo();
		expect((await db.cards.get(shown))!.queue).toBe('suspended');
		expect(session.view!.card.id).not.toBe(shown);
		await session.undo();
		expect((await db.cards.get(shown))!.queue).not.toBe('suspended');
	});
});

describe('redo in a custom study session', () => {
	it('a preview comes back as it was, and counts again', async () => {
		const { db, deckId } = await mixedDeck({ newMix: 'before' });
		const done = await customStudy(db, deckId, { kind: 'preview', days: 1 }, NOW, 4);
		if (done.kind !== 'filtered') {
			throw new Error('not a session');
		}
		const study = new CustomStudySession(db, done.id, () => NOW, 4);
		await study.load();
		study.reveal();
		await study.grade(Rating.Hard);
		const previews = await db.previews.toArray();
		expect(previews).toHaveLength(1);
		await study.undo();
		expect(await db.previews.count()).toBe(0);
		await study.redo();
		expect(await db.previews.toArray()).toEqual(previews);
		expect(study.answeredCount).toBe(1);
		expect(study.canRedo).toBe(false);
	});
});
