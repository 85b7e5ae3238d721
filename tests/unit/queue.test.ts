import { describe, expect, it } from 'vitest';
import type { CardRecord } from '$lib/domain/model';
import { DEFAULT_PRESET, type DeckPreset } from '$lib/domain/preset';
import { Rating, State, type Grade } from '$lib/domain/scheduler';
import { answerCard, undoReview } from '$lib/storage/answers';
import type { EngramDB } from '$lib/storage/db';
import { dueCounts, nextCard, nextDueAt } from '$lib/storage/queue';
import { unburyExpired } from '$lib/storage/card-actions';
import { emptyDeckDb, makeCard, NOW, answerInput } from './helpers';

const MINUTE = 60_000;
const DAY = 86_400_000;

async function deckWith(cards: CardRecord[], preset: Partial<DeckPreset> = {}) {
	const { db, deckId } = await emptyDeckDb();
	await db.presets.put({ ...DEFAULT_PRESET, ...preset });
	await db.cards.bulkAdd(cards);
	return { db, deckId };
}

async function answer(db: EngramDB, cardId: string, grade: Grade, now: Date) {
	const card = (await db.cards.get(cardId))!;
	return answerCard(db, answerInput(card, { grade, now, duration: 1000 }));
}

/** Answers whatever comes next `n` times (Good), returning the ids in order. */
async function study(
	db: EngramDB,
	deckId: string,
	n: number,
	now: Date,
	grade: Grade = Rating.Good
) {
	const seen: string[] = [];
	for (let i = 0; i < n; i += 1) {
		const card = await nextCard(db, deckId, now);
		if (!card) {
			break;
		}
		seen.push(card.id);
		await answer(db, card.id, grade, now);
	}
	return seen;
}

const D = 'deck-1';
const review = (i: number, dueOffset = -DAY) =>
	makeCard(D, i, { state: State.Review, due: new Date(NOW.getTime() + dueOffset) });
const learning = (i: number, dueOffset: number) =>
	makeCard(D, i, {
		state: State.Learning,
		learning_steps: 1,
		due: new Date(NOW.getTime() + dueOffset)
	});
const fresh = (i: number) => makeCard(D, i);

describe('the order of the daily queue', () => {
	it('shows learning cards due now first, then reviews, then new cards (new after)', async () => {
		const { db, deckId } = await deckWith(
			[fresh(1), review(2), learning(3, -MINUTE), learning(4, 30 * MINUTE)],
			{ newMix: 'after' }
		);
		expect((await nextCard(db, deckId, NOW))?.id).toBe('deck-1-card-3');
		await answer(db, 'deck-1-card-3', Rating.Easy, NOW);
		expect((await nextCard(db, deckId, NOW))?.id).toBe('deck-1-card-2');
		await answer(db, 'deck-1-card-2', Rating.Good, NOW);
		expect((await nextCard(db, deckId, NOW))?.id).toBe('deck-1-card-1');
	});

	it('"before" shows every new card before the reviews', async () => {
		const { db, deckId } = await deckWith([review(1), review(2), fresh(3), fresh(4)], {
			newMix: 'before'
		});
		expect(await study(db, deckId, 4, NOW, Rating.Easy)).toEqual([
			'deck-1-card-3',
			'deck-1-card-4',
			'deck-1-card-1',
			'deck-1-card-2'
		]);
	});

	it('"mixed" spreads new cards evenly among reviews', async () => {
		const cards = [...[1, 2, 3, 4, 5, 6].map((i) => review(i)), fresh(7), fresh(8)];
		const { db, deckId } = await deckWith(cards, { newMix: 'mixed' });
		const order = await study(db, deckId, 8, NOW, Rating.Easy);
		const kinds = order.map((id) => (['deck-1-card-7', 'deck-1-card-8'].includes(id) ? 'N' : 'R'));
		expect(kinds.join('')).toBe('RRRNRRRN');
	});

	it('shows a learning card due within 20 minutes when nothing else is left, not one due later', async () => {
		const { db, deckId } = await deckWith([learning(1, 15 * MINUTE), learning(2, 40 * MINUTE)]);
		expect((await nextCard(db, deckId, NOW))?.id).toBe('deck-1-card-1');
		await answer(db, 'deck-1-card-1', Rating.Easy, NOW);
		expect(await nextCard(db, deckId, NOW)).toBeUndefined();
		expect(await nextDueAt(db, deckId, NOW)).toEqual(new Date(NOW.getTime() + 40 * MINUTE));
	});
});

