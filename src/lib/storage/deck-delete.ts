/**
 * Deleting a deck, as Anki does: the deck, its subdecks and their cards go, and so does every
 * note left with no card (a note whose other cards live in a surviving deck stays, and moves
 * its home to one of those decks so cards it makes later land somewhere visible).
 *
 * Reviews are kept, as Anki keeps its revlog. They are immutable events: deleting them would
 * need review tombstones, which a merge or sync always honours (a deleted review never comes
 * back), so re-importing or undoing the deck could then never bring its history back. Kept,
 * they only count in the past days' statistics, which is what happened.
 *
 * Everything is written in one transaction with tombstones (so a merge or sync does not bring
 * the deck back) and with a `deckUndo` row holding the records as they were, so the deletion
 * can be undone exactly, even after a reload. Only the last deletion is kept for undo.
 */
import { counted } from '$lib/domain/counted';
import { newId } from '$lib/domain/ids';
import type { FilteredDeckRecord, PreviewRecord } from '$lib/domain/custom-study/filtered';
import type { CardRecord, DeckRecord, NoteRecord } from '$lib/domain/model';
import type { EngramDB } from './db';
import { deckWithSubdecks } from './decks';
import { deleteWithTombstones, forgetTombstones } from './tombstones';
import type { DeckDeletion } from './deck-undo-notice';
import { cardsInDecks } from './deck-rows';

// Today reads these from the small module, so the first screen does not load this one.
export { forgetDeckDeletion, lastDeckDeletion, type DeckDeletion } from './deck-undo-notice';

/** A note that kept cards in a surviving deck: its home deck before the deletion moved it. */
interface Rehomed {
	id: string;
	deckId: string;
}

/** The `deckUndo` table's row: everything one deck deletion removed or changed. Device-local. */
export interface DeckUndoRecord {
	id: string;
	/** When the deck was deleted (the tombstones' deletedAt). */
	at: number;
	message: string;
	decks: DeckRecord[];
	notes: NoteRecord[];
	cards: CardRecord[];
	rehomed: Rehomed[];
	/** A custom study session deleted (custom-study.ts), with its previews; absent in older rows. */
	filtered?: FilteredDeckRecord[];
	/** The session's previews, or those of the deleted cards (absent in older rows). */
	previews?: PreviewRecord[];
}

/**
 * What deleting the deck would remove, for the confirmation: worked out by the same plan as the
 * deletion, so its counts are the final message's (notes homed here that keep cards elsewhere
 * stay, `moved`; notes homed elsewhere whose every card is here go).
 */
export interface DeckDeletionSize {
	name: string;
	subdecks: number;
	notes: number;
	cards: number;
	/** Notes homed in the decks that keep cards in other decks: they stay, moved there. */
	moved: number;
}

const idsOf = (records: readonly { id: string }[]) => records.map((record) => record.id);

/** An mtime after both the record's and `time`: a sync sees the change as the newer one. */
const later = (mtime: number, time: number) => Math.max(time, mtime + 1);

/** Everything a deletion of the deck takes or changes; undefined when the deck is gone. */
async function deletionPlan(db: EngramDB, deckId: string) {
	const decks = await deckWithSubdecks(db, deckId);
	if (decks.length === 0) {
		return undefined;
	}
	const deckIds = new Set(decks.map((deck) => deck.id));
	const cards = await cardsInDecks(db, [...deckIds]).toArray();
	return { decks, deckIds, cards, ...(await splitNotes(db, deckIds, cards)) };
}

export async function deckDeletionSize(
	db: EngramDB,
	deckId: string
): Promise<DeckDeletionSize | undefined> {
	return db.transaction('r', [db.decks, db.notes, db.cards], async () => {
		const plan = await deletionPlan(db, deckId);
		return (
			plan && {
				name: plan.decks[0]!.name,
				subdecks: plan.decks.length - 1,
				notes: plan.deleted.length,
				cards: plan.cards.length,
				moved: plan.moved.length
			}
		);
	});
}

function describe(name: string, subdecks: number, notes: number, cards: number): string {
	const with_ = subdecks > 0 ? ` and its ${counted(subdecks, 'subdeck')}` : '';
	return `Deleted “${name}”${with_}: ${counted(notes, 'note')}, ${counted(cards, 'card')}.`;
}

/**
 * The notes left with no card (deleted), and those homed in a deleted deck that keep cards
 * elsewhere (moved, with the deck of one of those cards as their new home).
 */
