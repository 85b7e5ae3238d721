/**
 * The study menu's actions on the card on screen and its note: suspend or bury the card or the
 * whole note, reset it, set its due date, delete the note, mark the note, set its tags. The session takes a snapshot of the card, its note and siblings before
 * each one (storage/snapshots.ts), which is what undoes it; this module only runs the action and
 * says what the screen does next.
 */
import type { CardRecord } from '$lib/domain/model';
import type { ResetOptions } from '$lib/domain/reset-options';
import { dueDaysNotice, type DueDays } from '$lib/domain/due-days';
import { buryCards, setDueDate, suspendCards } from '$lib/storage/card-actions';
import { resetCards } from '$lib/storage/card-reset';
import { cardIdsOfNote } from '$lib/storage/cards';
import type { EngramDB } from '$lib/storage/db';
import { toggleMarked } from '$lib/storage/note-marks';
import { deleteNotes, updateNote } from '$lib/storage/notes';

export type CardAction =
	| 'suspend'
	| 'bury'
	| 'suspend-note'
	| 'bury-note'
	| 'delete-note'
	| 'mark'
	| { dueIn: DueDays }
	| { reset: ResetOptions }
	| { tags: string[] };

export interface ActionDone {
	/** The short notice shown under the toolbar. */
	notice: string;
	/** True when the card left the queue (the next card is shown); false: the card is shown again. */
	movesOn: boolean;
}

export async function runCardAction(
	db: EngramDB,
	action: CardAction,
	card: CardRecord,
	now: Date,
	dayStartHour: number
): Promise<ActionDone> {
	if (typeof action === 'object' && 'tags' in action) {
		// The note's other content and its field mtimes stay; its mtime says the tags changed.
		await updateNote(db, card.noteId, { tags: action.tags }, now);
		return { notice: 'Tags saved.', movesOn: false };
	}
	if (typeof action === 'object' && 'reset' in action) {
		await resetCards(db, [card.id], now, action.reset);
		return { notice: 'Card reset to new.', movesOn: true };
	}
	if (typeof action === 'object') {
		await setDueDate(db, [card.id], action.dueIn, now, { dayStartHour });
		return { notice: dueDaysNotice(action.dueIn), movesOn: true };
	}
	switch (action) {
		case 'suspend':
			await suspendCards(db, [card.id], now);
			return { notice: 'Card suspended.', movesOn: true };
		case 'bury':
			await buryCards(db, [card.id], now, dayStartHour);
			return { notice: 'Card buried until tomorrow.', movesOn: true };
		case 'suspend-note':
			await suspendCards(db, await cardIdsOfNote(db, card.noteId), now);
			return { notice: 'Note suspended.', movesOn: true };
		case 'bury-note':
			await buryCards(db, await cardIdsOfNote(db, card.noteId), now, dayStartHour);
			return { notice: 'Note buried until tomorrow.', movesOn: true };
		case 'delete-note': {
			// The browser's deletion: the note and all its cards, with tombstones; reviews stay.
			const cards = await deleteNotes(db, [card.noteId], now);
			return { notice: `Note deleted (${cards} card${cards === 1 ? '' : 's'}).`, movesOn: true };
		}
		case 'mark': {
			const marked = await toggleMarked(db, card.noteId, now);
			return { notice: marked ? 'Note marked.' : 'Note unmarked.', movesOn: false };
		}
	}
}
