// An import tells new records from stored ones without asking IndexedDB once per id when the
// collection is empty or smaller than the file, and still finds exactly what is stored.
import { describe, expect, it } from 'vitest';
import type { NoteRecord } from '$lib/domain/model';
import { commitImport } from '$lib/storage/import-commit';
import { storedById } from '$lib/storage/stored-by-id';
import { wrapTables } from '../dbcore-wrap';
import { freshDb, NOW } from '../helpers';
import { fixture, parse } from './import-helpers';

const LATER = new Date(NOW.getTime() + 86_400_000);
const APKG = 'french-cloze-anki21-nometa.apkg';

/** Keys asked for one by one (getMany), per table. */
function countLookups(db: ReturnType<typeof freshDb>): Record<string, number> {
	const lookups: Record<string, number> = {};
	wrapTables(db, 'lookup-counter', (table, name) => ({
		getMany: (req) => {
			lookups[name] = (lookups[name] ?? 0) + req.keys.length;
			return table.getMany(req);
		}
	}));
	return lookups;
}

function note(id: string): NoteRecord {
	return {
		id,
		deckId: 'd',
		noteTypeId: 'basic',
		fields: { Front: id, Back: '' },
		fieldMtimes: { Front: 0, Back: 0 },
		tags: [],
		createdAt: 0,
		mtime: 0
	};
}

describe('storedById', () => {
	it('answers like bulkGet whether the table is empty, smaller or larger than the list', async () => {
		const db = freshDb();
		const ids = ['n3', 'n1', 'missing', 'n3', 'n7'];
		expect(await storedById(db.notes, ids)).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
			undefined
		]);
		await db.notes.bulkAdd(['n1', 'n3'].map(note));
		expect(await storedById(db.notes, ids)).toEqual(await db.notes.bulkGet(ids));
		await db.notes.bulkAdd(['n2', 'n4', 'n5', 'n6', 'n7', 'n8'].map(note));
		const found = await storedById(db.notes, ids);
		expect(found).toEqual(await db.notes.bulkGet(ids));
		expect(found.map((n) => n?.id)).toEqual(['n3', 'n1', undefined, 'n3', 'n7']);
		expect(await storedById(db.notes, [])).toEqual([]);
	});

	it('an import into an empty collection asks for no note, card or review by id', async () => {
		const db = freshDb();
		const lookups = countLookups(db);
		const summary = await commitImport(db, await parse(APKG, fixture(APKG)), NOW);
		expect(summary.added).toBe(1639);
		expect(summary.reviewsAdded).toBeGreaterThan(0);
		expect(await db.cards.count()).toBe(summary.cardsAdded);
		expect(lookups.notes ?? 0).toBe(0);
		expect(lookups.cards ?? 0).toBe(0);
		expect(lookups.reviews ?? 0).toBe(0);
	}, 30_000);

	it('a re-import still finds every stored record, reading the found ones only', async () => {
		const db = freshDb();
		const lookups = countLookups(db);
		const first = await commitImport(db, await parse(APKG, fixture(APKG)), NOW);
		delete lookups.notes;
		const again = await commitImport(db, await parse(APKG, fixture(APKG), { now: LATER }), LATER);
		expect(again).toMatchObject({ added: 0, updated: 0, unchanged: first.added, cardsAdded: 0 });
		expect(again.reviewsAdded).toBe(0);
		// Every note is stored: each is got (twice: identity, then the merge), none more.
		expect(lookups.notes).toBe(2 * first.added);
	}, 30_000);
});
