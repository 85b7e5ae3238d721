/**
 * The Add screen's note (state/add-draft.svelte.ts) refused by another tab's restore or import:
 * it says the note was not saved and why, in describeWriteError's words, keeps every typed field,
 * and adding again once the journal ended stores the note once. A save still running while the
 * screen is made again ends in the state the new screen shows, so what it saved is not offered
 * to save twice.
 */
import { describe, expect, it } from 'vitest';
import { AddDraft } from '$lib/state/add-draft.svelte';
import { keepOverRemake, leaveKept } from '$lib/state/carried-state';
import type { EngramDB } from '$lib/storage/db';
import { emptyDeckDb, NOW } from './helpers';
import { holdJournal } from './journal-helpers';

const BUSY =
	'A restore or import is running in another tab, so this was not saved. Try again once it has finished.';

async function basic(db: EngramDB) {
	return (await db.noteTypes.get('basic'))!;
}

describe('a note added on the Add screen', () => {
	it('refused by an open journal says why and keeps what was typed; added again, stored once', async () => {
		const { db, deckId } = await emptyDeckDb();
		const draft = new AddDraft(deckId);
		draft.fields = { Front: 'Q', Back: 'A' };
		draft.tags = 'one two';
		const release = await holdJournal(db);

		expect(await draft.add(db, await basic(db), deckId, NOW)).toBe(false);
		expect(draft.status.error).toBe(BUSY);
		expect({ fields: draft.fields, tags: draft.tags }).toEqual({
			fields: { Front: 'Q', Back: 'A' },
			tags: 'one two'
		});
		expect(draft.added).toBeUndefined();
		expect(await db.notes.count()).toBe(0);

		await release();
		expect(await draft.add(db, await basic(db), deckId, NOW)).toBe(true);
		expect(draft.status.error).toBeUndefined();
		expect(draft.fields).toEqual({});
		expect(draft.added).toEqual({ cards: 1, deckId });
		const notes = await db.notes.toArray();
		expect(notes.map((note) => [note.fields, note.tags])).toEqual([
			[{ Front: 'Q', Back: 'A' }, ['one', 'two']]
		]);
	});

	it('saved while the screen is made again is cleared in the state the new screen shows', async () => {
		const { db, deckId } = await emptyDeckDb();
		const draft = keepOverRemake('add-test', 0, () => new AddDraft(deckId));
		draft.fields = { Front: 'Q', Back: 'A' };
		const saving = draft.add(db, await basic(db), deckId, NOW);
		const remade = keepOverRemake('add-test', 1, () => new AddDraft(deckId));
		leaveKept('add-test', 0, 1);
		expect(remade).toBe(draft);
		expect(await remade.add(db, await basic(db), deckId, NOW)).toBe(false);
		expect(await saving).toBe(true);
		expect(remade.fields).toEqual({});
		expect(await db.notes.count()).toBe(1);
	});
});
