/**
 * A study session keeps the first cards of each queue from one plan to the next and applies each
 * answer to them, so planning the next card reads no queue: the card it shows must always be the
 * one a fresh read of the stored queue gives, through learning steps falling due, siblings
 * buried, heads used up and read again, and both new-card orders.
 */
import { describe, expect, it } from 'vitest';
import {
	firstInHead,
	HEAD_SIZE,
	headKey,
	withAnswered,
	withoutCards,
	type QueueHeads
} from '$lib/domain/queue-heads';
import type { CardRecord } from '$lib/domain/model';
import { Rating, type Grade } from '$lib/domain/scheduler';
import { StudySession } from '$lib/state/study-session.svelte';
import { nextCard } from '$lib/storage/queue';
import { makeCard, NOW } from './helpers';
import { mixedDeck } from './mixed-deck';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function dueAt(i: number, minutes: number): CardRecord {
	return makeCard('d', i, { due: new Date(NOW.getTime() + minutes * MINUTE) });
}

function headsOf(cards: CardRecord[], complete: boolean): QueueHeads {
	return { dayStart: 0, heads: new Map([[headKey('learning', 'd'), { cards, complete }]]) };
}

const ids = (heads: QueueHeads) =>
	heads.heads.get(headKey('learning', 'd'))!.cards.map((card) => card.id);

describe('queue heads', () => {
	const [a, b, c] = [dueAt(1, 1), dueAt(2, 5), dueAt(3, 10)];

	it('an answered card goes back where its due date sorts, or is left for a later read', () => {
		const partial = headsOf([a, c], false);
		expect(ids(withAnswered(partial, 'learning', b))).toEqual([a.id, b.id, c.id]);
		// After the known cards of a head that is not the whole range: unknown what lies between.
		const late = dueAt(4, 60);
		expect(ids(withAnswered(partial, 'learning', late))).toEqual([a.id, c.id]);
		// … but a head that is the whole range takes it at its end.
		expect(ids(withAnswered(headsOf([a, c], true), 'learning', late))).toEqual([
			a.id,
			c.id,
			late.id
		]);
		// Same due: by id, as the index orders them.
		const twin = { ...dueAt(0, 5), due: b.due };
		expect(ids(withAnswered(headsOf([a, b], false), 'learning', twin))).toEqual([
			a.id,
			twin.id,
			b.id
		]);
	});

	it('a head with no card left that is not skipped must be read again, unless it is complete', () => {
		const skipped = new Set([a.id]);
		expect(firstInHead({ cards: [a, b], complete: false }, skipped)).toEqual({ card: b });
		expect(firstInHead({ cards: [a], complete: false }, skipped)).toBeUndefined();
		expect(firstInHead({ cards: [a], complete: true }, skipped)).toEqual({ card: undefined });
		expect(firstInHead(undefined, skipped)).toBeUndefined();
		expect(ids(withoutCards(headsOf([a, b, c], false), new Set([a.id, c.id])))).toEqual([b.id]);
	});
});

describe('study session: queue heads kept between answers', () => {
	it.each([
		['deck order, new cards mixed in', { newOrder: 'deck', newMix: 'mixed' }],
		['random order, new cards first', { newOrder: 'random', newMix: 'before' }],
		['random order, reviews first', { newOrder: 'random', newMix: 'after' }]
	] as const)(
		'%s: after every answer the card shown is what the stored queue gives',
		async (_, order) => {
			const { db, deckId } = await mixedDeck({ newPerDay: 60, reviewsPerDay: 200, ...order });
			let time = NOW.getTime();
			const session = new StudySession(db, deckId, () => new Date(time));
			const stop = session.watchChanges();
			await session.load();
			const grades: Grade[] = [Rating.Good, Rating.Again, Rating.Good, Rating.Hard, Rating.Easy];
			let answers = 0;
			for (let i = 0; i < 6 * HEAD_SIZE && session.view; i += 1) {
				// Mostly quick answers, sometimes a pause long enough for learning steps to fall due.
				time += i % 7 === 6 ? 6 * MINUTE : 5 * SECOND;
				session.reveal();
				await session.grade(grades[i % grades.length]!);
				answers += 1;
				const stored = await nextCard(db, deckId, new Date(time));
				expect(session.view?.card.id).toBe(stored?.id);
				if (session.view) {
					// Shown as stored: an answer to it is not refused as changed elsewhere.
					expect(session.view.card).toEqual(stored);
				}
			}
			expect(answers).toBeGreaterThan(4 * HEAD_SIZE);
			stop();
		},
		60_000
	);
});
