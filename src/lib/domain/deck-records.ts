/** Turns a validated deck file into the records the collection stores. */
import type { DeckFile } from './deck-file';
import { cardOrdinals } from './card-generation';
import type { CardRecord, DeckRecord, NoteRecord } from './model';
import { BUILTIN_NOTE_TYPES } from './note-types';
import { DEFAULT_PRESET_ID } from './preset';
import { newCardState } from './new-card-state';

export interface DeckRecords {
	deck: DeckRecord;
	notes: NoteRecord[];
	cards: CardRecord[];
}

/** Card ids derive from the note id and ordinal, so the same deck always yields the same ids. */
export function cardId(noteId: string, ord: number): string {
	return `${noteId}#${ord}`;
}

export function deckFileToRecords(file: DeckFile, now: Date): DeckRecords {
	const time = now.getTime();
	const deck: DeckRecord = {
		id: file.id,
		name: file.name,
		description: file.description,
		presetId: DEFAULT_PRESET_ID,
		source: file.source,
		createdAt: time,
		mtime: time
	};
	const notes: NoteRecord[] = [];
	const cards: CardRecord[] = [];
	for (const entry of file.notes) {
		const note: NoteRecord = {
			id: entry.id,
			deckId: deck.id,
			noteTypeId: entry.type,
			fields: entry.fields,
			fieldMtimes: Object.fromEntries(Object.keys(entry.fields).map((name) => [name, time])),
			tags: entry.tags,
			kind: entry.kind,
			source: entry.source,
			createdAt: time,
			mtime: time
		};
		notes.push(note);
		for (const ord of cardOrdinals(BUILTIN_NOTE_TYPES[entry.type], entry.fields)) {
			cards.push({
				...newCardState(now),
				id: cardId(note.id, ord),
				noteId: note.id,
				deckId: deck.id,
				ord,
				queue: 'new',
				position: cards.length,
				mtime: time
			});
		}
	}
	return { deck, notes, cards };
}
