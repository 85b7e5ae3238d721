// The streamed Engram deck file (storage/export-deck-json.ts) reads the deck in pages of notes
// and writes it piece by piece: it must be exactly the file the in-memory writer makes of the
// same records, whatever the page size, including notes kept outside the exported decks.
import { describe, expect, it } from 'vitest';
import { buildDeckJson } from '$lib/domain/export/engram-json';
import { exportDeck, readExportData } from '$lib/storage/export';
import { exportDeckJsonBlob } from '$lib/storage/export-deck-json';
import { addNote } from '$lib/storage/notes';
import type { EngramDB } from '$lib/storage/db';
import { AFTER, studiedCollection } from './export-helpers';
import { countReads } from '../read-counter';
import { loadSql } from '../import/import-helpers';
import { NOW } from '../helpers';

async function inMemory(db: EngramDB, deckId: string): Promise<string> {
	return (await buildDeckJson(await readExportData(db, deckId))).text;
}

async function streamed(db: EngramDB, deckId: string, pageSize?: number): Promise<string> {
	return (await exportDeckJsonBlob(db, deckId, pageSize)).blob.text();
}

/** A note kept in a deck outside the export, one of whose cards was moved into the export. */
async function addNoteKeptElsewhere(db: EngramDB, deckId: string): Promise<string> {
	const time = NOW.getTime();
	await db.decks.add({
		id: 'elsewhere',
		name: 'Elsewhere',
		description: '',
		presetId: 'default',
		createdAt: time,
		mtime: time
	});
	const note = await addNote(
		db,
		{
			deckId: 'elsewhere',
			noteTypeId: 'basic-reversed',
			fields: { Front: 'Kept elsewhere', Back: 'but one card is here' },
			tags: []
		},
		NOW
	);
	await db.cards.update(note.addedCardIds[1]!, { deckId });
	return note.note.id;
}

describe('streamed deck file', () => {
	it('is the in-memory file exactly, and exactly JSON.stringify of the whole file', async () => {
		const { db, deckId } = await studiedCollection();
		const text = await streamed(db, deckId);
		expect(text).toBe(await inMemory(db, deckId));
		expect(text).toBe(JSON.stringify(JSON.parse(text), null, '\t'));
		const file = JSON.parse(text) as { notes: unknown[]; media?: unknown[] };
		expect(file.notes.length).toBe(await db.notes.count());
		expect(file.media).toHaveLength(1);
	});

	it('gives the same file for any page size, with notes kept outside the decks', async () => {
		const { db, deckId } = await studiedCollection();
		const elsewhere = await addNoteKeptElsewhere(db, deckId);
		const expected = await inMemory(db, deckId);
		expect(expected).toContain(elsewhere);
		for (const pageSize of [1, 2, 7, 500]) {
			expect(await streamed(db, deckId, pageSize)).toBe(expected);
		}
	});

	it('reads the notes only page by page: a list of their ids only when notes are kept elsewhere', async () => {
		const { db, deckId } = await studiedCollection();
		const reads = countReads(db);
		await db.close();
		await db.open();
		const notes = await db.notes.count();
		const notesRead = () => (reads.records.notes ?? 0) + (reads.keysByTable.notes ?? 0);
		reads.reset();
		await streamed(db, deckId, 2);
		// No list of ids, no bulkGet: the notes come from the paged cursor on the deck index.
		expect(notesRead()).toBe(0);
		await addNoteKeptElsewhere(db, deckId);
		reads.reset();
		await streamed(db, deckId, 2);
		// The fallback: the own notes' ids (keys), and the one note kept elsewhere twice.
		expect(notesRead()).toBe(notes + 2);
	});

	it('is what exportDeck gives for the json format', async () => {
		const { db, deckId } = await studiedCollection();
		const file = await exportDeck(db, deckId, 'json', AFTER, loadSql);
		expect(new TextDecoder().decode(file.bytes)).toBe(await inMemory(db, deckId));
		expect(file.fileName).toBe('History - October 1917.json');
	});

	it('says so when the deck is gone, and writes nothing', async () => {
		const { db } = await studiedCollection();
		await expect(exportDeckJsonBlob(db, 'no-such-deck')).rejects.toThrow(
			'This deck does not exist any more.'
		);
	});
});
