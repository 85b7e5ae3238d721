/**
 * A form's save status (state/save-status.svelte.ts), which the deck, preset, custom study and
 * settings forms keep over the screen made again: a write refused by another tab's restore or
 * import says it was not saved and why, in describeWriteError's words, not the guard's own
 * message; our own errors keep their sentence (a deck name taken, no cards to study).
 */
import { describe, expect, it } from 'vitest';
import { DeckNameError } from '$lib/domain/deck-names';
import { SaveStatus } from '$lib/state/save-status.svelte';
import { CustomStudyError } from '$lib/storage/custom-study';
import { renameDeck } from '$lib/storage/deck-rename';
import { emptyDeckDb, NOW } from './helpers';
import { holdJournal } from './journal-helpers';

describe('a save status', () => {
	it('says a write refused by an open journal was not saved, and why', async () => {
		const { db, deckId } = await emptyDeckDb();
		const release = await holdJournal(db, 'restore');
		const status = new SaveStatus();
		expect(await status.save(() => renameDeck(db, deckId, 'Renamed', NOW))).toBe(false);
		await release();
		expect(status).toMatchObject({
			saved: false,
			busy: false,
			error:
				'A restore or import is running in another tab, so this was not saved. Try again once it has finished.'
		});
		expect((await db.decks.get(deckId))!.name).not.toBe('Renamed');
		expect(await status.save(() => renameDeck(db, deckId, 'Renamed', NOW))).toBe(true);
		expect(status).toMatchObject({ saved: true, error: undefined });
	});

	it("keeps our own errors' sentences", async () => {
		const status = new SaveStatus();
		for (const error of [
			new DeckNameError('There is already a deck named “Spanish”.'),
			new CustomStudyError('That custom study session no longer exists.')
		]) {
			await status.save(() => Promise.reject(error));
			expect(status.error).toBe(error.message);
		}
	});
});
