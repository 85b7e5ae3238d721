// Importing our own export back into the collection it came from (or a fresh copy of it twice)
// must change nothing: every note, card and review is recognised by the GUID the exporter wrote
// (engram:<id>), by (note, ordinal) and by answer time, in each of the three formats.
import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import type { ExportFormat } from '$lib/domain/export/export-deck';
import { parseDeckJson } from '$lib/domain/deck-file';
import { commitImport } from '$lib/storage/import-commit';
import { exportDeck } from '$lib/storage/export';
import type { EngramDB } from '$lib/storage/db';
import { seedDeck } from '$lib/storage/seed';
import { study } from '../backup/rich-collection';
import { bundledDeck, freshDb, NOW } from '../helpers';
import { loadSql, parse, snapshot } from '../import/import-helpers';
import { renameDeck } from '$lib/storage/deck-rename';
import { addNote } from '$lib/storage/notes';
import { AFTER, ROOT, roundTrip, studiedCollection } from './export-helpers';

const LATER = new Date(AFTER.getTime() + 3_600_000);

async function importInto(db: EngramDB, file: { fileName: string; bytes: Uint8Array }) {
	const bundle = await parse(file.fileName, file.bytes, { now: LATER });
	return commitImport(db, bundle, LATER);
}

async function counts(db: EngramDB) {
	return {
		notes: await db.notes.count(),
		cards: await db.cards.count(),
		reviews: await db.reviews.count(),
		noteTypes: await db.noteTypes.count(),
		decks: await db.decks.count()
	};
}

/** The file with the first note whose Back/Front is `from` changed to `to`, in its own format. */
async function editFile(
	format: ExportFormat,
	bytes: Uint8Array,
	from: string,
	to: string
): Promise<Uint8Array> {
	if (format !== 'apkg') {
		const text = new TextDecoder().decode(bytes);
		expect(text).toContain(from);
		return new TextEncoder().encode(text.replace(from, to));
	}
	const files: Record<string, Uint8Array> = unzipSync(bytes);
	const sql = await loadSql();
	const db = new sql.Database(files['collection.anki2']);
	const [row] = db.exec('SELECT id, flds FROM notes');
	const note = row!.values.find((v) => String(v[1]).includes(from))!;
	db.run('UPDATE notes SET flds = ? WHERE id = ?', [String(note[1]).replace(from, to), note[0]!]);
	files['collection.anki2'] = db.export();
	db.close();
	return zipSync(files);
}

describe.each<ExportFormat>(['apkg', 'csv', 'json'])('re-importing our own %s export', (format) => {
	it('into the collection it came from: 0 added, all unchanged, no review duplicated or lost', async () => {
		const { db, deckId } = await studiedCollection();
		const file = await exportDeck(db, deckId, format, AFTER, loadSql);
		const before = await snapshot(db);
		const summary = await importInto(db, file);
		const exported = file.fileName.endsWith('.json')
			? parseDeckJson(new TextDecoder().decode(file.bytes)).notes.length
			: before.notes!.length;
		expect(summary).toMatchObject({
			added: 0,
			updated: 0,
			unchanged: exported,
			cardsAdded: 0,
			reviewsAdded: 0
		});
		expect(await snapshot(db)).toEqual(before);
	}, 30_000);

	it('a field changed in the file comes back as one updated note, history kept', async () => {
		const { db, deckId } = await studiedCollection();
		const file = await exportDeck(db, deckId, format, AFTER, loadSql);
		const edited = await editFile(format, file.bytes, 'The Smolny Institute', 'Smolny, Petrograd');
		const before = await counts(db);
		const summary = await importInto(db, { ...file, bytes: edited });
		expect(summary).toMatchObject({ added: 0, updated: 1, cardsAdded: 0, reviewsAdded: 0 });
		expect(await counts(db)).toEqual(before);
		const changed = (await db.notes.toArray()).filter((n) => n.fields.Back === 'Smolny, Petrograd');
		expect(changed).toHaveLength(1);
		expect(changed[0]!.noteTypeId).toBe('basic');
		expect(changed[0]!.fieldMtimes.Back).toBe(LATER.getTime());
	}, 30_000);

	it('into a fresh collection and then again: the second import changes nothing', async () => {
		const { db, deckId } = await studiedCollection();
		const { file, target, summary } = await roundTrip(db, deckId, format);
		expect(summary.added).toBeGreaterThan(0);
		const first = await snapshot(target);
		const again = await importInto(target, file);
		expect(again).toMatchObject({ added: 0, updated: 0, cardsAdded: 0, reviewsAdded: 0 });
		expect(again.unchanged).toBe(summary.added);
		expect(await snapshot(target)).toEqual(first);
	}, 30_000);
});

/** The file as Engram wrote it before `engram:<id>` GUIDs: each GUID the bare note id. */
async function asOldExport(format: 'apkg' | 'csv', bytes: Uint8Array): Promise<Uint8Array> {
	if (format === 'csv') {
		const text = new TextDecoder().decode(bytes);
		expect(text).toContain('engram:');
		return new TextEncoder().encode(text.replaceAll('engram:', ''));
	}
	const files: Record<string, Uint8Array> = unzipSync(bytes);
	const sql = await loadSql();
	const db = new sql.Database(files['collection.anki2']);
	db.run("UPDATE notes SET guid = substr(guid, 8) WHERE guid LIKE 'engram:%'");
	expect(db.exec("SELECT count(*) FROM notes WHERE guid LIKE 'engram:%'")[0]!.values).toEqual([
		[0]
	]);
	files['collection.anki2'] = db.export();
	db.close();
	return zipSync(files);
}

