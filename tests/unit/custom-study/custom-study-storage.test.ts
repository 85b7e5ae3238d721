/**
 * Custom study against a real (fake-indexeddb) database: a raised limit lets today's queue and
 * counts show more cards and expires with the day; filtered sessions choose cards through the
 * browser's search without moving them; review ahead reschedules, preview changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/domain/scheduler';
import { replayReviews } from '$lib/domain/history';
import { createScheduler } from '$lib/domain/scheduler';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import {
	customStudy,
	CustomStudyError,
	deleteFiltered,
	rebuildFiltered
} from '$lib/storage/custom-study';
import {
	listFilteredSessions,
	readFilteredSession,
	recordPreview
} from '$lib/storage/filtered-session';
import { dueCounts, nextCard } from '$lib/storage/queue';
import { answerShown, NOW, seededDb } from '../helpers';

const DAY = 86_400_000;
const HOUR = 4;

async function limitedDeck(newPerDay: number) {
	const seeded = await seededDb();
	const preset = (await seeded.db.presets.get('default'))!;
	await seeded.db.presets.put({ ...preset, newPerDay });
	return seeded;
}

/** Answers `count` cards of the daily queue Easy at `now`; returns their ids. */
async function studyDaily(
	db: Awaited<ReturnType<typeof seededDb>>['db'],
	deckId: string,
	count: number,
	now: Date
) {
	const ids: string[] = [];
	for (let i = 0; i < count; i += 1) {
		const card = (await nextCard(db, deckId, now, HOUR))!;
		await answerShown(db, card.id, Rating.Easy, now);
		ids.push(card.id);
	}
	return ids;
}

describe("increase today's limit", () => {
	it('shows more new cards today, in the counts and the queue, and expires at the next day start', async () => {
		const { db, deckId } = await limitedDeck(2);
		await studyDaily(db, deckId, 2, NOW);
		expect((await dueCounts(db, deckId, NOW, HOUR)).new).toBe(0);
		expect(await nextCard(db, deckId, NOW, HOUR)).toBeUndefined();

		const done = await customStudy(db, deckId, { kind: 'new-limit', delta: 3 }, NOW, HOUR);
		expect(done).toEqual({ kind: 'extended', message: '3 more new cards allowed today.' });
		expect(await db.limitExtensions.toArray()).toEqual([
			expect.objectContaining({ day: '2026-03-10', deckId, extraNew: 3, extraReview: 0 })
		]);
		expect((await dueCounts(db, deckId, NOW, HOUR)).new).toBe(3);
		const extra = await nextCard(db, deckId, NOW, HOUR);
		expect(extra?.queue).toBe('new');
		await answerShown(db, extra!.id, Rating.Good, NOW);
		expect((await db.cards.get(extra!.id))!.queue).not.toBe('new');
		expect(await db.reviews.where('cardId').equals(extra!.id).count()).toBe(1);
		expect((await dueCounts(db, deckId, NOW, HOUR)).new).toBe(2);

		// The next study day starts at 4: the preset's 2 again, not 2 + 3.
		const tomorrow = new Date(2026, 2, 11, 4, 0);
		expect((await dueCounts(db, deckId, tomorrow, HOUR)).new).toBe(2);
		// Extending on that day drops the expired record; two raises on one day are two events.
		await customStudy(db, deckId, { kind: 'review-limit', delta: 10 }, tomorrow, HOUR);
		await customStudy(db, deckId, { kind: 'new-limit', delta: 1 }, tomorrow, HOUR);
		const raises = await db.limitExtensions.toArray();
		expect(raises).toHaveLength(2);
		expect(raises).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ day: '2026-03-11', extraNew: 0, extraReview: 10 }),
				expect.objectContaining({ day: '2026-03-11', extraNew: 1, extraReview: 0 })
			])
		);
		expect(raises[0]!.id).not.toBe(raises[1]!.id);
		expect((await dueCounts(db, deckId, tomorrow, HOUR)).new).toBe(3);
	});
});

