/** Turns a validated deck file into the records the collection stores. */
import type { DeckFile } from './deck-file';
import { cardOrdinals } from './card-generation';
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord } from './model';
import { BUILTIN_NOTE_TYPES } from './note-types';
import { DEFAULT_PRESET_ID } from './preset';
import { newCardState } from './new-card-state';
import { stableHash } from './import/hash';

export interface DeckRecords {
	deck: DeckRecord;
	/** Decks nested under `deck` that notes of the file live in (with their parents). */
	subdecks: DeckRecord[];
	/** The file's own note types (built-in ones are not repeated). */
	noteTypes: NoteTypeRecord[];
	notes: NoteRecord[];
	cards: CardRecord[];
}

/** Card ids derive from the note id and ordinal, so the same deck always yields the same ids. */
export function cardId(noteId: string, ord: number): string {
	return `${noteId}#${ord}`;
}

/** A deck id from its name, the same for every import, so importing again finds the deck. */
export const deckIdForName = (name: string) => `deck:${stableHash(name.toLowerCase())}`;

export function deckRecord(name: string, time: number): DeckRecord {
	return {
		id: deckIdForName(name),
		name,
		description: '',
		presetId: DEFAULT_PRESET_ID,
		createdAt: time,
		mtime: time
	};
}

/** `Root::A::B` → `Root::A`, `Root::A::B` (the root itself is the file's deck). */
function subdeckNames(root: string, names: Iterable<string>): string[] {
	const out = new Set<string>();
	for (const name of names) {
		const parts = name.slice(root.length + 2).split('::');
		parts.forEach((_, i) => out.add(`${root}::${parts.slice(0, i + 1).join('::')}`));
	}
	return [...out];
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
	const noteTypes = file.noteTypes.map((t) => ({ ...t, mtime: time }));
	const types: Record<string, NoteTypeRecord> = { ...BUILTIN_NOTE_TYPES };
	noteTypes.forEach((t) => (types[t.id] = t));
	const nested = new Set(
		file.notes.flatMap((n) => (n.deck && n.deck !== file.name ? [n.deck] : []))
	);
	const notes: NoteRecord[] = [];
	const cards: CardRecord[] = [];
	for (const entry of file.notes) {
		const deckId = entry.deck && entry.deck !== file.name ? deckIdForName(entry.deck) : deck.id;
		const note: NoteRecord = {
			id: entry.id,
			deckId,
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
		for (const ord of cardOrdinals(types[entry.type]!, entry.fields)) {
			cards.push({
				...newCardState(now),
				id: cardId(note.id, ord),
				noteId: note.id,
				deckId,
				ord,
				queue: 'new',
				position: cards.length,
				mtime: time
			});
		}
	}
	const subdecks = subdeckNames(file.name, nested).map((name) => deckRecord(name, time));
	return { deck, subdecks, noteTypes, notes, cards };
}