/** The deck's export as an old Engram wrote it (bare ids as GUIDs), in `format`. */
async function oldExport(db: EngramDB, deckId: string, format: 'apkg' | 'csv') {
	const file = await exportDeck(db, deckId, format, AFTER, loadSql);
	return { ...file, bytes: await asOldExport(format, file.bytes) };
}

/** Re-importing the old export finds every note: nothing added, the collection unchanged. */
async function expectNothingAdded(db: EngramDB, deckId: string, format: 'apkg' | 'csv') {
	const old = await oldExport(db, deckId, format);
	const before = await snapshot(db);
	expect(before.notes!.length).toBeGreaterThan(20);
	const summary = await importInto(db, old);
	expect(summary).toMatchObject({
		added: 0,
		updated: 0,
		unchanged: before.notes!.length,
		cardsAdded: 0,
		reviewsAdded: 0
	});
	expect(await snapshot(db)).toEqual(before);
}

describe.each(['apkg', 'csv'] as const)(
	're-importing an old %s export (bare Engram ids)',
	(format) => {
		it('finds each note under its Engram id: nothing added, nothing duplicated', async () => {
			const { db, deckId } = await studiedCollection();
			await expectNothingAdded(db, deckId, format);
		}, 30_000);

		it('a note whose stored type has other fields is not taken for it: added, nothing overwritten', async () => {
			const { db, deckId } = await studiedCollection();
			const old = await oldExport(db, deckId, format);
			// The stored note with the first basic note's id now has another shape.
			const [basic] = await db.notes.where('noteTypeId').equals('basic').toArray();
			await db.notes.update(basic!.id, { noteTypeId: 'cloze', fields: { Text: 'x', Extra: '' } });
			const before = await counts(db);
			const summary = await importInto(db, old);
			expect(summary.added).toBe(1);
			expect(await counts(db)).toMatchObject({ notes: before.notes + 1 });
			expect((await db.notes.get(basic!.id))?.fields).toEqual({ Text: 'x', Extra: '' });
			expect(await db.notes.get(`anki:${basic!.id}`)).toMatchObject({ fields: basic!.fields });
		}, 30_000);
	}
);

/** The bundled deck with short note ids (`n1`, `n2`…, as a hand-written deck file may have), studied. */
async function shortIdCollection() {
	const file = bundledDeck();
	const short = { ...file, notes: file.notes.map((note, i) => ({ ...note, id: `n${i + 1}` })) };
	const db = freshDb();
	await seedDeck(db, short, NOW);
	await study(db, short.id, 4, NOW);
	return { db, deckId: short.id };
}

describe.each(['apkg', 'csv'] as const)(
	're-importing an old %s export with short ids (10 characters or fewer, like Anki GUIDs)',
	(format) => {
		it('finds each unchanged note under its short id: nothing added, nothing duplicated', async () => {
			const { db, deckId } = await shortIdCollection();
			await expectNothingAdded(db, deckId, format);
		}, 30_000);

		it('a note with other values under a short id is added beside it, never written over it', async () => {
			const { db, deckId } = await shortIdCollection();
			const old = await oldExport(db, deckId, format);
			// Edited since the export (or another deck's note that shares the GUID `n1`).
			const n1 = (await db.notes.get('n1'))!;
			const edited = { ...n1.fields, Back: 'Edited in Engram after the export' };
			await db.notes.update('n1', { fields: edited });
			const before = await counts(db);
			const summary = await importInto(db, old);
			expect(summary).toMatchObject({ added: 1, updated: 0, unchanged: before.notes - 1 });
			expect(await counts(db)).toMatchObject({ notes: before.notes + 1 });
			expect((await db.notes.get('n1'))?.fields).toEqual(edited);
			expect(await db.notes.get('anki:n1')).toMatchObject({ fields: n1.fields });
		}, 30_000);
	}
);

describe.each<ExportFormat>(['apkg', 'csv', 'json'])(
	're-importing a %s file after renaming its deck',
	(format) => {
		it('finds the renamed decks: nothing added, no deck made again, new notes go where the decks are now', async () => {
			const { db, deckId } = await studiedCollection();
			const { file, target } = await roundTrip(db, deckId, format);
			const root = (await target.decks.where('name').equals(ROOT).first())!;
			await renameDeck(target, root.id, 'Revolution::1917', LATER);
			const names = async () => (await target.decks.toArray()).map((d) => d.name).sort();
			const renamed = await snapshot(target);
			expect(await names()).toContain('Revolution::1917::Smolny');

			const again = await importInto(target, file);
			expect(again).toMatchObject({ added: 0, updated: 0, cardsAdded: 0, reviewsAdded: 0 });
			expect(await snapshot(target)).toEqual(renamed);

			// A newer version of the deck, with a note in the root and one in the subdeck.
			for (const [home, front] of [
				[deckId, 'Who chaired the Congress?'],
				['smolny', 'Where did the Congress meet?']
			] as const) {
				await addNote(
					db,
					{ deckId: home, noteTypeId: 'basic', fields: { Front: front, Back: '?' } },
					AFTER
				);
			}
			const newer = await exportDeck(db, deckId, format, AFTER, loadSql);
			expect(await importInto(target, newer)).toMatchObject({ added: 2, updated: 0 });
			expect((await names()).filter((n) => n.startsWith(ROOT))).toEqual([]);
			const deckOf = async (front: string) => {
				const note = (await target.notes.toArray()).find((n) => n.fields.Front === front)!;
				const card = await target.cards.where('noteId').equals(note.id).first();
				return (await target.decks.get(card!.deckId))!.name;
			};
			expect(await deckOf('Who chaired the Congress?')).toBe('Revolution::1917');
			expect(await deckOf('Where did the Congress meet?')).toBe('Revolution::1917::Smolny');
		}, 60_000);
	}
);
