/**
 * The custom study dialog's choices and request (state/custom-study-form.svelte.ts), kept over the
 * screen made again: a bad number gets one sentence and changes nothing; a request refused by
 * another tab's restore or import says it was not done and why, keeps the choices to try again,
 * and then does it; dismissing the dialog drops the message.
 */
import { describe, expect, it } from 'vitest';
import { CustomStudyForm } from '$lib/state/custom-study-form.svelte';
import { NOW, seededDb } from '../helpers';
import { holdJournal } from '../journal-helpers';

describe('the custom study form', () => {
	it('refused by an open journal keeps its choices and message, then builds the session', async () => {
		const { db, deckId } = await seededDb();
		const form = new CustomStudyForm();
		form.kind = 'cram';
		form.values.cram = 5;
		const release = await holdJournal(db);
		expect(await form.submit(db, deckId, NOW)).toBeUndefined();
		await release();
		expect(form.status.error).toMatch(/^A restore or import is running in another tab, so this/);
		expect(await db.filteredDecks.count()).toBe(0);
		expect(form.requestFor('cram')).toMatchObject({ kind: 'cram', limit: 5 });

		expect(await form.submit(db, deckId, NOW)).toMatchObject({ kind: 'filtered', count: 5 });
		expect(form.status.error).toBeUndefined();
		expect(await db.filteredDecks.count()).toBe(1);
	});

	it('says why a bad number is refused, and drops the message when dismissed', async () => {
		const { db, deckId } = await seededDb();
		const form = new CustomStudyForm();
		form.values['new-limit'] = null;
		expect(form.requestFor('new-limit')).toBeUndefined();
		expect(await form.submit(db, deckId, NOW)).toBeUndefined();
		expect(form.status.error).toBeTruthy();
		form.dismiss();
		expect(form.status.error).toBeUndefined();
		form.values['new-limit'] = 3;
		expect(await form.submit(db, deckId, NOW)).toEqual({
			kind: 'extended',
			message: '3 more new cards allowed today.'
		});
	});
});
