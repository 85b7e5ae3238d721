// Anki keeps a note's fields in one text column joined by U+001F: a field that holds that
// character itself (a CSV or JSON deck can bring one in) would become two fields in the .apkg
// and shift every field after it. The export writes each field as Anki would save it, without
// the control characters Anki removes (rslib notes `normalize_field`), so the note keeps its shape.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { selectRows } from '$lib/domain/import/sqlite';
import { addNote } from '$lib/storage/notes';
import { NOW, seededDb } from '../helpers';
import { loadSql } from '../import/import-helpers';
import { roundTrip } from './export-helpers';

describe('an .apkg export of a field holding control characters', () => {
	it("keeps the note's fields apart and drops what Anki drops", async () => {
		const { db, deckId } = await seededDb(NOW);
		const front = 'Tsar\u001fNicholas\u0007 II';
		await addNote(
			db,
			{ deckId, noteTypeId: 'basic', fields: { Front: front, Back: 'Romanov\tdynasty' }, tags: [] },
			NOW
		);
		expect((await db.notes.toArray()).some((n) => n.fields.Front === front)).toBe(true);

		const { file, target } = await roundTrip(db, deckId, 'apkg');
		const sql = await loadSql();
		const anki = new sql.Database(unzipSync(file.bytes)['collection.anki2']);
		const rows = selectRows(anki, "SELECT flds FROM notes WHERE flds LIKE 'Tsar%'");
		anki.close();
		expect(rows.map((r) => String(r.flds).split('\u001f'))).toEqual([
			['TsarNicholas II', 'Romanov\tdynasty']
		]);
		const back = (await target.notes.toArray()).filter((n) => n.fields.Back === 'Romanov\tdynasty');
		expect(back.map((n) => n.fields.Front)).toEqual(['TsarNicholas II']);
	});
});
