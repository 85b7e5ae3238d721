/**
 * An answer written while a restore or import holds its journal open (journal-guard.ts): the
 * answer is written at once and its commit asked for in the same task (answers.ts), so the
 * guard's check cannot abort it any more. Whatever happens, what the caller is told must match
 * what is stored: stored and said so, or not stored and said it failed.
 *
 * It was a bug: the guard read the journal and called abort(), which on a transaction whose
 * commit was already asked for throws InvalidStateError; the transaction committed anyway and
 * the caller was told "failed" while the answer was stored (during an open journal, which a
 * rollback from a restore point then drops). The guard's refusal is now a failing request (an
 * add of the journal's open row), which aborts even a committing transaction.
 */
import { describe, expect, it } from 'vitest';
import { answerAtOnce, type AnswerReads } from '$lib/storage/answers';
import { nextCard, presetForDeck } from '$lib/storage/queue';
import { journaled } from '$lib/storage/write-journal';
import { NOW, answerInput } from './helpers';
import { mixedDeck } from './mixed-deck';

describe('an answer and a journal', () => {
	it('is either stored and reported stored, or neither', async () => {
		const { db, deckId } = await mixedDeck({ newMix: 'before' });
		const card = (await nextCard(db, deckId, NOW))!;
		const reads: AnswerReads = {
			card,
			preset: await presetForDeck(db, deckId),
			cardsOfNote: undefined
		};
		const input = answerInput(card, { duration: 3000, reviewId: 'review-1' });
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		let opened: () => void = () => {};
		const open = new Promise<void>((resolve) => (opened = resolve));
		const write = journaled(db, 'import', NOW, async () => {
			opened();
			await held;
		});
		await open;
		const outcome = await answerAtOnce(db, input, reads).done.then(
			() => 'stored',
			(error: unknown) => `failed: ${(error as Error).name}`
		);
		release();
		await write;
		const stored = (await db.reviews.get('review-1')) !== undefined;
		const moved = (await db.cards.get(card.id))!.mtime !== card.mtime;
		expect({ outcome, stored, moved }).toEqual(
			outcome === 'stored'
				? { outcome, stored: true, moved: true }
				: { outcome, stored: false, moved: false }
		);
		// Refused by the guard (journal-guard.ts): the journal's row makes its first request fail.
		expect(outcome).toBe('failed: JournalBusyError');
		expect(await db.journalOpen.count()).toBe(0);
	});
});
