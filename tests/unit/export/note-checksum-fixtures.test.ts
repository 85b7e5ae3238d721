// Every note in the real packages Anki made (../shared/fixtures/decks, read in place) has the
// `csum` Anki stored for it; ours must be the same for each, or Anki's duplicate check would
// not find the notes we export. 2anki's package is left out: 2anki writes 0 for every note.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldChecksum } from '$lib/domain/export/note-checksum';
import { openCollection } from '$lib/domain/import/anki-package';
import { selectRows } from '$lib/domain/import/sqlite';
import { readZip } from '$lib/domain/import/zip';
import { fixture, FIXTURES, loadSql } from '../import/import-helpers';

const MADE_BY_ANKI = readdirSync(FIXTURES).filter(
	(name) => /\.(apkg|colpkg)$/.test(name) && !name.startsWith('2anki')
);

describe('note checksums of packages Anki made', () => {
	it('finds the packages', () => {
		expect(MADE_BY_ANKI.length).toBeGreaterThanOrEqual(6);
	});

	it.each(MADE_BY_ANKI)('%s: each note has the csum Anki stored', async (name) => {
		const { db } = openCollection(readZip(fixture(name)), await loadSql());
		const rows = selectRows(db, 'SELECT id, flds, csum FROM notes ORDER BY id');
		db.close();
		expect(rows.length).toBeGreaterThan(0);
		const ours = await Promise.all(
			rows.map(async (r) => [r.id, await fieldChecksum(String(r.flds).split('\x1f')[0]!)])
		);
		expect(ours).toEqual(rows.map((r) => [r.id, Number(r.csum)]));
	});
});