describe('daily limits', () => {
	it('stops new cards and reviews at the preset limits, and starts again at 4 am', async () => {
		const cards = [...[1, 2, 3].map((i) => review(i)), ...[4, 5, 6].map(fresh)];
		const { db, deckId } = await deckWith(cards, {
			newPerDay: 2,
			reviewsPerDay: 2,
			newMix: 'after'
		});
		expect(await dueCounts(db, deckId, NOW)).toEqual({ new: 2, learning: 0, review: 2 });
		const seen = await study(db, deckId, 10, NOW, Rating.Easy);
		expect(seen).toEqual(['deck-1-card-1', 'deck-1-card-2', 'deck-1-card-4', 'deck-1-card-5']);
		expect(await dueCounts(db, deckId, NOW)).toEqual({ new: 0, learning: 0, review: 0 });
		// The limits were reached: the next card is due when the next study day starts.
		expect(await nextDueAt(db, deckId, NOW)).toEqual(new Date(2026, 2, 11, 4, 0));
		const lateNight = new Date(2026, 2, 11, 3, 59);
		expect(await nextCard(db, deckId, lateNight)).toBeUndefined();
		const morning = new Date(2026, 2, 11, 4, 0);
		expect((await nextCard(db, deckId, morning))?.id).toBe('deck-1-card-3');
		expect((await dueCounts(db, deckId, morning)).new).toBe(1);
	});

	it('a later day start hour moves the boundary', async () => {
		const { db, deckId } = await deckWith([fresh(1), fresh(2)], { newPerDay: 1 });
		await study(db, deckId, 5, NOW, Rating.Easy);
		const fiveAm = new Date(2026, 2, 11, 5, 0);
		expect(await nextCard(db, deckId, fiveAm, 6)).toBeUndefined();
		expect((await nextCard(db, deckId, fiveAm, 4))?.id).toBe('deck-1-card-2');
	});

	it('resetting a card does not use up the new-card limit', async () => {
		const { db, deckId } = await deckWith([fresh(1), fresh(2), review(3)], { newPerDay: 1 });
		const { resetCards } = await import('$lib/storage/card-reset');
		await resetCards(db, ['deck-1-card-3'], NOW);
		expect((await dueCounts(db, deckId, NOW)).new).toBe(1);
	});
});

describe('random new-card order', () => {
	const many = Array.from({ length: 40 }, (_, i) => fresh(i));

	it('is the same all day, differs between days, and is not deck order', async () => {
		const { db, deckId } = await deckWith(many, { newOrder: 'random', newPerDay: 40 });
		const today = (await nextCard(db, deckId, NOW))!.id;
		expect((await nextCard(db, deckId, new Date(2026, 2, 11, 3, 0)))?.id).toBe(today);
		const firsts = new Set<string>();
		for (let d = 0; d < 10; d += 1) {
			firsts.add((await nextCard(db, deckId, new Date(2026, 2, 10 + d, 12)))!.id);
		}
		expect(firsts.size).toBeGreaterThan(3);
		const order = await study(db, deckId, 40, NOW, Rating.Easy);
		expect(new Set(order).size).toBe(40);
		expect(order).not.toEqual(many.map((c) => c.id));
	});

	it('gives cards added later their own shuffle key', async () => {
		const { db } = await deckWith([fresh(1)]);
		const stored = await db.cards.get('deck-1-card-1');
		expect(stored?.shuffle).toBeGreaterThanOrEqual(0);
		expect(stored?.shuffle).toBeLessThan(1);
	});
});

describe('sibling burying', () => {
	function siblings(): CardRecord[] {
		return [0, 1, 2].map((ord) =>
			makeCard(D, ord, { id: `n#${ord}`, noteId: 'n', ord, position: ord })
		);
	}

	it('buries new siblings of an answered card until tomorrow; undo brings them back', async () => {
		const { db, deckId } = await deckWith([...siblings(), fresh(9)]);
		const first = (await nextCard(db, deckId, NOW))!;
		expect(first.id).toBe('n#0');
		const review = await answer(db, first.id, Rating.Good, NOW);
		expect(review.buriedSiblings).toEqual(['n#1', 'n#2']);
		expect((await db.cards.bulkGet(['n#1', 'n#2'])).map((c) => c?.queue)).toEqual([
			'buried',
			'buried'
		]);
		expect((await nextCard(db, deckId, NOW))?.id).toBe('deck-1-card-9');

		await undoReview(db, review.id, NOW);
		expect((await db.cards.bulkGet(['n#1', 'n#2'])).map((c) => [c?.queue, c?.buriedUntil])).toEqual(
			[
				['new', undefined],
				['new', undefined]
			]
		);
	});

	it('buried siblings return on the next study day', async () => {
		const { db, deckId } = await deckWith(siblings());
		await answer(db, 'n#0', Rating.Good, NOW);
		const tomorrow = new Date(2026, 2, 11, 4, 30);
		expect(await nextDueAt(db, deckId, new Date(NOW.getTime() + 11 * MINUTE))).toBeDefined();
		await unburyExpired(db, tomorrow);
		expect((await nextCard(db, deckId, tomorrow))?.id).toMatch(/^n#/);
		expect((await dueCounts(db, deckId, tomorrow)).new).toBe(2);
	});

	it('does nothing when the preset turns burying off', async () => {
		const { db } = await deckWith(siblings(), { burySiblings: false });
		const review = await answer(db, 'n#0', Rating.Good, NOW);
		expect(review.buriedSiblings).toBeUndefined();
		expect((await db.cards.get('n#1'))?.queue).toBe('new');
	});
});

describe('when the queue is empty', () => {
	it('names the first review of a later day, at that study day’s start', async () => {
		const { db, deckId } = await deckWith([review(1, 3 * DAY + 5 * 3_600_000)]);
		expect(await nextCard(db, deckId, NOW)).toBeUndefined();
		expect(await nextDueAt(db, deckId, NOW)).toEqual(new Date(2026, 2, 13, 4, 0));
	});

	it('says nothing is scheduled for an empty deck', async () => {
		const { db, deckId } = await deckWith([]);
		expect(await nextDueAt(db, deckId, NOW)).toBeUndefined();
	});
});
