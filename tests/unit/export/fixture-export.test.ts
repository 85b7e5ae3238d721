// Real Anki decks (from ../shared/fixtures/decks/) imported, exported again by Engram, and the
// export imported into an empty collection: nested decks, Anki's own note types, review history
// and media all survive.
import { describe, expect, it } from 'vitest';
import { commitImport } from '$lib/storage/import-commit';
import { freshDb, NOW } from '../helpers';
import { fixture, parse } from '../import/import-helpers';
import { roundTrip, viewTree } from './export-helpers';

async function importFixture(name: string) {
	const db = freshDb();
	await commitImport(db, await parse(name, fixture(name)), NOW);
	return db;
}

describe('exporting decks that came from Anki', () => {
	it('AnkiDroid templates deck: 11 nested decks, 9 note types and 102 reviews survive .apkg and JSON', async () => {
		const db = await importFixture('ankidroid-templates-legacy1.apkg');
		const root = (await db.decks.toArray()).find((d) => !d.name.includes('::'))!;
		const before = await viewTree(db, root.name);
		expect(before.notes).toHaveLength(48);
		expect(before.cards).toHaveLength(146);
		expect(before.reviews).toHaveLength(102);
		for (const format of ['apkg', 'json'] as const) {
			const { target } = await roundTrip(db, root.id, format);
			expect(await viewTree(target, root.name)).toEqual(before);
			const types = (await target.noteTypes.toArray()).map((t) => t.name);
			expect(types).toEqual(expect.arrayContaining(['Muscle', 'Thaischrift', 'reassign']));
		}
	}, 60_000);

	it.each(['apkg', 'json'] as const)(
		'Anki 23 package with media: the image and the sound come back from the %s export',
		async (format) => {
			const db = await importFixture('apkgparser-latest-anki21b-media.apkg');
			const root = (await db.decks.toArray()).find((d) => !d.name.includes('::'))!;
			const before = await viewTree(db, root.name);
			expect(before.media.map((m) => m.split(':')[0])).toEqual(['cable-car.mp3', 'download.jpg']);
			const { target, summary } = await roundTrip(db, root.id, format);
			expect(summary.warnings).toEqual([]);
			expect(summary.mediaAdded).toBe(2);
			// Names and SHA-256 of the bytes stored in IndexedDB are the same on both sides.
			expect(await viewTree(target, root.name)).toEqual(before);
		},
		60_000
	);

	it('the Anki text export of an imported deck imports again with the same notes', async () => {
		const db = await importFixture('apkgparser-latest-anki21b-media.apkg');
		const root = (await db.decks.toArray()).find((d) => !d.name.includes('::'))!;
		const { target } = await roundTrip(db, root.id, 'csv');
		const before = await viewTree(db, root.name);
		const after = await viewTree(target, root.name);
		expect(after.decks).toEqual(before.decks);
		expect(after.notes.map(({ id, fields, tags, deck }) => ({ id, fields, tags, deck }))).toEqual(
			before.notes.map(({ id, fields, tags, deck }) => ({ id, fields, tags, deck }))
		);
	}, 60_000);
});
