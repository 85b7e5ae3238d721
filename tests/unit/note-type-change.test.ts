/**
 * Changing a note's type: fields follow the mapping, cards whose template ordinal survives keep
 * their schedule and reviews, new ordinals get new cards, the rest are deleted, and undo puts
 * everything back. All in the real (fake-indexeddb) database.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_NOTE_TYPES } from '$lib/domain/note-types';
import {
	carryUnsavedEdits,
	defaultFieldMapping,
	planNoteTypeChange
} from '$lib/domain/note-type-change';
import { Rating } from '$lib/domain/scheduler';
import type { EngramDB } from '$lib/storage/db';
import { changeNoteType, undoNoteTypeChange } from '$lib/storage/note-editing';
import { addNote } from '$lib/storage/notes';
import { answerShown, emptyDeckDb, NOW } from './helpers';

const LATER = new Date(NOW.getTime() + 60_000);

describe('the field mapping', () => {
	it('matches by name first, ignoring case, then by position', () => {
		expect(defaultFieldMapping(['Front', 'Back'], ['Front', 'Back', 'Add Reverse'])).toEqual({
			Front: 'Front',
			Back: 'Back',
			'Add Reverse': undefined
		});
		expect(defaultFieldMapping(['Front', 'Back'], ['Text', 'Extra'])).toEqual({
			Text: 'Front',
			Extra: 'Back'
		});
		expect(defaultFieldMapping(['Text', 'back'], ['Front', 'Back'])).toEqual({
			Front: 'Text',
			Back: 'back'
		});
	});

	it('plans which cards are kept, created and removed', () => {
		const values = { Front: 'Paris', Back: 'France' };
		const reversed = BUILTIN_NOTE_TYPES['basic-reversed'];
		const reversedPlan = planNoteTypeChange(
			reversed,
			values,
			defaultFieldMapping(['Front', 'Back'], reversed.fields),
			[0]
		);
		expect(reversedPlan).toMatchObject({ keep: [0], create: [1], remove: [] });
		const cloze = BUILTIN_NOTE_TYPES.cloze;
		const toCloze = planNoteTypeChange(cloze, values, { Text: 'Front', Extra: 'Back' }, [0, 1]);
		expect(toCloze).toMatchObject({
			fields: { Text: 'Paris', Extra: 'France' },
			keep: [0],
			create: [],
			remove: [1]
		});
		// The user may map nothing to a field, or swap them.
		const swapped = planNoteTypeChange(
			BUILTIN_NOTE_TYPES.basic,
			values,
			{ Front: 'Back', Back: undefined },
			[0]
		);
		expect(swapped.fields).toEqual({ Front: 'France', Back: '' });
	});
});

/** Basic to Basic (and reversed), fields by name. */
function toReversed(db: EngramDB, noteId: string) {
	return changeNoteType(db, noteId, 'basic-reversed', { Front: 'Front', Back: 'Back' }, LATER);
}

describe('unsaved edits across a type change', () => {
	const stored = { Front: 'capital of France', Back: 'Paris' };
	const changed = { Text: 'capital of France', 'Back Extra': 'Paris' };
	const mapping = { Text: 'Front', 'Back Extra': 'Back' };

	it('keeps what was typed, under the field it now maps to', () => {
		const edited = { Front: 'The capital of {{c1::France}}', Back: 'Paris' };
		expect(carryUnsavedEdits(changed, edited, stored, mapping)).toEqual({
			Text: 'The capital of {{c1::France}}',
			'Back Extra': 'Paris'
		});
	});

	it('shows the stored result for fields not edited or not mapped', () => {
		expect(carryUnsavedEdits(changed, stored, stored, mapping)).toEqual(changed);
		const edited = { Front: 'capital of France', Back: 'Paris!' };
		expect(carryUnsavedEdits(changed, edited, stored, { Text: 'Front' })).toEqual(changed);
	});
});

describe('changeNoteType', () => {
	async function basicNote() {
		const { db, deckId } = await emptyDeckDb();
		const { note, addedCardIds } = await addNote(
			db,
			{ deckId, noteTypeId: 'basic', fields: { Front: 'Capital of France', Back: 'Paris' } },
			NOW
		);
		await answerShown(db, addedCardIds[0]!, Rating.Good, NOW);
		return { db, note, cardId: addedCardIds[0]! };
	}

	it('Basic to Basic (and reversed) keeps the studied card and adds the reverse', async () => {
		const { db, note, cardId } = await basicNote();
		const studied = (await db.cards.get(cardId))!;
		const change = await toReversed(db, note.id);
		const cards = await db.cards.where('noteId').equals(note.id).sortBy('ord');
		expect(cards.map((c) => c.ord)).toEqual([0, 1]);
		expect(cards[0]).toEqual(studied);
		expect(cards[1]).toMatchObject({ queue: 'new', reps: 0, deckId: studied.deckId });
		expect(change.addedCardIds).toEqual([cards[1]!.id]);
		const stored = (await db.notes.get(note.id))!;
		expect(stored.noteTypeId).toBe('basic-reversed');
		expect(stored.fieldMtimes).toEqual({ Front: LATER.getTime(), Back: LATER.getTime() });
		expect(await db.reviews.where('cardId').equals(cardId).count()).toBe(1);
	});

	it('then to Cloze removes the reverse card; undo brings back both cards and the old type', async () => {
		const { db, note, cardId } = await basicNote();
		await toReversed(db, note.id);
		const beforeCloze = await db.cards.where('noteId').equals(note.id).sortBy('ord');
		const change = await changeNoteType(
			db,
			note.id,
			'cloze',
			{ Text: 'Front', Extra: 'Back' },
			LATER
		);
		expect(change.removedCardIds).toEqual([beforeCloze[1]!.id]);
		expect((await db.cards.where('noteId').equals(note.id).toArray()).map((c) => c.id)).toEqual([
			cardId
		]);
		expect((await db.notes.get(note.id))?.fields).toEqual({
			Text: 'Capital of France',
			Extra: 'Paris'
		});
		expect((await db.cards.get(cardId))?.reps).toBe(1);

		await undoNoteTypeChange(db, change, new Date(LATER.getTime() + 1000));
		const restored = await db.cards.where('noteId').equals(note.id).sortBy('ord');
		expect(restored.map((c) => ({ ...c, mtime: 0 }))).toEqual(
			beforeCloze.map((c) => ({ ...c, mtime: 0 }))
		);
		const stored = (await db.notes.get(note.id))!;
		expect(stored.noteTypeId).toBe('basic-reversed');
		expect(stored.fields).toEqual({ Front: 'Capital of France', Back: 'Paris' });
	});

	it('undo of an added card deletes it', async () => {
		const { db, note } = await basicNote();
		const change = await toReversed(db, note.id);
		await undoNoteTypeChange(db, change, LATER);
		expect(await db.cards.where('noteId').equals(note.id).count()).toBe(1);
		expect((await db.notes.get(note.id))?.noteTypeId).toBe('basic');
	});

	it('changes nothing for an unknown note type', async () => {
		const { db, note } = await basicNote();
		await expect(changeNoteType(db, note.id, 'nope', {}, LATER)).rejects.toThrow(
			'There is no note type “nope”.'
		);
		expect((await db.notes.get(note.id))?.noteTypeId).toBe('basic');
		expect(await db.cards.where('noteId').equals(note.id).count()).toBe(1);
	});
});
