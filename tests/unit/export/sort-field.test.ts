// An Anki note type that sorts by another field than the first keeps that field through Engram:
// imported from Anki, stored on the note type, written back as the model's `sortf` with each
// note's `sfld` taken from that field (the `csum` still from the first), and imported again;
// an Engram JSON export keeps it as the note type's `sortField`.
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { commitImport } from '$lib/storage/import-commit';
import { selectRows } from '$lib/domain/import/sqlite';
import type { EngramDB } from '$lib/storage/db';
import { freshDb, NOW } from '../helpers';
import { loadSql, parse } from '../import/import-helpers';
import { basicCollection, legacyApkg } from '../../shared/hostile-decks';
import { roundTrip } from './export-helpers';

/** An Anki package with one Basic note whose type sorts by field `sortField`. */
async function ankiPackage(sortField: number, front = '<b>Zebra</b>', back = 'Aardvark') {
	const content = basicCollection(front, back);
	content.noteTypes[0]!.sortField = sortField;
	return legacyApkg(await loadSql(), content);
}

async function imported(bytes: Uint8Array, db: EngramDB = freshDb(), now = NOW) {
	await commitImport(db, await parse('sorted.apkg', bytes, { now }), now);
	return db;
}

/** The note types the import made (the built-in ones are stored too). */
async function ankiTypes(db: EngramDB) {
	return (await db.noteTypes.toArray()).filter((t) => t.id.startsWith('anki-nt:'));
}

/** Exports the deck "Hostile" as .apkg: the file's models and notes, and the re-imported copy. */
async function exported(db: EngramDB) {
	const deck = (await db.decks.toArray()).find((d) => d.name === 'Hostile')!;
	const { file, target } = await roundTrip(db, deck.id, 'apkg');
	const sql = await loadSql();
	const anki = new sql.Database(unzipSync(file.bytes)['collection.anki2']);
	const [col] = selectRows(anki, 'SELECT models FROM col');
	const notes = selectRows(anki, 'SELECT sfld, csum FROM notes');
	anki.close();
	const models = Object.values(JSON.parse(String(col!.models)) as Record<string, unknown>);
	return { models, notes, target };
}

const sha1Prefix = (text: string) => createHash('sha1').update(text).digest().readUInt32BE(0);

describe("an Anki note type's sort field", () => {
	it('is kept on import, written as sortf and sfld on export, and kept by the re-import', async () => {
		const db = await imported(await ankiPackage(1));
		const [type] = await ankiTypes(db);
		expect(type).toMatchObject({ fields: ['Front', 'Back'], sortField: 1 });

		const { models, notes, target } = await exported(db);
		expect(models).toEqual([expect.objectContaining({ name: 'Basic', sortf: 1 })]);
		expect(notes).toEqual([{ sfld: 'Aardvark', csum: sha1Prefix('Zebra') }]);

		expect(await ankiTypes(target)).toEqual([
			expect.objectContaining({ name: 'Basic', sortField: 1 })
		]);
	});

	it('travels in an Engram JSON export too', async () => {
		const db = await imported(await ankiPackage(1));
		const deck = (await db.decks.toArray()).find((d) => d.name === 'Hostile')!;
		const { target } = await roundTrip(db, deck.id, 'json');
		expect(await ankiTypes(target)).toEqual([expect.objectContaining({ sortField: 1 })]);
	});

	it('a type sorting by its first field is stored without one and exported with sortf 0', async () => {
		const db = await imported(await ankiPackage(0));
		const [type] = await ankiTypes(db);
		expect(type!.sortField).toBeUndefined();
		const { models, notes } = await exported(db);
		expect(models).toEqual([expect.objectContaining({ sortf: 0 })]);
		expect(notes).toEqual([{ sfld: 'Zebra', csum: sha1Prefix('Zebra') }]);
	});

	it('a re-import of the type with a changed sort field updates the stored type', async () => {
		const db = await imported(await ankiPackage(0));
		const later = new Date(NOW.getTime() + 60_000);
		await imported(await ankiPackage(1), db, later);
		expect(await ankiTypes(db)).toEqual([expect.objectContaining({ sortField: 1 })]);
	});
});
