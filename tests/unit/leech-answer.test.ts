// Leeches in storage and in a study session: the Again that brings a review card's lapses to its
// preset's threshold tags the note `leech` (and suspends the card when the preset says so) in the
// answer's transaction, the review row says so, and the answer's Undo puts the card and the
// note's tags back exactly. A note already tagged keeps its tag through the undo; an Again that
// adds no lapse, or a count between thresholds, does nothing.
import { describe, expect, it } from 'vitest';
import type { CardRecord, NoteRecord } from '$lib/domain/model';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import { Rating, State } from '$lib/domain/scheduler';
import { StudySession } from '$lib/state/study-session.svelte';
import { answerCard, undoReview } from '$lib/storage/answers';
import type { EngramDB } from '$lib/storage/db';
import { addNote } from '$lib/storage/notes';
import { savePreset } from '$lib/storage/presets';
import { emptyDeckDb, NOW, answerInput } from './helpers';

const DAY = 86_400_000;
const LATER = new Date(NOW.getTime() + 60_000);

/** A review card due now, lapsed `lapses` times, on a note tagged `tags`. */
async function reviewCard(lapses: number, tags: string[] = ['verbs']) {
	const { db } = await emptyDeckDb();
	const { note, addedCardIds } = await addNote(
		db,
		{ deckId: 'deck-1', noteTypeId: 'basic', fields: { Front: 'Q', Back: 'A' }, tags },
		new Date(NOW.getTime() - 40 * DAY)
	);
	const card = (await db.cards.get(addedCardIds[0]!))!;
	const review: CardRecord = {
		...card,
		state: State.Review,
		queue: 'review',
		stability: 12,
		difficulty: 6,
		reps: 10 + lapses,
		lapses,
		scheduled_days: 12,
		learning_steps: 0,
		last_review: new Date(NOW.getTime() - 12 * DAY),
		due: NOW
	};
	await db.cards.put(review);
	return { db, card: review, note };
}

async function usePreset(
	db: EngramDB,
	leech: { leechThreshold: number; leechAction: 'tag' | 'suspend' }
) {
	await savePreset(db, { ...DEFAULT_PRESET, ...leech }, NOW);
}

async function again(db: EngramDB, card: CardRecord) {
	return answerCard(db, answerInput(card, { grade: Rating.Again, duration: 1000 }));
}

const noMtime = <T extends { mtime: number }>({ mtime: _m, ...rest }: T) => rest;

describe('leech on answer', () => {
	it('tags the note at the default threshold of 8 (tag only), and undo takes the tag off', async () => {
		const { db, card, note } = await reviewCard(7);
		const review = await again(db, card);
		const after = (await db.cards.get(card.id))!;
		expect(after.lapses).toBe(8);
		expect(after.queue).toBe('learning');
		expect((await db.notes.get(note.id))!.tags).toEqual(['verbs', 'leech']);
		expect(await db.reviews.get(review.id)).toMatchObject({ leech: 'tag', leechTagged: true });

		await undoReview(db, review.id, LATER);
		expect(noMtime((await db.cards.get(card.id))!)).toEqual(noMtime(card));
		expect(noMtime((await db.notes.get(note.id))!)).toEqual(noMtime(note as NoteRecord));
		expect(await db.reviews.count()).toBe(0);
	});

	it('suspends and tags with “suspend”, at the preset’s own threshold; undo puts both back', async () => {
		const { db, card, note } = await reviewCard(3);
		await usePreset(db, { leechThreshold: 4, leechAction: 'suspend' });
		const review = await again(db, card);
		expect((await db.cards.get(card.id))!).toMatchObject({ lapses: 4, queue: 'suspended' });
		expect((await db.notes.get(note.id))!.tags).toEqual(['verbs', 'leech']);
		expect(review).toMatchObject({ leech: 'suspend', leechTagged: true });

		await undoReview(db, review.id, LATER);
		expect(noMtime((await db.cards.get(card.id))!)).toEqual(noMtime(card));
		expect((await db.notes.get(note.id))!.tags).toEqual(['verbs']);
	});

	it('fires again half a threshold later, and keeps a tag the note already had on undo', async () => {
		const { db, card, note } = await reviewCard(5, ['Leech']);
		await usePreset(db, { leechThreshold: 4, leechAction: 'tag' });
		const review = await again(db, card);
		expect(review.leech).toBe('tag');
		expect(review.leechTagged).toBeUndefined();
		expect((await db.notes.get(note.id))!.tags).toEqual(['Leech']);
		await undoReview(db, review.id, LATER);
		expect((await db.notes.get(note.id))!.tags).toEqual(['Leech']);
	});

	it('does nothing between thresholds, or for an Again that adds no lapse', async () => {
		const { db, card, note } = await reviewCard(8);
		const review = await again(db, card);
		expect(review.leech).toBeUndefined();
		// Now relearning: Again again adds no lapse, even at a threshold of 9.
		await usePreset(db, { leechThreshold: 9, leechAction: 'suspend' });
		const relearning = (await db.cards.get(card.id))!;
		expect(relearning.lapses).toBe(9);
		const second = await answerCard(
			db,
			answerInput(relearning, {
				grade: Rating.Again,
				now: new Date(NOW.getTime() + 600_000),
				duration: 1000
			})
		);
		expect(second.leech).toBeUndefined();
		expect((await db.cards.get(card.id))!.queue).toBe('learning');
		expect((await db.notes.get(note.id))!.tags).toEqual(['verbs']);
	});
});

describe('leech in a study session', () => {
	it('says so without blocking, does not show the suspended card again, and Undo brings it back', async () => {
		const { db, card, note } = await reviewCard(7);
		await usePreset(db, { leechThreshold: 8, leechAction: 'suspend' });
		let time = NOW.getTime();
		const session = new StudySession(
			db,
			'deck-1',
			() => new Date(time),
			4,
			() => undefined
		);
		await session.load();
		expect(session.view?.card.id).toBe(card.id);
		time += 5000;
		session.reveal();
		await session.grade(Rating.Again);
		expect(session.error).toBeUndefined();
		expect(session.notice).toBe('Leech: card tagged and suspended.');
		// Its relearning step would bring it back in 10 minutes; suspended, it does not come.
		expect(session.view).toBeUndefined();
		expect(session.finished).toBe(true);
		expect((await db.cards.get(card.id))!.queue).toBe('suspended');

		time += 1000;
		await session.undo();
		expect(session.view?.card.id).toBe(card.id);
		expect(noMtime((await db.cards.get(card.id))!)).toEqual(noMtime(card));
		expect((await db.notes.get(note.id))!.tags).toEqual(['verbs']);
	});
});