describe('custom study sessions', () => {
	it('review ahead: chooses cards due in the next days, and answering reschedules them in their deck', async () => {
		const { db, deckId } = await seededDb();
		const yesterday = new Date(NOW.getTime() - DAY);
		const studied = await studyDaily(db, deckId, 3, yesterday);
		const before = await db.cards.bulkGet(studied);
		const done = await customStudy(db, deckId, { kind: 'ahead', days: 365 }, NOW, HOUR);
		expect(done).toMatchObject({ kind: 'filtered', count: 3 });
		const id = (done as { id: string }).id;
		const session = (await readFilteredSession(db, id, NOW))!;
		expect(session.deck).toMatchObject({ reschedule: true, order: 'due', homeDeckId: deckId });
		expect(new Set(session.deck.cardIds)).toEqual(new Set(studied));
		// The build moved and changed nothing.
		expect(await db.cards.bulkGet(studied)).toEqual(before);

		const first = session.queue.ready[0]!;
		await answerShown(db, first.id, Rating.Good, NOW);
		const after = (await db.cards.get(first.id))!;
		expect(after.deckId).toBe(deckId);
		expect(after.due.getTime()).toBeGreaterThan(first.due.getTime());
		expect(after.reps).toBe(first.reps + 1);
		const left = (await readFilteredSession(db, id, NOW))!;
		expect(left.queue.ready.map((c) => c.id)).not.toContain(first.id);
		expect(await listFilteredSessions(db, NOW)).toEqual([
			{ deck: expect.objectContaining({ id }), progress: { left: 2, answered: 1, gone: 0 } }
		]);
	});

	it('preview: a preview row, never a review row, and the card and its replayed state are unchanged', async () => {
		const { db, deckId } = await seededDb();
		const done = await customStudy(db, deckId, { kind: 'preview', days: 1 }, NOW, HOUR);
		const id = (done as { id: string }).id;
		const session = (await readFilteredSession(db, id, NOW))!;
		expect(session.deck.reschedule).toBe(false);
		const total = session.queue.ready.length;
		expect(total).toBe(await db.cards.filter((card) => card.queue === 'new').count());
		const [card, other] = session.queue.ready;
		const at = new Date(NOW.getTime() + 60_000);
		await recordPreview(db, {
			id: 'p1',
			cardId: card!.id,
			deckId,
			filteredId: id,
			rating: Rating.Good,
			answeredAt: at,
			duration: 900
		});
		await recordPreview(db, {
			id: 'p2',
			cardId: other!.id,
			deckId,
			filteredId: id,
			rating: Rating.Again,
			answeredAt: at,
			duration: 900
		});
		expect(await db.cards.get(card!.id)).toEqual(card);
		expect(await db.reviews.count()).toBe(0);
		const left = (await readFilteredSession(db, id, at))!;
		expect(left.queue.ready).toHaveLength(total - 1);
		// Again brings the card back, after the others.
		expect(left.queue.ready.at(-1)!.id).toBe(other!.id);
		// Today's new-card limit is untouched by previews.
		expect((await dueCounts(db, deckId, at, HOUR)).new).toBe(20);
	});

	it('a preview of a reviewed card leaves it, and the replay of its reviews, exactly as before', async () => {
		const { db, deckId } = await seededDb();
		await db.presets.put({ ...(await db.presets.get('default'))!, enableFuzz: false });
		const yesterday = new Date(NOW.getTime() - DAY);
		const [cardId] = await studyDaily(db, deckId, 1, yesterday);
		const reviewed = (await db.cards.get(cardId!))!;
		const all = { kind: 'cram', cram: 'all', limit: 100, include: [], exclude: [] } as const;
		const done = await customStudy(db, deckId, all, NOW, HOUR);
		const id = (done as { id: string }).id;
		expect((await readFilteredSession(db, id, NOW))!.deck.cardIds).toContain(cardId);
		await recordPreview(db, {
			id: 'p1',
			cardId: cardId!,
			deckId,
			filteredId: id,
			rating: Rating.Again,
			answeredAt: NOW,
			duration: 1
		});
		expect(await db.cards.get(cardId!)).toEqual(reviewed);
		const reviews = await db.reviews.where('cardId').equals(cardId!).toArray();
		expect(reviews).toHaveLength(1);
		const note = (await db.notes.get(reviewed.noteId))!;
		const rebuilt = replayReviews(
			createScheduler({ ...DEFAULT_PRESET, enableFuzz: false }),
			reviews,
			new Date(note.createdAt)
		);
		expect(rebuilt.due).toEqual(reviewed.due);
		expect(rebuilt.stability).toBeCloseTo(reviewed.stability, 6);
		expect(rebuilt.reps).toBe(reviewed.reps);
	});

	it('rebuild chooses again and starts over; no match changes nothing; delete leaves the cards alone', async () => {
		const { db, deckId } = await seededDb();
		const done = await customStudy(db, deckId, { kind: 'preview', days: 1 }, NOW, HOUR);
		const id = (done as { id: string }).id;
		const card = (await readFilteredSession(db, id, NOW))!.queue.ready[0]!;
		await recordPreview(db, {
			id: 'p1',
			cardId: card.id,
			deckId,
			filteredId: id,
			rating: Rating.Good,
			answeredAt: NOW,
			duration: 1
		});
		const later = new Date(NOW.getTime() + 60_000);
		const count = await rebuildFiltered(db, id, later, HOUR);
		expect((await readFilteredSession(db, id, later))!.queue.ready).toHaveLength(count);
		expect(await db.previews.count()).toBe(0);

		const stored = await db.filteredDecks.toArray();
		await expect(customStudy(db, deckId, { kind: 'forgot', days: 1 }, NOW, HOUR)).rejects.toThrow(
			new CustomStudyError('No cards matched the criteria you provided.')
		);
		expect(await db.filteredDecks.toArray()).toEqual(stored);

		const cards = await db.cards.toArray();
		await deleteFiltered(db, id, later);
		expect(await db.filteredDecks.count()).toBe(0);
		expect(await db.tombstones.toArray()).toEqual([
			{ table: 'filteredDecks', id, deletedAt: later.getTime() }
		]);
		expect(await db.cards.toArray()).toEqual(cards);
	});

	it('forgotten cards: the cards rated Again in the last days, as a preview', async () => {
		const { db, deckId } = await seededDb();
		const yesterday = new Date(NOW.getTime() - DAY);
		const again = (await nextCard(db, deckId, yesterday, HOUR))!;
		await answerShown(db, again.id, Rating.Again, yesterday);
		const other = (await nextCard(db, deckId, yesterday, HOUR))!;
		await answerShown(db, other.id, Rating.Good, yesterday);
		const done = await customStudy(db, deckId, { kind: 'forgot', days: 2 }, NOW, HOUR);
		const session = (await readFilteredSession(db, (done as { id: string }).id, NOW))!;
		expect(session.deck).toMatchObject({ cardIds: [again.id], reschedule: false });
		// One day back reaches only today: nothing was forgotten today.
		await expect(customStudy(db, deckId, { kind: 'forgot', days: 1 }, NOW, HOUR)).rejects.toThrow(
			'No cards matched the criteria you provided.'
		);
	});

	it('a second custom study replaces the session (one custom study deck, as in Anki)', async () => {
		const { db, deckId } = await seededDb();
		const first = await customStudy(db, deckId, { kind: 'preview', days: 1 }, NOW, HOUR);
		const second = await customStudy(
			db,
			deckId,
			{ kind: 'cram', cram: 'all', limit: 5, include: [], exclude: [] },
			NOW,
			HOUR
		);
		expect(second).toEqual({ kind: 'filtered', id: (first as { id: string }).id, count: 5 });
		expect(await db.filteredDecks.count()).toBe(1);
	});
});