async function splitNotes(
	db: EngramDB,
	deckIds: ReadonlySet<string>,
	cards: readonly CardRecord[]
): Promise<{ deleted: NoteRecord[]; moved: { note: NoteRecord; to: string }[] }> {
	const homed = await db.notes
		.where('deckId')
		.anyOf([...deckIds])
		.primaryKeys();
	const noteIds = [...new Set([...homed, ...cards.map((card) => card.noteId)])];
	const notes = (await db.notes.bulkGet(noteIds)).filter((note) => note !== undefined);
	const elsewhere = new Map<string, string>();
	await db.cards
		.where('noteId')
		.anyOf(noteIds)
		.each((card) => {
			if (!deckIds.has(card.deckId) && !elsewhere.has(card.noteId)) {
				elsewhere.set(card.noteId, card.deckId);
			}
		});
	return {
		deleted: notes.filter((note) => !elsewhere.has(note.id)),
		moved: notes.flatMap((note) => {
			const to = elsewhere.get(note.id);
			return to !== undefined && deckIds.has(note.deckId) ? [{ note, to }] : [];
		})
	};
}

/** Deletes the deck and its subdecks with their cards and card-less notes; undone by undoId. */
export async function deleteDeck(db: EngramDB, deckId: string, now: Date): Promise<DeckDeletion> {
	const tables = [db.decks, db.notes, db.cards, db.tombstones, db.deckUndo, db.previews];
	return db.transaction('rw', tables, async () => {
		const plan = await deletionPlan(db, deckId);
		if (!plan) {
			throw new Error('That deck does not exist any more.');
		}
		const { decks, deckIds, cards, deleted, moved } = plan;
		const message = describe(decks[0]!.name, decks.length - 1, deleted.length, cards.length);
		// The deleted cards' previews go too (no session can show those cards any more); the
		// undo puts them back. Never tombstoned, as a session deletion's are not.
		const previews = await db.previews.where('cardId').anyOf(idsOf(cards)).toArray();
		const undo: DeckUndoRecord = {
			id: newId(),
			at: now.getTime(),
			message,
			decks,
			notes: deleted,
			cards,
			rehomed: moved.map(({ note }) => ({ id: note.id, deckId: note.deckId })),
			...(previews.length > 0 && { previews })
		};
		await db.deckUndo.clear();
		await db.deckUndo.add(undo);
		const time = now.getTime();
		await db.notes.bulkPut(
			moved.map(({ note, to }) => ({ ...note, deckId: to, mtime: later(note.mtime, time) }))
		);
		await deleteWithTombstones(db, 'cards', idsOf(cards), now);
		await deleteWithTombstones(db, 'notes', idsOf(deleted), now);
		await deleteWithTombstones(db, 'decks', [...deckIds], now);
		await db.previews.bulkDelete(idsOf(previews));
		return { undoId: undo.id, message };
	});
}

/**
 * Puts the deleted decks, notes and cards (or custom study session) back as they were, moves
 * rehomed notes home again and removes the deletion's tombstones, in one transaction. Restored
 * records get an mtime after the deletion, so a copy that saw the tombstone takes the undo as the
 * newer change. A record made again under the same id since (a re-import) is newer than the
 * deletion and is left as it is.
 */
export async function undoDeckDeletion(db: EngramDB, undoId: string, now: Date): Promise<void> {
	const tables = [db.decks, db.notes, db.cards, db.tombstones, db.deckUndo];
	const sessions = [db.filteredDecks, db.previews];
	await db.transaction('rw', [...tables, ...sessions], async () => {
		const undo = await db.deckUndo.get(undoId);
		if (!undo) {
			throw new Error('That deletion can no longer be undone.');
		}
		const time = Math.max(now.getTime(), undo.at + 1);
		await putBackMissing(db, 'decks', undo.decks, time);
		await putBackMissing(db, 'notes', undo.notes, time);
		await putBackMissing(db, 'cards', undo.cards, time);
		await moveHome(db, undo.rehomed, time);
		await putBackMissing(db, 'filteredDecks', undo.filtered ?? [], time);
		// Previews are never tombstoned: the session's, or the cards', come back with them.
		await db.previews.bulkPut(undo.previews ?? []);
		await db.deckUndo.delete(undoId);
	});
}

async function putBackMissing<T extends { id: string; mtime: number }>(
	db: EngramDB,
	table: 'decks' | 'notes' | 'cards' | 'filteredDecks',
	records: readonly T[],
	time: number
): Promise<void> {
	const store = db.table<T, string>(table);
	const present = await store.bulkGet(idsOf(records));
	const missing = records.filter((_, i) => present[i] === undefined);
	await store.bulkAdd(missing.map((record) => ({ ...record, mtime: later(record.mtime, time) })));
	await forgetTombstones(db, table, idsOf(missing));
}

async function moveHome(db: EngramDB, rehomed: readonly Rehomed[], time: number): Promise<void> {
	const notes = await db.notes.bulkGet(idsOf(rehomed));
	const back = rehomed.flatMap(({ deckId }, i) => {
		const note = notes[i];
		return note ? [{ ...note, deckId, mtime: later(note.mtime, time) }] : [];
	});
	await db.notes.bulkPut(back);
}
