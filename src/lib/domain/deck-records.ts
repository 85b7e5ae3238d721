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

export function deckRecord(
	name: string,
	time: number,
	options: { description?: string; presetId?: string } = {}
): DeckRecord {
	return {
		id: deckIdForName(name),
		name,
		description: options.description ?? '',
		presetId: options.presetId ?? DEFAULT_PRESET_ID,
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

/** A note's creation and per-field times from the file (exports carry them), else `time`. */
function noteTimes(entry: DeckFile['notes'][number], time: number) {
	const at = (iso: string | undefined) => (iso === undefined ? time : Date.parse(iso));
	const createdAt = at(entry.created);
	const fieldMtimes = Object.fromEntries(
		Object.keys(entry.fields).map((name) => [name, at(entry.modified?.[name])])
	);
	const known = entry.created !== undefined || entry.modified !== undefined;
	const mtime = known ? Math.max(createdAt, ...Object.values(fieldMtimes)) : time;
	return { createdAt, fieldMtimes, mtime };
}

/** The subdecks the file lists (an empty one too) and those its notes are in, with parents. */
function fileSubdecks(file: DeckFile, time: number): DeckRecord[] {
	const listed = new Map(file.subdecks.map((d) => [d.name, d]));
	const nested = file.notes.flatMap((n) => (n.deck && n.deck !== file.name ? [n.deck] : []));
	return subdeckNames(file.name, [...listed.keys(), ...nested]).map((name) => {
		const own = listed.get(name);
		return deckRecord(name, time, { description: own?.description, presetId: own?.preset });
	});
}

export function deckFileToRecords(file: DeckFile, now: Date): DeckRecords {
	const time = now.getTime();
	const deck: DeckRecord = {
		id: file.id,
		name: file.name,
		description: file.description,
		presetId: file.preset ?? DEFAULT_PRESET_ID,
		source: file.source,
		createdAt: time,
		mtime: time
	};
	const noteTypes = file.noteTypes.map((t) => ({ ...t, mtime: time }));
	const types: Record<string, NoteTypeRecord> = { ...BUILTIN_NOTE_TYPES };
	noteTypes.forEach((t) => (types[t.id] = t));
	const notes: NoteRecord[] = [];
	const cards: CardRecord[] = [];
	for (const entry of file.notes) {
		const deckId = entry.deck && entry.deck !== file.name ? deckIdForName(entry.deck) : deck.id;
		const note: NoteRecord = {
			id: entry.id,
			deckId,
			noteTypeId: entry.type,
			fields: entry.fields,
			tags: entry.tags,
			kind: entry.kind,
			source: entry.source,
			...noteTimes(entry, time)
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
	const subdecks = fileSubdecks(file, time);
	return { deck, subdecks, noteTypes, notes, cards };
}
