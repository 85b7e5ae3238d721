/**
 * Reset to new with Anki's two choices (restore the position, reset the counts), the choice
 * remembered per place, and a replay of the card's reviews that gives the card as stored.
 */
import { describe, expect, it } from 'vitest';
import { replayReviews } from '$lib/domain/history';
import type { CardRecord } from '$lib/domain/model';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import { resetOptionsText } from '$lib/domain/reset-options';
import { createScheduler, Rating, State } from '$lib/domain/scheduler';
import { applyBulk } from '$lib/storage/bulk-edit';
import { setDueDate } from '$lib/storage/card-actions';
import { resetCards } from '$lib/storage/card-reset';
import { cardsInDeck } from '$lib/storage/deck-rows';
import { getResetOptions, setResetOptions } from '$lib/storage/reset-settings';
import { answerShown, NOW, seededDb } from './helpers';

const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const noFuzz = { ...DEFAULT_PRESET, enableFuzz: false };

/** A seeded deck without fuzz, and its first two new cards answered (one lapsed). */
async function studied() {
	const { db, deckId } = await seededDb();
	await db.presets.put(noFuzz);
	const [first, second] = await cardsInDeck(db, deckId).limit(2).toArray();
	for (const card of [first!, second!]) {
		await answerShown(db, card.id, Rating.Easy, NOW);
		await answerShown(db, card.id, Rating.Again, at(20));
	}
	return { db, deckId, first: first!, second: second! };
}

async function lastNewPosition(db: Awaited<ReturnType<typeof studied>>['db'], deckId: string) {
	const news = await cardsInDeck(db, deckId)
		.filter((c) => c.queue === 'new')
		.toArray();
	return Math.max(...news.map((c) => c.position));
}

describe('reset to new', () => {
	it('restores the original position and keeps the counts by default, and records that', async () => {
		const { db, first } = await studied();
		const before = (await db.cards.get(first.id))!;
		expect(before).toMatchObject({ position: first.position, reps: 2, lapses: 1 });
		await resetCards(db, [first.id], at(30));
		const reset = (await db.cards.get(first.id))!;
		expect(reset).toMatchObject({
			state: State.New,
			queue: 'new',
			position: first.position,
			reps: 2,
			lapses: 1
		});
		const rows = await db.reviews.where('cardId').equals(first.id).sortBy('review');
		expect(rows.at(-1)).toMatchObject({ rating: Rating.Manual, resetCounts: false });
	});

	it('puts the cards after the last new card of their deck, in order, and zeroes counts', async () => {
		const { db, deckId, first, second } = await studied();
		const end = await lastNewPosition(db, deckId);
		await resetCards(db, [second.id, first.id], at(30), {
			restorePosition: false,
			resetCounts: true
		});
		const [a, b] = (await db.cards.bulkGet([second.id, first.id])) as CardRecord[];
		expect([a!.position, b!.position]).toEqual([end + 1, end + 2]);
		expect([a!.reps, a!.lapses, b!.reps, b!.lapses]).toEqual([0, 0, 0, 0]);
		const rows = await db.reviews.where('cardId').equals(first.id).sortBy('review');
		expect(rows.at(-1)?.resetCounts).toBe(true);
	});

	it('a browser bulk reset takes the choices from its value', async () => {
		const { db, deckId, first } = await studied();
		const end = await lastNewPosition(db, deckId);
		const options = { restorePosition: false, resetCounts: true };
		await applyBulk(db, [first.id], 'reset', resetOptionsText(options), at(30));
		expect(await db.cards.get(first.id)).toMatchObject({ position: end + 1, reps: 0, lapses: 0 });
	});

	it('remembers the last choice per place, defaults until then', async () => {
		const { db } = await seededDb();
		expect(await getResetOptions(db, 'study')).toEqual({
			restorePosition: true,
			resetCounts: false
		});
		await setResetOptions(db, 'study', { restorePosition: false, resetCounts: true }, NOW);
		expect(await getResetOptions(db, 'study')).toEqual({
			restorePosition: false,
			resetCounts: true
		});
		expect(await getResetOptions(db, 'browse')).toEqual({
			restorePosition: true,
			resetCounts: false
		});
		expect((await db.settings.get('resetOptions.study'))?.mtime).toBe(NOW.getTime());
	});
});

describe('replaying a reset card’s reviews', () => {
	const fields = ['state', 'reps', 'lapses', 'learning_steps', 'scheduled_days'] as const;

	async function replayed(db: Awaited<ReturnType<typeof studied>>['db'], cardId: string) {
		const stored = (await db.cards.get(cardId))!;
		const rows = await db.reviews.where('cardId').equals(cardId).toArray();
		const rebuilt = replayReviews(createScheduler(noFuzz), rows, NOW, stored);
		return { stored, rebuilt };
	}

	it.each([false, true])('gives the stored card (counts zeroed: %s)', async (resetCounts) => {
		const { db, first } = await studied();
		await resetCards(db, [first.id], at(30), { resetCounts });
		let { stored, rebuilt } = await replayed(db, first.id);
		for (const field of fields) {
			expect(rebuilt[field], field).toBe(stored[field]);
		}
		expect(rebuilt.due).toEqual(stored.due);
		// Answers after the reset build on the counts the reset left.
		await answerShown(db, first.id, Rating.Good, at(31));
		({ stored, rebuilt } = await replayed(db, first.id));
		for (const field of fields) {
			expect(rebuilt[field], field).toBe(stored[field]);
		}
		expect(rebuilt.stability).toBeCloseTo(stored.stability, 6);
		expect(rebuilt.due).toEqual(stored.due);
	});

	it('without the card, still knows a marked reset; an older unmarked one keeps the counts', async () => {
		const { db, first } = await studied();
		await resetCards(db, [first.id], at(30));
		const rows = await db.reviews.where('cardId').equals(first.id).toArray();
		const marked = replayReviews(createScheduler(noFuzz), rows, NOW);
		expect(marked).toMatchObject({ state: State.New, reps: 2, lapses: 1 });
		const older = rows.map(({ resetCounts: _kept, ...row }) => row);
		const stored = (await db.cards.get(first.id))!;
		// Old code's resets kept the counts (the card as stored says so): replayed, they still do.
		expect(stored).toMatchObject({ state: State.New, reps: 2, lapses: 1 });
		const rebuilt = replayReviews(createScheduler(noFuzz), older, NOW, stored);
		expect(rebuilt).toMatchObject({ state: State.New, reps: 2, lapses: 1 });
	});

	it('a set due date between answers replays to the due date it set', async () => {
		const { db, first } = await studied();
		await setDueDate(db, [first.id], 9, at(30));
		await answerShown(db, first.id, Rating.Hard, at(40));
		await setDueDate(db, [first.id], 3, at(41));
		const { stored, rebuilt } = await replayed(db, first.id);
		for (const field of fields) {
			expect(rebuilt[field], field).toBe(stored[field]);
		}
		expect(rebuilt.due).toEqual(stored.due);
		expect(rebuilt.stability).toBeCloseTo(stored.stability, 6);
	});
});
