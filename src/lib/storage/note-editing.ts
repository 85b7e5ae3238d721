/** What the note editor shows: the note, its type, the decks it can move to, and its cards. */
import type { DeckRecord, NoteRecord, NoteTypeRecord } from '$lib/domain/model';
import type { EngramDB } from './db';

export interface NoteForEditing {
	note: NoteRecord;
	noteType: NoteTypeRecord;
	decks: DeckRecord[];
	cardIds: string[];
	/** The deck of the note's cards (the first card's, if they were split). */
	deckId: string;
}

export async function loadNoteForEditing(db: EngramDB, noteId: string): Promise<NoteForEditing> {
	return db.transaction('r', [db.notes, db.noteTypes, db.decks, db.cards], async () => {
		const note = await db.notes.get(noteId);
		if (!note) {
			throw new Error('This note was deleted.');
		}
		const noteType = await db.noteTypes.get(note.noteTypeId);
		if (!noteType) {
			throw new Error(`Note type “${note.noteTypeId}” is missing.`);
		}
		const cards = await db.cards.where('noteId').equals(noteId).toArray();
		const decks = await db.decks.orderBy('name').toArray();
		return {
			note,
			noteType,
			decks,
			cardIds: cards.map((card) => card.id),
			deckId: cards[0]?.deckId ?? note.deckId
		};
	});
}

/** The note types a new note can use, built-in ones first. */
export async function listNoteTypes(db: EngramDB): Promise<NoteTypeRecord[]> {
	const types = await db.noteTypes.toArray();
	const builtinOrder = ['basic', 'basic-reversed', 'basic-optional-reversed', 'cloze', 'type-in'];
	const rank = (id: string) => {
		const i = builtinOrder.indexOf(id);
		return i === -1 ? builtinOrder.length : i;
	};
	return types.sort((a, b) => rank(a.id) - rank(b.id) || a.name.localeCompare(b.name));
}
