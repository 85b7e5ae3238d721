/** Marking a note, as Anki's "Mark note" does: the `marked` tag on or off. */
import { MARKED_TAG, hasTag, toggledTag } from '$lib/domain/note-tags';
import type { EngramDB } from './db';
import { touched } from './card-actions';

/**
 * Puts the `marked` tag on the note or takes it off; returns whether the note is now marked,
 * undefined if it was deleted.
 */
export async function toggleMarked(
	db: EngramDB,
	noteId: string,
	now: Date
): Promise<boolean | undefined> {
	return db.transaction('rw', db.notes, async () => {
		const note = await db.notes.get(noteId);
		if (!note) {
			return undefined;
		}
		const tags = toggledTag(note.tags, MARKED_TAG);
		await db.notes.put({ ...note, tags, mtime: touched(note, now) });
		return hasTag(tags, MARKED_TAG);
	});
}
