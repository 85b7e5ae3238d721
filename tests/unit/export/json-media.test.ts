// Media inside an Engram JSON file come from an untrusted file: an unsafe name, bytes that do not
// match their SHA-256, bad base64 or a file over the documented 25 MB each refuse the whole file
// with one sentence, and the collection stays exactly as it was.
import { describe, expect, it } from 'vitest';
import { describeImportError } from '$lib/domain/import/errors';
import { commitImport } from '$lib/storage/import-commit';
import { freshDb, NOW } from '../helpers';
import { loadSql, parse, snapshot } from '../import/import-helpers';
import { sha256Hex, toMediaRecords } from '$lib/storage/media';
import { MAX_DECK_MEDIA_BYTES, type DeckFile } from '$lib/domain/deck-file';
import { exportDeck } from '$lib/storage/export';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function deckWith(media: unknown[]) {
	const file = {
		format: 'engram-deck',
		version: 1,
		id: 'pics',
		name: 'Pictures',
		notes: [
			{ id: 'n1', type: 'basic', fields: { Front: '<img src="a.png">', Back: 'A' }, tags: [] }
		],
		media
	};
	return new TextEncoder().encode(JSON.stringify(file));
}

async function goodMedia() {
	return { name: 'a.png', sha256: await sha256Hex(PNG), data: base64(PNG) };
}

describe('media in Engram JSON', () => {
	it('a valid file stores the image under its name and hash', async () => {
		const db = freshDb();
		const summary = await commitImport(
			db,
			await parse('p.json', await deckWith([await goodMedia()])),
			NOW
		);
		expect(summary.mediaAdded).toBe(1);
		const [stored] = await db.media.toArray();
		expect(stored).toMatchObject({ name: 'a.png', hash: await sha256Hex(PNG) });
		expect(new Uint8Array(stored!.bytes as ArrayBuffer)).toEqual(PNG);
	});

	it.each([
		['an unsafe name', { name: '../../evil.js' }, 'media.0.name: an unsafe media file name'],
		['a hidden name', { name: '.htaccess' }, 'media.0.name: an unsafe media file name'],
		[
			'a wrong checksum',
			{ sha256: 'a'.repeat(64) },
			'The media file "a.png" does not match its checksum.'
		],
		[
			'a checksum that is not hex',
			{ sha256: 'xyz' },
			'media.0.sha256: not a SHA-256 in lower-case hex'
		],
		['bad base64', { data: 'not base64!' }, 'media.0.data: not base64'],
		[
			'a file over 25 MB',
			{ data: 'A'.repeat(35_000_000) },
			'media.0.data: a media file larger than 25 MB'
		]
	])(
		'%s: one sentence, nothing written',
		async (_what, change, message) => {
			const db = freshDb();
			await commitImport(db, await parse('p.json', await deckWith([await goodMedia()])), NOW);
			const before = await snapshot(db);
			const bytes = await deckWith([{ ...(await goodMedia()), ...change }]);
			const error = await parse('p.json', bytes).then(
				() => undefined,
				(e: unknown) => e
			);
			expect(describeImportError(error)).toContain(message);
			expect(describeImportError(error).split('\n')).toHaveLength(1);
			expect(await snapshot(db)).toEqual(before);
		},
		30_000
	);
});

describe('media too large for a deck file', () => {
	it('is left out of the JSON export with a warning in its summary, never silently', async () => {
		const db = freshDb();
		const big = new Uint8Array(MAX_DECK_MEDIA_BYTES + 1).fill(7);
		const bytes = await deckWith([await goodMedia()]);
		await commitImport(db, await parse('p.json', bytes), NOW);
		const [note] = await db.notes.toArray();
		await db.notes.update(note!.id, {
			fields: { ...note!.fields, Back: '<img src="film.png">' }
		});
		await db.media.bulkAdd(
			await toMediaRecords([{ name: 'film.png', type: 'image/png', bytes: big }], NOW)
		);

		const file = await exportDeck(db, 'pics', 'json', NOW, loadSql);
		expect(file.warnings).toEqual([
			'The media file "film.png" (25.0 MB) was left out: a deck file carries media files of up to 25 MB, so keep it with a full backup.'
		]);
		const deck = JSON.parse(new TextDecoder().decode(file.bytes)) as DeckFile;
		expect(deck.media?.map((m) => m.name)).toEqual(['a.png']);
		// The file still imports, with the picture that fits.
		const target = freshDb();
		const summary = await commitImport(target, await parse(file.fileName, file.bytes), NOW);
		expect(summary.mediaAdded).toBe(1);
	}, 30_000);
});
