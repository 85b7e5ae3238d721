/**
 * The Engram deck file of a deck and its subdecks, streamed: records are read in pages of notes
 * (each with its cards and their reviews) inside ONE read transaction, so the file is still a
 * consistent snapshot, and each page is written out as text into a Blob before the next is read.
 * The heap holds one page, never the deck: the text is the same as the in-memory writer's
 * (domain/export/engram-json.ts), exactly.
 */
import {
	DeckJsonWriter,
	deckFileHead,
	deckFileNote,
	type DeckPlacement
} from '$lib/domain/export/engram-json';
import { referencedMedia } from '$lib/domain/import/media-names';
import type { CardRecord, NoteRecord, NoteTypeRecord } from '$lib/domain/model';
import { BUILTIN_NOTE_TYPES, isBuiltinNoteType } from '$lib/domain/note-types';
import { groupBy } from '$lib/domain/group-by';
import { BlobSink } from './blob-sink';
import type { EngramDB, MediaRecord } from './db';
import { exportTables, mediaBytes, readDeckTree, readPresets } from './export-records';
import { cardsInDecks } from './deck-rows';

/**
 * Notes per page, with their cards and reviews: what the worker's heap holds besides its code.
 * 500 (a few hundred kilobytes of records and their text) put the 100k export's held heap at
 * 2.02 × the study screen's; more pages cost round trips, which are a small part of the time.
 */
export const NOTE_PAGE = 100;

/**
 * One page of a deck's own notes in id order, the first after `after`: a cursor on the notes'
 * deckId index (whose entries run by primary key within a deck) moved straight past `after`, so
 * no list of the deck's note ids is ever held. Runs on the export's own read transaction.
 */
function ownNotesPage(
	tx: IDBTransaction,
	deckId: string,
	after: string | undefined,
	limit: number
): Promise<NoteRecord[]> {
	return new Promise((resolve, reject) => {
		const request = tx.objectStore('notes').index('deckId').openCursor(IDBKeyRange.only(deckId));
		const page: NoteRecord[] = [];
		let jumped = false;
		request.onerror = () => reject(request.error ?? new Error('Reading the notes failed.'));
		request.onsuccess = () => {
			const cursor = request.result;
			if (!cursor) {
				resolve(page);
				return;
			}
			const id = cursor.primaryKey as string;
			if (after !== undefined && id <= after) {
				if (jumped || id === after) {
					cursor.continue();
				} else {
					jumped = true;
					cursor.continuePrimaryKey(deckId, after);
				}
				return;
			}
			page.push(cursor.value as NoteRecord);
			if (page.length < limit) {
				cursor.continue();
			} else {
				resolve(page);
			}
		};
	});
}

/** Calls `each` with the decks' own notes page by page: by deck (in key order), then by id. */
async function eachOwnPage(
	tx: IDBTransaction,
	deckIds: string[],
	pageSize: number,
	each: (notes: NoteRecord[]) => Promise<unknown>
): Promise<void> {
	for (const deckId of [...deckIds].sort()) {
		let page = await ownNotesPage(tx, deckId, undefined, pageSize);
		while (page.length > 0) {
			await each(page);
			page =
				page.length < pageSize ? [] : await ownNotesPage(tx, deckId, page.at(-1)!.id, pageSize);
		}
	}
}

/**
 * Notes kept in other decks whose cards are in the export, in card order (by deck, then card id).
 * Only looked for when the decks hold cards the own notes do not account for: then (rarely) the
 * own notes' ids are read, keys only.
 */
async function notesElsewhere(
	db: EngramDB,
	deckIds: string[],
	ownCardsInDecks: number
): Promise<string[]> {
	const inDecks = await cardsInDecks(db, deckIds).count();
	if (inDecks === ownCardsInDecks) {
		return [];
	}
	const ids = new Set(await db.notes.where('deckId').anyOf(deckIds).primaryKeys());
	const elsewhere: string[] = [];
	await cardsInDecks(db, deckIds).each((card) => {
		if (!ids.has(card.noteId)) {
			ids.add(card.noteId);
			elsewhere.push(card.noteId);
		}
	});
	return elsewhere;
}

/** The ids of the note types `notes` use, added to `used` in order of first use. */
function addTypes(used: Set<string>, notes: NoteRecord[]): void {
	notes.forEach((note) => used.add(note.noteTypeId));
}

/** The note types by id, stored or built in. */
async function noteTypesById(db: EngramDB, ids: Set<string>): Promise<NoteTypeRecord[]> {
	const stored = await db.noteTypes.bulkGet([...ids]);
	return [...ids]
		.map((id, i) => stored[i] ?? (isBuiltinNoteType(id) ? BUILTIN_NOTE_TYPES[id] : undefined))
		.filter((type) => type !== undefined);
}

