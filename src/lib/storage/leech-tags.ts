/**
 * The `leech` tag an answer puts on its note (see domain/leech.ts), and its removal when that
 * answer is undone. Run inside the answer's (or the undo's) transaction.
 */
import { isLeechTag, withLeechTag } from '$lib/domain/leech';
import type { EngramDB } from './db';

/** Tags the note `leech`; true if this added the tag (false: it had it, or is gone). */
export async function tagLeech(db: EngramDB, noteId: string, now: Date): Promise<boolean> {
	const note = await db.notes.get(noteId);
	const tags = note && withLeechTag(note.tags);
	if (!note || !tags) {
		return false;
	}
	await db.notes.put({ ...note, tags, mtime: Math.max(now.getTime(), note.mtime + 1) });
	return true;
}

/** Takes off the `leech` tag an undone answer added; the note's other tags stay as they are. */
export async function untagLeech(db: EngramDB, noteId: string, now: Date): Promise<void> {
	const note = await db.notes.get(noteId);
	if (note?.tags.some(isLeechTag)) {
		const tags = note.tags.filter((tag) => !isLeechTag(tag));
		await db.notes.put({ ...note, tags, mtime: Math.max(now.getTime(), note.mtime + 1) });
	}
}
