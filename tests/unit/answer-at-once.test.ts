/**
 * The study screen writes an answer from what its lookahead read, every request at once: it must
 * store exactly what `answerCard` stores, refuse a card changed since it was read, and, written
 * again because the page is leaving, still store the answer once.
 */
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '$lib/domain/model';
import { answerAtOnce, answerCard, StaleCardError, type AnswerReads } from '$lib/storage/answers';
import type { EngramDB } from '$lib/storage/db';
import { nextCard, presetForDeck } from '$lib/storage/queue';
import { NOW, answerInput } from './helpers';
import { mixedDeck } from './mixed-deck';

/** The first new cloze card (it has three new siblings to bury) and what a lookahead reads. */
async function setup() {
	const { db, deckId } = await mixedDeck({ newMix: 'before' });
	const card = (await nextCard(db, deckId, NOW))!;
	const cardsOfNote = await db.cards.where('noteId').equals(card.noteId).toArray();
	expect(cardsOfNote.length).toBe(4);
	const reads: AnswerReads = { card, preset: await presetForDeck(db, deckId), cardsOfNote };
	const input = answerInput(card, { duration: 3000, reviewId: 'review-1' });
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

	it('a card changed since it was read (another tab): everything it wrote is put back', async () => {
		const { db, card, reads, input } = await setup();
		await answerCard(db, { ...input, reviewId: 'in-another-tab' });
		const before = {
			cards: await db.cards.where('noteId').equals(card.noteId).toArray(),
			reviews: await db.reviews.toArray()
		};
		await expect(answerAtOnce(db, input, reads).done).rejects.toBeInstanceOf(StaleCardError);
		expect(await db.cards.where('noteId').equals(card.noteId).toArray()).toEqual(before.cards);
		expect(await db.reviews.toArray()).toEqual(before.reviews);
	});

	it('commits in the task that sends it, before any result comes back', async () => {
		const { db, reads, input } = await setup();
		const commits: IDBTransaction[] = [];
		const original = IDBTransaction.prototype.commit;
		IDBTransaction.prototype.commit = function (this: IDBTransaction) {
			commits.push(this);
			original.call(this);
		};
		try {
			const write = answerAtOnce(db, input, reads);
			// Microtasks only: IndexedDB's results come back in later tasks.
			for (let i = 0; i < 50; i += 1) {
				await Promise.resolve();
			}
			expect(commits).toHaveLength(1);
			await write.done;
		} finally {
			IDBTransaction.prototype.commit = original;
		}
		expect(await db.reviews.count()).toBe(1);
	});
});
