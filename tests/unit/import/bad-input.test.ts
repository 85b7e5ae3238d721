// The corpus of bad and hostile files: each one gives its one-sentence error (or imports safely),
// and after every failure the collection is exactly as it was before.
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import {
	describeImportError,
	MAX_IMPORT_BYTES,
	MESSAGES,
	unknownPackageVersion,
	unknownSchema
} from '$lib/domain/import/errors';
import { writeSchema11 } from '$lib/domain/export/anki-schema11-writer';
import { commitImport } from '$lib/storage/import-commit';
import type { EngramDB } from '$lib/storage/db';
import { freshDb, NOW } from '../helpers';
import { fixture, loadSql, parse, snapshot } from './import-helpers';
import {
	apkg,
	basicCollection,
	damaged,
	legacyApkg,
	text,
	withClaimedSize
} from '../../shared/hostile-decks';

type Case = [
	name: string,
	file: string,
	make: () => Promise<Uint8Array> | Uint8Array,
	message: string
];

const legacy2 = () => fixture('apkgparser-legacy2-anki21-media.apkg');
const latest = () => fixture('apkgparser-latest-anki21b-media.apkg');
const meta3 = new Uint8Array([0x08, 0x03]);

const cases: Case[] = [
	['empty apkg', 'deck.apkg', () => new Uint8Array(), MESSAGES.empty],
	['empty csv', 'deck.csv', () => new Uint8Array(), MESSAGES.empty],
	[
		'random bytes named .apkg',
		'deck.apkg',
		() => text('hello, this is not a zip'),
		MESSAGES.notZip
	],
	[
		'PNG named .apkg',
		'deck.apkg',
		() => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0]),
		MESSAGES.notZip
	],
	[
		'binary junk named .csv',
		'deck.csv',
		() => new Uint8Array([1, 2, 0, 3, 0, 4]),
		MESSAGES.unknownFormat
	],
	['zip cut in half', 'deck.apkg', () => legacy2().subarray(0, 30_000), MESSAGES.badZip],
	[
		'zip missing its last bytes',
		'deck.apkg',
		() => legacy2().subarray(0, legacy2().length - 30),
		MESSAGES.badZip
	],
	[
		'zip with a damaged deflate stream',
		'deck.apkg',
		() => damaged(legacy2(), 2_000, 400),
		MESSAGES.badZip
	],
	[
		'zip claiming a 600 MB entry',
		'deck.apkg',
		() => withClaimedSize(legacy2(), 600 * 1024 * 1024),
		MESSAGES.unpackedTooLarge
	],
	[
		'zip with no collection',
		'deck.apkg',
		() => apkg({ 'readme.txt': 'hi', media: '{}' }),
		MESSAGES.noCollection
	],
	[
		'meta says latest but no anki21b',
		'deck.apkg',
		() => apkg({ meta: meta3, 'collection.anki2': 'x' }),
		MESSAGES.noCollection
	],
	[
		'collection that is not SQLite',
		'deck.apkg',
		() => apkg({ 'collection.anki2': 'not a database at all' }),
		MESSAGES.badSqlite
	],
	[
		'SQLite cut after its first page',
		'deck.apkg',
		async () =>
			apkg({
				'collection.anki2': writeSchema11(await loadSql(), basicCollection('a', 'b')).subarray(
					0,
					4096
				)
			}),
		MESSAGES.badSqlite
	],
	[
		'SQLite with no Anki tables',
		'deck.apkg',
		async () => {
			const db = new (await loadSql()).Database();
			db.run('CREATE TABLE t (x)');
			return apkg({ 'collection.anki2': db.export() });
		},
		MESSAGES.badSqlite
	],
	[
		'anki21b that is not zstd',
		'deck.apkg',
		() => apkg({ meta: meta3, 'collection.anki21b': 'plain' }),
		MESSAGES.badZstd
	],
	[
		'anki21b with zstd magic then garbage',
		'deck.apkg',
		() =>
			apkg({
				meta: meta3,
				'collection.anki21b': new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 9, 9, 9, 9, 9])
			}),
		MESSAGES.badZstd
	],
	[
		'anki21b truncated zstd frame',
		'deck.apkg',
		() =>
			apkg({
				meta: meta3,
				'collection.anki21b': extract(latest(), 'collection.anki21b').subarray(0, 2_000)
			}),
		MESSAGES.badZstd
	],
	[
		'unknown schema version 99',
		'deck.apkg',
		async () => legacyApkg(await loadSql(), basicCollection('a', 'b', { version: 99 })),
		unknownSchema(99)
	],
	[
		'package version 9',
		'deck.apkg',
		() => apkg({ meta: new Uint8Array([0x08, 0x09]), 'collection.anki2': 'x' }),
		unknownPackageVersion(9)
	],
	[
		'unreadable meta',
		'deck.apkg',
		() => apkg({ meta: new Uint8Array([0xff, 0xff]), 'collection.anki2': 'x' }),
		MESSAGES.badMeta
	],
	[
		'garbage media list in a latest package',
		'deck.apkg',
		() =>
			apkg({
				meta: meta3,
				'collection.anki21b': extract(latest(), 'collection.anki21b'),
				media: 'zzz'
			}),
		MESSAGES.badZip
	],
	[
		'JSON that is not JSON',
		'deck.json',
		() => text('{ "format": "engram-deck", '),
		'Not a valid Engram deck: the file is not JSON'
	],
	[
		'JSON of the wrong version',
		'deck.json',
		() => text('{"format":"engram-deck","version":2,"id":"x","name":"x","notes":[]}'),
		'Not a valid Engram deck: version: Invalid type: Expected 1 but received 2'
	],
	[
		'JSON with a repeated note id',
		'deck.json',
		() =>
			text(
				JSON.stringify({
					format: 'engram-deck',
					version: 1,
					id: 'd',
					name: 'D',
					notes: [note('n1'), note('n1')]
				})
			),
		'Not a valid Engram deck: note id "n1" appears twice'
	],
	['CSV with only a header', 'deck.csv', () => text('Front,Back\n'), MESSAGES.noRows],
	[
		'CSV whose rows have empty first fields',
		'deck.csv',
		() => text(',a\n,b\n,c\n'),
		MESSAGES.noRows
	],
	[
		'text of only comments',
		'deck.txt',
		() => text('#separator:tab\n# nothing here\n'),
		MESSAGES.noRows
	],
	[
		'Latin-1 text',
		'deck.csv',
		() => new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x78, 0x0a]),
		MESSAGES.notText
	],
	[
		'a file over the size limit',
		'deck.apkg',
		() => new Uint8Array(MAX_IMPORT_BYTES + 1),
		MESSAGES.tooLarge
	]
];

