/**
 * The note editor's state (state/note-edits.svelte.ts) when a save is refused by another tab's
 * restore or import: it says the note was not saved and why, in describeWriteError's words, and
 * keeps the typing. Opened again on the same note (the editor made again once the journal ended)
 * it reads the note anew and carries over only what the user changed, so a field the other tab
 * wrote is not put back as it was; saving then stores the edit once.
 */
import { describe, expect, it } from 'vitest';
import { NoteEdits } from '$lib/state/note-edits.svelte';
import type { EngramDB } from '$lib/storage/db';
import { addNote } from '$lib/storage/notes';
import { emptyDeckDb, NOW } from './helpers';
import { holdJournal } from './journal-helpers';

const BUSY =
	'A restore or import is running in another tab, so this was not saved. Try again once it has finished.';
const LATER = new Date(NOW.getTime() + 60_000);

/** Opens `id` and waits until the note is read. */
async function opened(edits: NoteEdits, db: EngramDB, id: string, previous?: unknown) {
	edits.open(db, id);
	await expect.poll(() => edits.loaded !== undefined && edits.loaded !== previous).toBe(true);
}

describe('a note edit refused by an open journal', () => {
	it('keeps its message and typing, read anew over what the other tab wrote, and saves once', async () => {
		const { db, deckId } = await emptyDeckDb();
		const fields = { Front: 'Q', Back: 'A' };
		const { note } = await addNote(db, { deckId, noteTypeId: 'basic', fields, tags: ['t'] }, NOW);
		const edits = new NoteEdits();
		await opened(edits, db, note.id);
		edits.fields.Front = 'Q edited';
		edits.tags = 't kept';
		const release = await holdJournal(db);

		expect(await edits.save(db, LATER)).toBe(false);
		expect(edits.status.error).toBe(BUSY);
		expect((await db.notes.get(note.id))!.fields).toEqual(fields);

		// The other tab's import ends, having written the back; the editor is made again.
		await release();
		await db.notes.update(note.id, { fields: { Front: 'Q', Back: 'A imported' } });
		await opened(edits, db, note.id, edits.loaded);
		expect(edits.status.error).toBe(BUSY);
		expect({ fields: edits.fields, tags: edits.tags }).toEqual({
			fields: { Front: 'Q edited', Back: 'A imported' },
			tags: 't kept'
		});

		expect(await edits.save(db, LATER)).toBe(true);
		const saved = (await db.notes.get(note.id))!;
		expect({ fields: saved.fields, tags: saved.tags }).toEqual({
			fields: { Front: 'Q edited', Back: 'A imported' },
			tags: ['t', 'kept']
		});
		expect(await db.notes.count()).toBe(1);
	});
});
