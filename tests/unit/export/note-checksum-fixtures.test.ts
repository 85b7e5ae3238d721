// Every note in the real packages Anki made (../shared/fixtures/decks, read in place) has the
// `csum` and `sfld` Anki stored for it; ours must be the same for each, or Anki's duplicate check
// and its browser's sort column would not see the notes we export as Anki does. The French cloze
// deck's note type sorts by its third field (`sortf` 2), so its `sfld` is not the first field's.
// 2anki's package is left out: 2anki writes 0 for every note.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Database } from 'sql.js';
import { fieldChecksum, noteSortAndChecksum } from '$lib/domain/export/note-checksum';
import { readCollection } from '$lib/domain/import/anki-collection';
import { openCollection } from '$lib/domain/import/anki-package';
import { selectRows } from '$lib/domain/import/sqlite';
import { readZip } from '$lib/domain/import/zip';
import { fixture, FIXTURES, loadSql } from '../import/import-helpers';

const MADE_BY_ANKI = readdirSync(FIXTURES).filter(
	(name) => /\.(apkg|colpkg)$/.test(name) && !name.startsWith('2anki')
);

async function openFixture(name: string): Promise<Database> {
	return openCollection(readZip(fixture(name)), await loadSql()).db;
}

/**
 * Our sort field texts, each stored in a column declared as Anki declares `sfld` (integer), so
 * SQLite turns numbers into numbers as it did for Anki; then the notes whose value differs. A
 * decimal with more digits than a double holds may land one bit apart: SQLite's text-to-real
 * rounding changed between the version Anki used and sql.js's.
 */
function sortFieldsDiffering(db: Database, ours: [number, string][]): unknown[] {
	db.run('CREATE TEMP TABLE ours (id integer primary key, sfld integer not null)');
	const insert = db.prepare('INSERT INTO ours VALUES (?, ?)');
	ours.forEach((row) => insert.run(row));
	insert.free();
	return selectRows(
		db,
		`SELECT n.id, n.sfld AS anki, o.sfld AS ours FROM notes n JOIN ours o ON o.id = n.id
		 WHERE typeof(n.sfld) <> typeof(o.sfld) OR (n.sfld IS NOT o.sfld
		   AND NOT (typeof(n.sfld) = 'real' AND abs(n.sfld - o.sfld) <= abs(n.sfld) * 1e-15))`
	);
}

describe('note checksums and sort fields of packages Anki made', () => {
	it('finds the packages', () => {
		expect(MADE_BY_ANKI.length).toBeGreaterThanOrEqual(6);
	});

	it.each(MADE_BY_ANKI)('%s: each note has the csum Anki stored', async (name) => {
		const db = await openFixture(name);
		const rows = selectRows(db, 'SELECT id, flds, csum FROM notes ORDER BY id');
		db.close();
		expect(rows.length).toBeGreaterThan(0);
		const ours = await Promise.all(
			rows.map(async (r) => [r.id, await fieldChecksum(String(r.flds).split('\x1f')[0]!)])
		);
		expect(ours).toEqual(rows.map((r) => [r.id, Number(r.csum)]));
	});

	it.each(MADE_BY_ANKI)('%s: each note has the sfld Anki stored', async (name) => {
		const db = await openFixture(name);
		try {
			const { noteTypes, notes } = readCollection(db);
			const sortFields = new Map(noteTypes.map((t) => [t.id, t.sortField]));
			const ours = await Promise.all(
				notes.map(async (n): Promise<[number, string]> => {
					const { sortField } = await noteSortAndChecksum(n.fields, sortFields.get(n.mid) ?? 0);
					return [n.id, sortField];
				})
			);
			expect(ours.length).toBeGreaterThan(0);
			expect(sortFieldsDiffering(db, ours)).toEqual([]);
		} finally {
			db.close();
		}
	});

	it('the French cloze deck sorts by a field other than the first', async () => {
		const db = await openFixture('french-cloze-anki21-nometa.apkg');
		const { noteTypes, notes } = readCollection(db);
		db.close();
		const used = new Set(notes.map((n) => n.mid));
		expect(noteTypes.filter((t) => used.has(t.id)).map((t) => t.sortField)).toEqual([2]);
	});
});
