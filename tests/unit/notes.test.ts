import { describe, expect, it } from 'vitest';
import { Rating, State } from '$lib/domain/scheduler';
import { addNote, deleteNotes, NoteError, updateNote, type NoteInput } from '$lib/storage/notes';
import { emptyDeckDb, NOW, answerShown } from './helpers';

const LATER = new Date(NOW.getTime() + 3_600_000);

async function cardsOf(db: Awaited<ReturnType<typeof emptyDeckDb>>['db'], noteId: string) {
	return (await db.cards.where('noteId').equals(noteId).toArray()).sort((a, b) => a.ord - b.ord);
}

describe('adding notes', () => {
	it('makes one card for basic and two for basic-reversed, after the cards already waiting', async () => {
		const { db, deckId } = await emptyDeckDb();
		const basic = await addNote(
			db,
			{ deckId, noteTypeId: 'basic', fields: { Front: 'Q', Back: 'A' }, tags: ['a b', 'a'] },
			NOW
		);
		expect(basic.addedCardIds).toHaveLength(1);
		expect(basic.note.tags).toEqual(['a', 'b']);
		const reversed = await addNote(
			db,
			{ deckId, noteTypeId: 'basic-reversed', fields: { Front: 'Q2', Back: 'A2' } },
			NOW
		);
		const cards = await cardsOf(db, reversed.note.id);
		expect(cards.map((c) => [c.ord, c.queue, c.state, c.position])).toEqual([
			[0, 'new', State.New, 1],
			[1, 'new', State.New, 2]
		]);
		expect((await db.notes.get(reversed.note.id))?.fieldMtimes).toEqual({
			Front: NOW.getTime(),
			Back: NOW.getTime()
		});
	});

	it('makes one card per distinct cloze number, nested and with hints', async () => {
		const { db, deckId } = await emptyDeckDb();
		const { addedCardIds } = await addNote(
			db,
			{
				deckId,
				noteTypeId: 'cloze',
				fields: { Text: '{{c1::Lenin {{c3::returned}}}} in {{c2::April::month}}; {{c1::again}}' }
			},
			NOW
		);
		expect(addedCardIds.sort()).toHaveLength(3);
		expect((await db.cards.bulkGet(addedCardIds)).map((c) => c?.ord).sort()).toEqual([0, 1, 2]);
	});

	it('refuses a note that would make no card, or a field the type lacks, and writes nothing', async () => {
		const { db, deckId } = await emptyDeckDb();
		const bad: NoteInput[] = [
			{ deckId, noteTypeId: 'basic', fields: { Front: '', Back: 'A' } },
			{ deckId, noteTypeId: 'cloze', fields: { Text: 'no deletion here' } },
			{ deckId, noteTypeId: 'basic', fields: { Front: 'Q', Colour: 'red' } },
			{ deckId, noteTypeId: 'nope', fields: { Front: 'Q' } },
			{ deckId: 'missing', noteTypeId: 'basic', fields: { Front: 'Q' } }
		];
		for (const input of bad) {
			await expect(addNote(db, input, NOW)).rejects.toBeInstanceOf(NoteError);
		}
		expect(await db.notes.count()).toBe(0);
		expect(await db.cards.count()).toBe(0);
	});
});

describe('editing notes', () => {
	it('keeps the schedule of surviving cards, adds a card for a new cloze number and removes only the dropped one', async () => {
		const { db, deckId } = await emptyDeckDb();
		const { note } = await addNote(
			db,
			{ deckId, noteTypeId: 'cloze', fields: { Text: '{{c1::one}} {{c2::two}}', Extra: 'x' } },
			NOW
		);
		const [c1] = await cardsOf(db, note.id);
		await answerShown(db, c1!.id, Rating.Good, NOW);
		const answered = (await db.cards.get(c1!.id))!;

		const result = await updateNote(
			db,
			note.id,
			{ fields: { Text: '{{c1::uno}} {{c3::three}}', Extra: 'x' } },
			LATER
		);
		expect(result.removedCardIds).toEqual([`${note.id}#1`]);
		expect(result.addedCardIds).toEqual([`${note.id}#2`]);
		const cards = await cardsOf(db, note.id);
		expect(cards.map((c) => c.ord)).toEqual([0, 2]);
		expect(cards[0]).toEqual(answered);
		expect(cards[1]!.state).toBe(State.New);
		const stored = (await db.notes.get(note.id))!;
		expect(stored.fields.Text).toBe('{{c1::uno}} {{c3::three}}');
		expect(stored.fieldMtimes).toEqual({ Text: LATER.getTime(), Extra: NOW.getTime() });
		expect(await db.reviews.count()).toBe(1);
	});

	it('adds the reverse card when "Add Reverse" is filled in, keeping the forward card', async () => {
		const { db, deckId } = await emptyDeckDb();
		const { note } = await addNote(
			db,
			{ deckId, noteTypeId: 'basic-optional-reversed', fields: { Front: 'Q', Back: 'A' } },
			NOW
		);
		const before = await cardsOf(db, note.id);
		expect(before.map((c) => c.ord)).toEqual([0]);
		await updateNote(db, note.id, { fields: { 'Add Reverse': 'y' }, tags: ['t'] }, LATER);
		const after = await cardsOf(db, note.id);
		expect(after.map((c) => c.ord)).toEqual([0, 1]);
		expect(after[0]).toEqual(before[0]);
		expect((await db.notes.get(note.id))?.tags).toEqual(['t']);
	});

	it('refuses an edit that would leave no card and changes nothing', async () => {
		const { db, deckId } = await emptyDeckDb();
		const { note } = await addNote(
			db,
			{ deckId, noteTypeId: 'cloze', fields: { Text: '{{c1::one}}' } },
			NOW
		);
		const before = await db.notes.get(note.id);
		await expect(
			updateNote(db, note.id, { fields: { Text: 'plain' } }, LATER)
		).rejects.toBeInstanceOf(NoteError);
		expect(await db.notes.get(note.id)).toEqual(before);
		expect(await db.cards.count()).toBe(1);
	});
});

describe('deleting notes', () => {
	it('removes the notes and their cards but keeps review history', async () => {
		const { db, deckId } = await emptyDeckDb();
		const a = await addNote(
			db,
			{ deckId, noteTypeId: 'basic-reversed', fields: { Front: 'Q', Back: 'A' } },
			NOW
		);
		const b = await addNote(db, { deckId, noteTypeId: 'basic', fields: { Front: 'Q2' } }, NOW);
		const card = (await db.cards.get(a.addedCardIds[0]!))!;
		await answerShown(db, card.id, Rating.Easy, NOW);
		expect(await deleteNotes(db, [a.note.id], NOW)).toBe(2);
		expect(await db.notes.toCollection().primaryKeys()).toEqual([b.note.id]);
		expect(await db.cards.toCollection().primaryKeys()).toEqual(b.addedCardIds);
		expect(await db.reviews.count()).toBe(1);
	});
});
