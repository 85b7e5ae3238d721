/**
 * The study menu's note actions through the session, on a fixed clock and real (fake-indexeddb)
 * storage: "Delete note" removes the note and every card of it with tombstones, moves on and
 * lowers the counts, and Undo puts note and cards back as they were (reviews never leave);
 * "Mark note" toggles the `marked` tag (whatever its case), shows it on the card, and undoes.
 */
import { describe, expect, it, vi } from 'vitest';
import { dueDaysNotice, parseDueDays } from '$lib/domain/due-days';
import { MARKED_TAG, hasTag, parseTags, toggledTag, withTags } from '$lib/domain/note-tags';
import { studyDay } from '$lib/domain/study-day';
import { Rating } from '$lib/domain/scheduler';
import { StudySession } from '$lib/state/study-session.svelte';
import { answerCard } from '$lib/storage/answers';
import type { EngramDB } from '$lib/storage/db';
import { toggleMarked } from '$lib/storage/note-marks';
import { seededDb, NOW, answerInput } from './helpers';

const MINUTE = 60_000;

async function setup() {
	const { db, deckId } = await seededDb();
	let time = NOW.getTime();
	const clock = () => new Date(time);
	const tick = (ms: number) => (time += ms);
	const session = new StudySession(db, deckId, clock, undefined, () => undefined);
	await session.load();
	return { db, session, tick };
}

/** The note, its cards and their reviews and tombstones, mtimes left out (an undo bumps them). */
async function noteState(db: EngramDB, noteId: string) {
	const strip = <T extends { mtime: number }>({ mtime: _m, ...rest }: T) => rest;
	const cards = await db.cards.where('noteId').equals(noteId).sortBy('id');
	const cardIds = cards.map((card) => card.id);
	const note = await db.notes.get(noteId);
	return {
		note: note && strip(note),
		cards: cards.map(strip),
		reviews: await db.reviews.where('cardId').anyOf(cardIds).sortBy('id'),
		tombstones: (
			await db.tombstones.bulkGet([
				['notes', noteId],
				...cardIds.map((id): [string, string] => ['cards', id])
			])
		).filter(Boolean).length
	};
}

describe('note tags', () => {
	it('marks, unmarks whatever the case, and keeps the other tags in order', () => {
		expect(toggledTag(['b', 'a'], MARKED_TAG)).toEqual(['b', 'a', 'marked']);
		expect(toggledTag(['b', 'Marked', 'a'], MARKED_TAG)).toEqual(['b', 'a']);
		expect(hasTag(['MARKED'], MARKED_TAG)).toBe(true);
		expect(hasTag(['marked-later'], MARKED_TAG)).toBe(false);
	});

	it('reads typed tags split by spaces, each once whatever its case', () => {
		expect(parseTags('  verbs  Russian\tverbs RUSSIAN ')).toEqual(['verbs', 'Russian']);
		expect(parseTags('   ')).toEqual([]);
		expect(withTags(['History', 'b'], ['history', 'c'])).toEqual(['History', 'b', 'c']);
	});
});

