// Builders for the bad and hostile files the import tests feed the importer, shared by the unit
// corpus (tests/unit/import) and the real-browser hostile deck (tests/e2e/import-hostile.spec.ts).
// Everything is made here, from scratch or by damaging a real fixture, so no binary files are in
// git. Relative imports only: Playwright does not know the `$lib` alias.
import { zipSync } from 'fflate';
import type { SqlJsStatic } from 'sql.js';
import {
	writeSchema11,
	type Schema11Content
} from '../../src/lib/domain/export/anki-schema11-writer';

export function basicCollection(
	front: string,
	back: string,
	extra: Partial<Schema11Content> = {}
): Schema11Content {
	return {
		crt: 1_700_000_000,
		mod: 1_700_000_100,
		noteTypes: [
			{
				id: 1700000000001,
				name: 'Basic',
				cloze: false,
				fields: ['Front', 'Back'],
				templates: [
					{ name: 'Card 1', front: '{{Front}}', back: '{{FrontSide}}<hr id=answer>{{Back}}' }
				],
				css: '.card { color: black; }'
			}
		],
		decks: [{ id: 1700000000002, name: 'Hostile' }],
		notes: [
			{
				id: 1700000000003,
				guid: 'hostile-1',
				mid: 1700000000001,
				mod: 1_700_000_100,
				tags: [],
				fields: [front, back]
			}
		],
		cards: [
			{
				id: 1700000000004,
				nid: 1700000000003,
				did: 1700000000002,
				ord: 0,
				type: 0,
				queue: 0,
				due: 1,
				ivl: 0,
				reps: 0,
				lapses: 0
			}
		],
		revlog: [],
		...extra
	};
}

export function apkg(entries: Record<string, Uint8Array | string>): Uint8Array {
	const files: Record<string, Uint8Array> = {};
	for (const [name, value] of Object.entries(entries)) {
		files[name] = typeof value === 'string' ? new TextEncoder().encode(value) : value;
	}
	return zipSync(files);
}

export function legacyApkg(
	sql: SqlJsStatic,
	content: Schema11Content,
	media: Record<string, string> = {},
	files: Record<string, Uint8Array> = {}
): Uint8Array {
	return apkg({
		'collection.anki2': writeSchema11(sql, content),
		media: JSON.stringify(media),
		...files
	});
}

export const text = (s: string) => new TextEncoder().encode(s);

/** A copy with `count` bytes flipped starting at `at`. */
export function damaged(bytes: Uint8Array, at: number, count: number): Uint8Array {
	const copy = bytes.slice();
	for (let i = at; i < Math.min(copy.length, at + count); i++) {
		copy[i] = copy[i]! ^ 0xa5;
	}
	return copy;
}

/** Rewrites every "uncompressed size" in a zip's central directory, as a zip bomb would. */
export function withClaimedSize(zip: Uint8Array, size: number): Uint8Array {
	const copy = zip.slice();
	const view = new DataView(copy.buffer);
	for (let i = 0; i + 46 <= copy.length; i++) {
		if (view.getUint32(i, true) === 0x02014b50) {
			view.setUint32(i + 24, size, true);
		}
	}
	return copy;
}