/** In the order reading the cards by deck gives (deck id, then card id), as the export had. */
const byDeckThenId = (a: CardRecord, b: CardRecord) =>
	a.deckId === b.deckId ? (a.id < b.id ? -1 : 1) : a.deckId < b.deckId ? -1 : 1;

function addMediaNames(names: Set<string>, notes: NoteRecord[]): void {
	for (const note of notes) {
		for (const value of Object.values(note.fields)) {
			referencedMedia(value).forEach((name) => names.add(name));
		}
	}
}

/**
 * One page of notes, written: the notes, their cards in the export, those cards' reviews.
 * Returns how many cards in the export it wrote.
 */
async function writePage(
	db: EngramDB,
	notes: NoteRecord[],
	placement: DeckPlacement,
	writer: DeckJsonWriter,
	mediaNames: Set<string>
): Promise<number> {
	const ids = notes.map((note) => note.id);
	const cards = (await db.cards.where('noteId').anyOf(ids).toArray())
		.filter((card) => placement.deckNames.has(card.deckId))
		.sort(byDeckThenId);
	const reviews = await db.reviews
		.where('cardId')
		.anyOf(cards.map((c) => c.id))
		.toArray();
	const cardsByNote = groupBy(cards, (c) => c.noteId);
	const reviewsByCard = groupBy(reviews, (r) => r.cardId);
	for (const note of notes) {
		writer.note(deckFileNote(note, cardsByNote.get(note.id) ?? [], reviewsByCard, placement));
	}
	addMediaNames(mediaNames, notes);
	return cards.length;
}

/**
 * Writes the head and every note; returns the media records the notes and templates name. The
 * head lists the note types in order of first use, so a first pass reads the notes for their
 * types (one page at a time) and a second writes them: reading twice holds one page, where a
 * list of the notes' ids grew with the deck (80,000 ids at 100,000 cards, megabytes).
 */
function writeRecords(
	db: EngramDB,
	deckId: string,
	write: (text: string) => void,
	pageSize: number
) {
	return db.transaction('r', exportTables(db), async (tx) => {
		const decks = await readDeckTree(db, deckId);
		const root = decks[0]!;
		const deckIds = decks.map((d) => d.id);
		const typeIds = new Set<string>();
		let ownCards = 0;
		await eachOwnPage(tx.idbtrans, deckIds, pageSize, async (notes) => {
			addTypes(typeIds, notes);
			ownCards += await db.cards
				.where('noteId')
				.anyOf(notes.map((note) => note.id))
				.filter((card) => deckIds.includes(card.deckId))
				.count();
		});
		const elsewhereIds = await notesElsewhere(db, deckIds, ownCards);
		const elsewhere = async (each: (notes: NoteRecord[]) => Promise<unknown>) => {
			for (let start = 0; start < elsewhereIds.length; start += pageSize) {
				const ids = elsewhereIds.slice(start, start + pageSize);
				await each((await db.notes.bulkGet(ids)).filter((n) => n !== undefined));
			}
		};
		await elsewhere(async (notes) => addTypes(typeIds, notes));
		const noteTypes = await noteTypesById(db, typeIds);
		const placement: DeckPlacement = {
			rootId: root.id,
			deckNames: new Map(decks.map((d) => [d.id, d.name])),
			noteTypes: new Map(noteTypes.map((t) => [t.id, t]))
		};
		// Built-in types stay out of the file (every Engram has them), as in the in-memory export.
		const head = deckFileHead(
			decks,
			noteTypes.filter((t) => !isBuiltinNoteType(t.id)),
			await readPresets(db, decks)
		);
		const writer = new DeckJsonWriter(head, write);
		const names = new Set<string>();
		noteTypes.forEach((t) =>
			t.templates.forEach((tpl) =>
				referencedMedia(tpl.front + tpl.back).forEach((n) => names.add(n))
			)
		);
		const writeNotes = (notes: NoteRecord[]) => writePage(db, notes, placement, writer, names);
		await eachOwnPage(tx.idbtrans, deckIds, pageSize, writeNotes);
		await elsewhere(writeNotes);
		const media: MediaRecord[] = await db.media
			.where('name')
			.anyOf([...names])
			.toArray();
		return { writer, media };
	});
}

/** The deck file as a Blob, streamed (see the top of this file). */
export async function exportDeckJsonBlob(
	db: EngramDB,
	deckId: string,
	pageSize = NOTE_PAGE
): Promise<{ blob: Blob; warnings: string[] }> {
	const sink = new BlobSink('application/json');
	const encoder = new TextEncoder();
	const write = (text: string) => sink.add(encoder.encode(text));
	const { writer, media } = await writeRecords(db, deckId, write, pageSize);
	// Media bytes are read after the transaction: stored Blobs are read asynchronously.
	const warnings = await writer.end(await mediaBytes(media));
	return { blob: sink.finish(), warnings };
}