describe('study menu note actions', () => {
	it('delete note: note and cards gone with tombstones, next card, counts; Undo restores them', async () => {
		const { db, session, tick } = await setup();
		const shown = session.view!.card;
		// Some history for the note: one answer, then the card shown again as stored.
		await answerCard(
			db,
			answerInput(shown, { now: new Date(NOW.getTime() - MINUTE), duration: 4000 })
		);
		await session.refresh();
		const before = await noteState(db, shown.noteId);
		expect(before.reviews).toHaveLength(1);
		// The answered card is learning, its sibling buried by the answer.
		expect(before.cards.map((card) => card.queue).sort()).toEqual(['buried', 'learning']);
		expect(session.remaining!.learning).toBe(1);

		tick(MINUTE);
		await session.act('delete-note');
		expect(session.error).toBeUndefined();
		expect(session.notice).toBe(
			`Note deleted (${before.cards.length} card${before.cards.length === 1 ? '' : 's'}).`
		);
		expect(session.view?.card.noteId).not.toBe(shown.noteId);
		const deleted = await noteState(db, shown.noteId);
		await vi.waitFor(() => expect(session.remaining!.learning).toBe(0));
		expect(deleted.note).toBeUndefined();
		expect(deleted.cards).toEqual([]);
		expect(await db.tombstones.get(['notes', shown.noteId])).toBeDefined();
		expect(await db.tombstones.get(['cards', shown.id])).toBeDefined();
		// Reviews are history: the deletion keeps them, as Anki keeps its review log.
		expect(await db.reviews.where('cardId').equals(shown.id).count()).toBe(1);

		tick(MINUTE);
		await session.undo();
		expect(session.notice).toBe('Undone.');
		expect(await noteState(db, shown.noteId)).toEqual(before);
		expect(before.tombstones).toBe(0);
		expect(session.view?.card.id).toBe(shown.id);
		await vi.waitFor(() => expect(session.remaining!.learning).toBe(1));
	});

	it('mark note: the tag goes on and shows on the card, Undo takes it off (answer still shown), marking again too', async () => {
		const { db, session, tick } = await setup();
		const shown = session.view!.card;
		const tags = (await db.notes.get(shown.noteId))!.tags;
		expect(session.view!.marked).toBe(false);
		session.reveal();

		tick(MINUTE);
		await session.act('mark');
		expect(session.notice).toBe('Note marked.');
		expect(session.view?.card.id).toBe(shown.id);
		expect(session.view!.marked).toBe(true);
		expect(session.revealed).toBe(true);
		expect((await db.notes.get(shown.noteId))!.tags).toEqual([...tags, 'marked']);

		await session.undo();
		expect(session.view!.marked).toBe(false);
		expect((await db.notes.get(shown.noteId))!.tags).toEqual(tags);
		// The card never left the screen: it comes back as it was, answer shown.
		expect(session.view?.card.id).toBe(shown.id);
		expect(session.revealed).toBe(true);

		await session.act('mark');
		await session.act('mark');
		expect(session.notice).toBe('Note unmarked.');
		expect(session.view!.marked).toBe(false);
		expect((await db.notes.get(shown.noteId))!.tags).toEqual(tags);
	});

	it('edit tags: the note gets exactly the tags, fields and their mtimes untouched; Undo puts them back', async () => {
		const { db, session, tick } = await setup();
		const shown = session.view!.card;
		const before = (await db.notes.get(shown.noteId))!;
		session.reveal();

		tick(MINUTE);
		const tags = [...before.tags.slice(1), 'verbs', 'to-check'];
		await session.act({ tags });
		expect(session.notice).toBe('Tags saved.');
		const after = (await db.notes.get(shown.noteId))!;
		expect(after.tags).toEqual(tags);
		expect(after.fields).toEqual(before.fields);
		expect(after.fieldMtimes).toEqual(before.fieldMtimes);
		expect(after.mtime).toBe(NOW.getTime() + MINUTE);
		// The card stays on screen, answer shown, its tags as stored.
		expect(session.view?.card.id).toBe(shown.id);
		expect(session.revealed).toBe(true);
		expect(session.view?.tags).toEqual(tags);

		tick(MINUTE);
		await session.undo();
		const undone = (await db.notes.get(shown.noteId))!;
		expect(undone.tags).toEqual(before.tags);
		expect(undone.mtime).toBeGreaterThan(after.mtime);
		expect(session.view?.tags).toEqual(before.tags);
		expect(session.revealed).toBe(true);
	});

	it('toggleMarked bumps the note mtime and says undefined for a deleted note', async () => {
		const { db } = await seededDb();
		const note = (await db.notes.toCollection().first())!;
		expect(await toggleMarked(db, note.id, NOW)).toBe(true);
		const marked = (await db.notes.get(note.id))!;
		expect(marked.mtime).toBeGreaterThan(note.mtime);
		expect(marked.fields).toEqual(note.fields);
		expect(await toggleMarked(db, 'no-such-note', NOW)).toBeUndefined();
	});

	it('bury note and suspend note take every card of the note out; Undo puts each back', async () => {
		const { db, session } = await setup();
		const shown = session.view!.card;
		const before = await noteState(db, shown.noteId);
		expect(before.cards.length).toBe(2);
		for (const [action, queue, notice] of [
			['bury-note', 'buried', 'Note buried until tomorrow.'],
			['suspend-note', 'suspended', 'Note suspended.']
		] as const) {
			await session.act(action);
			expect(session.notice).toBe(notice);
			expect(session.view?.card.noteId).not.toBe(shown.noteId);
			const cards = await db.cards.where('noteId').equals(shown.noteId).toArray();
			expect(cards.map((card) => card.queue)).toEqual([queue, queue]);
			await session.undo();
			expect(await noteState(db, shown.noteId)).toEqual(before);
			expect(session.view?.card.id).toBe(shown.id);
		}
	});

	it('set due date makes the card due that many study days on, with a Manual review; Undo removes both', async () => {
		const { db, session } = await setup();
		const shown = session.view!.card;
		const before = await noteState(db, shown.noteId);
		await session.act({ dueIn: 3 });
		expect(session.notice).toBe('Card due in 3 days.');
		const card = (await db.cards.get(shown.id))!;
		const today = studyDay(NOW, 4).start;
		expect(card.due).toEqual(
			new Date(today.getFullYear(), today.getMonth(), today.getDate() + 3, 4)
		);
		expect(card.queue).toBe('review');
		const reviews = await db.reviews.where('cardId').equals(shown.id).toArray();
		expect(reviews.map((review) => review.rating)).toEqual([Rating.Manual]);
		expect(session.view?.card.id).not.toBe(shown.id);

		await session.undo();
		expect(await noteState(db, shown.noteId)).toEqual(before);
		expect(session.view?.card.id).toBe(shown.id);
	});
});

describe('due days', () => {
	it('reads a number of days or a range, and refuses anything else', () => {
		expect(['0', ' 3 ', '1-7', '2 - 2', '36500'].map(parseDueDays)).toEqual([
			0,
			3,
			[1, 7],
			2,
			36500
		]);
		for (const bad of ['', 'x', '-1', '3.5', '7-1', '1-', '36501', '1-2-3']) {
			expect(parseDueDays(bad)).toBeUndefined();
		}
		expect([0, 1, 3, [1, 7] as const].map(dueDaysNotice)).toEqual([
			'Card due today.',
			'Card due in 1 day.',
			'Card due in 3 days.',
			'Card due in 1–7 days.'
		]);
	});
});
