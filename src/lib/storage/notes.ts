/**
 * Adding, editing and deleting notes. A note's cards follow its fields: editing keeps the
 * scheduling of every card that still exists, adds cards for new templates or cloze numbers, and
 * removes only the cards whose template or cloze number is gone. Reviews are history and stay.
 */
import { cardOrdinals } from '$lib/domain/card-generation';
import { clozeNumbers } from '$lib/domain/cloze';
import { cardId } from '$lib/domain/deck-records';
import { newId } from '$lib/domain/ids';
import type { CardRecord, NoteRecord, NoteTypeRecord } from '$lib/domain/model';
import { newCardState } from '$lib/domain/scheduler';
import { nextNewPosition } from './card-reset';
import type { EngramDB } from './db';
import { deleteWithTombstones, forgetTombstones } from './tombstones';

/** The note cannot be saved as given; the message is one sentence for the editor. Nothing changed. */
export class NoteError extends Error {
	override name = 'NoteError';
}

export interface NoteInput {
	deckId: string;
	noteTypeId: string;
	fields: Record<string, string>;
	tags?: string[];
}

export interface NoteChanges {
	fields?: Record<string, string>;
	tags?: string[];
}

export interface NoteWriteResult {
	note: NoteRecord;
	addedCardIds: string[];
	removedCardIds: string[];
}

function cleanTags(tags: readonly string[] = []): string[] {
	return [...new Set(tags.flatMap((tag) => tag.trim().split(/\s+/)).filter(Boolean))];
}

/** The ordinals the fields make; refuses fields the type lacks and notes that make no card. */
function ordinalsFor(noteType: NoteTypeRecord, fields: Record<string, string>): number[] {
	const unknown = Object.keys(fields).filter((name) => !noteType.fields.includes(name));
	if (unknown.length > 0) {
		throw new NoteError(`The note type “${noteType.name}” has no field “${unknown[0]}”.`);
	}
	if (noteType.kind === 'cloze') {
		const text = Object.values(fields).join(' ');
		if (clozeNumbers(text).length === 0) {
			throw new NoteError('A cloze note needs at least one deletion, like {{c1::text}}.');
		}
	}
	const ords = cardOrdinals(noteType, fields);
	if (ords.length === 0) {
		throw new NoteError(`This note would make no card: fill in “${noteType.fields[0]}”.`);
	}
	return ords;
}

async function noteTypeOf(db: EngramDB, noteTypeId: string): Promise<NoteTypeRecord> {
	const noteType = await db.noteTypes.get(noteTypeId);
	if (!noteType) {
		throw new NoteError(`There is no note type “${noteTypeId}”.`);
	}
	return noteType;
}

function newCards(note: NoteRecord, ords: number[], position: number, now: Date): CardRecord[] {
	return ords.map((ord, i) => ({
		...newCardState(now),
		id: cardId(note.id, ord),
		noteId: note.id,
		deckId: note.deckId,
		ord,
		queue: 'new',
		position: position + i,
		mtime: now.getTime()
	}));
}

/** New cards for the note's ordinals, placed after the new cards already waiting in its deck. */
export async function newCardsFor(
	db: EngramDB,
	note: NoteRecord,
	ords: number[],
	now: Date
): Promise<CardRecord[]> {
	return newCards(note, ords, await nextNewPosition(db, note.deckId), now);
}

export async function addNote(db: EngramDB, input: NoteInput, now: Date): Promise<NoteWriteResult> {
	return db.transaction('rw', [db.decks, db.noteTypes, db.notes, db.cards], async () => {
		if (!(await db.decks.get(input.deckId))) {
			throw new NoteError('That deck does not exist any more.');
		}
		const noteType = await noteTypeOf(db, input.noteTypeId);
		const fields = Object.fromEntries(
			noteType.fields.map((name) => [name, input.fields[name] ?? ''])
		);
		const ords = ordinalsFor(noteType, { ...fields, ...input.fields });
		const time = now.getTime();
		const note: NoteRecord = {
			id: newId(),
			deckId: input.deckId,
			noteTypeId: noteType.id,
			fields,
			fieldMtimes: Object.fromEntries(noteType.fields.map((name) => [name, time])),
			tags: cleanTags(input.tags),
			createdAt: time,
			mtime: time
		};
		const cards = newCards(note, ords, await nextNewPosition(db, note.deckId), now);
		await db.notes.add(note);
		await db.cards.bulkAdd(cards);
		return { note, addedCardIds: cards.map((card) => card.id), removedCardIds: [] };
	});
}

export async function updateNote(
	db: EngramDB,
	noteId: string,
	changes: NoteChanges,
	now: Date
): Promise<NoteWriteResult> {
	return db.transaction('rw', [db.noteTypes, db.notes, db.cards, db.tombstones], async () => {
		const note = await db.notes.get(noteId);
		if (!note) {
			throw new NoteError('This note was deleted.');
		}
		const noteType = await noteTypeOf(db, note.noteTypeId);
		const fields = { ...note.fields, ...changes.fields };
		const ords = ordinalsFor(noteType, fields);
		const time = Math.max(now.getTime(), note.mtime + 1);
		const fieldMtimes = { ...note.fieldMtimes };
		for (const [name, value] of Object.entries(changes.fields ?? {})) {
			if (note.fields[name] !== value) {
				fieldMtimes[name] = time;
			}
		}
		const updated: NoteRecord = {
			...note,
			fields,
			fieldMtimes,
			tags: changes.tags ? cleanTags(changes.tags) : note.tags,
			mtime: time
		};
		const existing = await db.cards.where('noteId').equals(noteId).toArray();
		const have = new Set(existing.map((card) => card.ord));
		const removed = existing.filter((card) => !ords.includes(card.ord)).map((card) => card.id);
		const missing = ords.filter((ord) => !have.has(ord));
		const added = newCards(updated, missing, await nextNewPosition(db, note.deckId), now);
		await db.notes.put(updated);
		await deleteWithTombstones(db, 'cards', removed, now);
		await db.cards.bulkAdd(added);
		// A cloze number put back makes the same card id again: it is alive.
		await forgetTombstones(
			db,
			'cards',
			added.map((card) => card.id)
		);
		return { note: updated, addedCardIds: added.map((card) => card.id), removedCardIds: removed };
	});
}

/**
 * Deletes the notes and their cards, leaving tombstones; their review history is kept. Returns
 * the number of cards deleted.
 */
export async function deleteNotes(
	db: EngramDB,
	noteIds: readonly string[],
	now: Date
): Promise<number> {
	return db.transaction('rw', [db.notes, db.cards, db.tombstones], async () => {
		const cardIds = await db.cards
			.where('noteId')
			.anyOf([...noteIds])
			.primaryKeys();
		await deleteWithTombstones(db, 'cards', cardIds, now);
		await deleteWithTombstones(db, 'notes', noteIds, now);
		return cardIds.length;
	});
}
