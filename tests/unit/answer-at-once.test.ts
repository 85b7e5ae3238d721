/**
 * The study screen writes an answer from what its lookahead read, every request at once: it must
 * store exactly what `answerCard` stores, refuse a card changed since it was read, and, written
 * again because the page is leaving, still store the answer once.
 */
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '$lib/domain/model';
import { Rating } from '$lib/domain/scheduler';
import {
	answerAtOnce,
	answerCard,
	StaleCardError,
	type AnswerInput,
	type AnswerReads
} from '$lib/storage/answers';
import type { EngramDB } from '$lib/storage/db';
import { nextCard, presetForDeck } from '$lib/storage/queue';
import { NOW } from './helpers';
import { mixedDeck } from './mixed-deck';

/** The first new cloze card (it has three new siblings to bury) and what a lookahead reads. */
async function setup() {
	const { db, deckId } = await mixedDeck({ newMix: 'before' });
	const card = (await nextCard(db, deckId, NOW))!;
	const cardsOfNote = await db.cards.where('noteId').equals(card.noteId).toArray();
	expect(cardsOfNote.length).toBe(4);
	const reads: AnswerReads = { card, preset: await presetForDeck(db, deckId), cardsOfNote };
	const input: AnswerInput = {
		cardId: card.id,
		grade: Rating.Good,
		now: NOW,
		duration: 3000,
		shownMtime: card.mtime,
		reviewId: 'review-1'
	};
	return { db, card, reads, input };
}

/** The note's cards and the review rows, without the ids (each setup makes its own notes). */
async function snapshot(db: EngramDB, card: CardRecord) {
	const cards = await db.cards.where('noteId').equals(card.noteId).toArray();
	const reviews = await db.reviews.toArray();
	const strip = ({ id: _i, noteId: _n, shuffle: _s, ...rest }: CardRecord) => rest;
	return {
		cards: cards.map(strip).sort((a, b) => a.ord - b.ord),
		reviews: reviews.map(({ id: _i, cardId: _c, buriedSiblings, ...rest }) => ({
			...rest,
			buried: buriedSiblings?.length
		}))
	};
}

describe('answer written at once', () => {
	it('stores what answerCard stores: the card, its buried siblings and the review row', async () => {
		const a = await setup();
		await answerAtOnce(a.db, a.input, a.reads).done;
		const b = await setup();
		await answerCard(b.db, b.input);
		const [atOnce, read] = [await snapshot(a.db, a.card), await snapshot(b.db, b.card)];
		expect(atOnce).toEqual(read);
		expect(atOnce.reviews).toHaveLength(1);
		expect(atOnce.reviews[0]!.buried).toBe(3);
		expect(atOnce.cards.filter((card) => card.queue === 'buried')).toHaveLength(3);
	});

	it('refuses a card changed since it was read, and stores nothing', async () => {
		const { db, card, reads, input } = await setup();
		await answerCard(db, { ...input, reviewId: 'in-another-tab' });
		const before = await snapshot(db, card);
		await expect(answerAtOnce(db, input, reads).done).rejects.toBeInstanceOf(StaleCardError);
		expect(await snapshot(db, card)).toEqual(before);
	});

	it('written again at once because the page is leaving: stored once', async () => {
		const { db, card, reads, input } = await setup();
		const write = answerAtOnce(db, input, reads);
		// A task later (the page's pagehide), while the first write is under way.
		await new Promise((resolve) => setTimeout(resolve, 0));
		write.commitNow();
		await write.done;
		// The second transaction, queued behind the first, fails on the review row's id.
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect((await db.reviews.toArray()).map((review) => review.id)).toEqual(['review-1']);
		const stored = await snapshot(db, card);
		const b = await setup();
		await answerCard(b.db, b.input);
		expect(stored).toEqual(await snapshot(b.db, b.card));
	});

	it.each([
		['sent with the page already leaving', true],
		['the page leaving in the same task', false]
	])('%s: committed at once, stored once', async (_, leaving) => {
		const { db, card, reads, input } = await setup();
		const write = answerAtOnce(db, input, reads, leaving);
		write.commitNow();
		await write.done;
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect((await snapshot(db, card)).reviews).toHaveLength(1);
	});
});
