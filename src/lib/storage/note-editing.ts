/**
 * What the note editor shows (the note, its type, the decks it can move to, and its cards), and
 * changing a note's type.
 */
import type { DeckRecord, NoteRecord, NoteTypeRecord } from '$lib/domain/model';
import { planNoteTypeChange, type FieldMapping } from '$lib/domain/note-type-change';
import type { EngramDB } from './db';
import { newCardsFor } from './notes';
import { restoreSnapshot, snapshotCards, type CardSnapshot } from './snapshots';
import { deleteWithTombstones, forgetTombstones } from './tombstones';

export interface NoteForEditing {
	note: NoteRecord;
	noteType: NoteTypeRecord;
	decks: DeckRecord[];
	cardIds: string[];
	/** The template ordinal of each card, in the order of `cardIds`. */
	cardOrds: number[];
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
			cardOrds: cards.map((card) => card.ord),
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

export interface NoteTypeChange {
	/** The note and its cards before the change: undo puts them back. */
	snapshot: CardSnapshot;
	addedCardIds: string[];
	removedCardIds: string[];
}

/**
 * Changes the note's type in one transaction: fields mapped, every field's mtime bumped (the
 * note's schema changed), cards whose ordinal the new type makes kept as they are, new cards
 * added, the rest deleted. Reviews are history and stay. Returns what `undoNoteTypeChange` needs.
 */
export async function changeNoteType(
	db: EngramDB,
	noteId: string,
	newTypeId: string,
	mapping: FieldMapping,
	now: Date
): Promise<NoteTypeChange> {
	const tables = [db.noteTypes, db.notes, db.cards, db.reviews, db.tombstones];
	return db.transaction('rw', tables, async () => {
		const note = await db.notes.get(noteId);
		const newType = await db.noteTypes.get(newTypeId);
		if (!note || !newType) {
			throw new Error(note ? `There is no note type “${newTypeId}”.` : 'This note was deleted.');
		}
		const cards = await db.cards.where('noteId').equals(noteId).toArray();
		const snapshot = await snapshotCards(
			db,
			cards.map((card) => card.id)
		);
		const plan = planNoteTypeChange(
			newType,
			note.fields,
			mapping,
			cards.map((card) => card.ord)
		);
		const time = Math.max(now.getTime(), note.mtime + 1);
		const updated: NoteRecord = {
			...note,
			noteTypeId: newType.id,
			fields: plan.fields,
			fieldMtimes: Object.fromEntries(newType.fields.map((field) => [field, time])),
			mtime: time
		};
		const removed = cards.filter((card) => plan.remove.includes(card.ord)).map((card) => card.id);
		const deckId = cards[0]?.deckId ?? note.deckId;
		const added = await newCardsFor(db, { ...updated, deckId }, plan.create, now);
		await db.notes.put(updated);
		await deleteWithTombstones(db, 'cards', removed, now);
		await db.cards.bulkAdd(added);
		await forgetTombstones(
			db,
			'cards',
			added.map((card) => card.id)
		);
		return { snapshot, addedCardIds: added.map((card) => card.id), removedCardIds: removed };
	});
}

/** Deletes the cards the change added and puts the note and its old cards back, in one go. */
export async function undoNoteTypeChange(
	db: EngramDB,
	change: NoteTypeChange,
	now: Date
): Promise<void> {
	await db.transaction('rw', [db.notes, db.cards, db.reviews, db.tombstones], async () => {
		await deleteWithTombstones(db, 'cards', change.addedCardIds, now);
		await restoreSnapshot(db, change.snapshot, now);
	});
}
