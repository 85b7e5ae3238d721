/**
 * What Today needs of a deck deletion the user can still undo: its message, and letting it go.
 * Apart from deck-delete.ts so the first screen loads this, not the deletion and its undo.
 */
import type { EngramDB } from './db';

/** A finished deletion: what to tell the user, and the id that undoes it. */
export interface DeckDeletion {
	undoId: string;
	message: string;
}

/** The deletion the user can still undo, if any. */
export async function lastDeckDeletion(db: EngramDB): Promise<DeckDeletion | undefined> {
	const rows = await db.deckUndo.toArray();
	const latest = rows.sort((a, b) => b.at - a.at)[0];
	return latest && { undoId: latest.id, message: latest.message };
}

/** Lets the deletion go: it can no longer be undone. */
export async function forgetDeckDeletion(db: EngramDB, undoId: string): Promise<void> {
	await db.deckUndo.delete(undoId);
}
