/**
 * Files to import, made from the same seeded generator as the collections: a plain CSV
 * (front, back, tags) and an Anki .apkg written by the app's own exporter (schema 11, a tenth of
 * its cards studied, with their review history as revlog).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { buildApkg } from '$lib/domain/export/apkg';
import type { CardRecord, NoteRecord, ReviewRecord } from '$lib/domain/model';
import { BUILTIN_NOTE_TYPES } from '$lib/domain/note-types';
import { benchDeck, DAY, generateRecords, newCardRecord } from './page/generate';
import { seededRandom } from './page/random';
import { cacheRoot, publish, scratchDir } from './template-cache';

export interface ImportFixture {
	name: string;
	kind: 'csv' | 'apkg';
	notes: number;
	mimeType: string;
	buffer: Buffer;
}

export function csvFixture(notes: number, seed: number): ImportFixture {
	const random = seededRandom(seed);
	const rows = ['front,back,tags'];
	for (let i = 0; i < notes; i += 1) {
		const word = Math.floor(random() * 1e9).toString(36);
		rows.push(
			`Question ${i}: what is ${word}?,Answer ${i}: ${word} backwards,bench group-${i % 50}`
		);
	}
	return {
		name: `bench-${notes}.csv`,
		kind: 'csv',
		notes,
		mimeType: 'text/csv',
		buffer: Buffer.from(`${rows.join('\n')}\n`)
	};
}

/** The sources a fixture depends on: change one and the cached files are made again. */
const SOURCES = [
	'tests/bench/import-fixtures.ts',
	'tests/bench/page/generate.ts',
	'src/lib/domain/export/apkg.ts',
	'src/lib/domain/export/anki-schema11-writer.ts',
	'src/lib/domain/scheduler.ts'
];

/**
 * Writing a 50k-note .apkg takes a minute here (sql.js inserts), so each file is made once per
 * machine and kept until its sources change, beside the collections in the machine's cache
 * (template-cache.ts: any clone reuses it; written under a scratch name and renamed when
 * complete; removed with the collections' stale templates 3 days after it was made). Until
 * session 18 it was kept per clone (tests/.results), so each fresh clone's bench made it again,
 * 40-60 s of its start at load 12. Histories end just before the file was made.
 */
export async function cachedApkgFixture(notes: number, seed: number): Promise<ImportFixture> {
	const hash = createHash('sha256');
	for (const file of SOURCES) {
		hash.update(readFileSync(file));
	}
	const root = cacheRoot();
	const name = `import-bench-${notes}-${seed}-${hash.digest('hex').slice(0, 12)}.apkg`;
	const file = join(root, name);
	if (existsSync(file)) {
		return { ...apkgShape(notes), buffer: readFileSync(file) };
	}
	const fixture = await apkgFixture(notes, seed, Date.now());
	const scratch = scratchDir(root, name);
	writeFileSync(scratch, fixture.buffer);
	publish(scratch, file);
	return fixture;
}

function apkgShape(notes: number): Omit<ImportFixture, 'buffer'> {
	return { name: `bench-${notes}.apkg`, kind: 'apkg', notes, mimeType: 'application/octet-stream' };
}

/**
 * Of the generator's studied cards (80 % of a collection's), the share an .apkg keeps studied,
 * with their history; the others it carries as new cards: a tenth of the deck studied, as in a
 * shared deck exported with its scheduling by someone who had started it. Until session 19 the
 * files kept every studied card's history (2.6 reviews each): 45,704 records for 10k notes and
 * 228,659 for 50k, where one 50k import and its baseline alone took 4–9 minutes on the bench's
 * 2-core machine, more than the phase can take within the bench's 10 (issue #8). The history
 * import is still in every run.
 */
export const STUDIED_KEPT = 1 / 8;

export async function apkgFixture(
	notes: number,
	seed: number,
	now: number
): Promise<ImportFixture> {
	const records = {
		notes: [] as NoteRecord[],
		cards: [] as CardRecord[],
		reviews: [] as ReviewRecord[]
	};
	// Its own stream, so the generator's records (and the collections') stay as they are.
	const keep = seededRandom(seed + 1);
	let dropped: string | undefined;
	await generateRecords({ cards: notes, notes, seed, now }, (store, record) => {
		if (store === 'cards') {
			const card = record as CardRecord;
			const studied = card.queue !== 'new' && keep() < STUDIED_KEPT;
			dropped = card.queue === 'new' || studied ? undefined : card.id;
			const { noteId, ord, position } = card;
			records.cards.push(dropped ? newCardRecord(noteId, ord, position, now - DAY) : card);
		} else if (store === 'reviews') {
			if ((record as ReviewRecord).cardId !== dropped) {
				records.reviews.push(record as ReviewRecord);
			}
		} else {
			records.notes.push(record as NoteRecord);
		}
	});
	const data = {
		decks: [benchDeck({ cards: records.cards.length, now })],
		presets: [],
		noteTypes: [BUILTIN_NOTE_TYPES.basic, BUILTIN_NOTE_TYPES['basic-reversed']],
		...records,
		media: []
	};
	const bytes = await buildApkg(data, await initSqlJs(), new Date(now));
	return { ...apkgShape(notes), buffer: Buffer.from(bytes) };
}

/** The files to import: a CSV and an .apkg of each size (the .apkg files cached between runs). */
export async function importFixtures(sizes: number[], seed: number): Promise<ImportFixture[]> {
	const fixtures = [];
	for (const notes of sizes) {
		fixtures.push(csvFixture(notes, seed + notes), await cachedApkgFixture(notes, seed + notes));
	}
	return fixtures;
}