function note(id: string) {
	return { id, type: 'basic', fields: { Front: 'a', Back: 'b' } };
}

function extract(zip: Uint8Array, name: string): Uint8Array {
	return unzipSync(zip)[name]!;
}

describe('bad input', () => {
	let db: EngramDB;
	let before: Record<string, unknown[]>;

	beforeAll(async () => {
		db = freshDb();
		await commitImport(db, await parse('legacy2.apkg', legacy2()), NOW);
		before = await snapshot(db);
	});

	it('has at least 25 files', () => {
		expect(cases.length).toBeGreaterThanOrEqual(25);
	});

	for (const [name, file, make, message] of cases) {
		it(`${name}: "${message}" and the collection is unchanged`, async () => {
			const bytes = await make();
			let error: unknown;
			try {
				await commitImport(db, await parse(file, bytes), NOW);
			} catch (e) {
				error = e;
			}
			expect(error).toBeDefined();
			expect(describeImportError(error)).toBe(message);
			expect(await snapshot(db)).toEqual(before);
		});
	}
});

describe('hostile but importable files', () => {
	it('skips media with unsafe names (../, folders, dot files) and keeps the rest', async () => {
		const sql = await loadSql();
		const bytes = legacyApkg(
			sql,
			basicCollection('<img src="ok.png">', '[sound:../../etc/passwd]'),
			{
				'0': '../../etc/passwd',
				'1': 'a/b.png',
				'2': '.htaccess',
				'3': 'ok.png',
				'4': 'C:\\x.png'
			},
			{ '0': text('x'), '1': text('y'), '2': text('z'), '3': text('png'), '4': text('w') }
		);
		const db = freshDb();
		const summary = await commitImport(db, await parse('deck.apkg', bytes), NOW);
		expect((await db.media.toArray()).map((m) => m.name)).toEqual(['ok.png']);
		expect(
			summary.warnings.filter((w) => w.startsWith('Skipped a media file with an unsafe name'))
		).toHaveLength(4);
	});

	it('reports media that notes refer to but the package lacks, as a warning', async () => {
		const bundle = await parse(
			'deck.apkg',
			legacyApkg(await loadSql(), basicCollection('<img src="gone.jpg">', 'b'))
		);
		expect(bundle.notes).toHaveLength(1);
		expect(bundle.warnings).toContain('1 media file is missing from the file: gone.jpg.');
	});

	it('skips a note with a field over 1,000,000 characters and imports the others', async () => {
		const huge = 'x'.repeat(1_000_001);
		const bundle = await parse('deck.csv', text(`front,back\n${huge},b\nsmall,c\n`));
		expect(bundle.notes.map((n) => n.fields.Front)).toEqual(['small']);
		expect(bundle.skipped).toEqual([
			{ where: 'row 2', reason: 'a field is larger than 1,000,000 characters' }
		]);
	});

	it('keeps XSS payloads as inert text in plain CSV (html off), for the renderer to sanitise', async () => {
		const bundle = await parse(
			'deck.csv',
			text('<img src=x onerror="window.__pwned=1">,<script>alert(1)</script>\n')
		);
		expect(bundle.notes[0]!.fields.Front).toBe('&lt;img src=x onerror="window.__pwned=1"&gt;');
		expect(bundle.notes[0]!.fields.Back).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
	});
});
