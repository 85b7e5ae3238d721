/**
 * The collection generator's in-page script (bundled alone: it carries the app's database and
 * backup code, which the measuring toolkit does not need). It runs on a blank page of the
 * collection's origin, so collections can be made while the app is still building.
 *
 * The generated records are packed as a backup with the app's own writer and written into
 * `engram` by the app's own restore (replace). That restore is an import of exactly the data
 * the bench later backs up and exports, so its time, taken here, is the baseline the exports of
 * the largest collection are compared with when the collections are made in the same run:
 * making them and timing that import is then one write of 100,000 cards, not two.
 */
import { TABLE_NAMES, type TableName } from '$lib/domain/backup/format';
import { BackupWriter } from '$lib/domain/backup/pack';
import { restoreBackup } from '$lib/storage/backup';
import { BlobSink } from '$lib/storage/blob-sink';
import { EngramDB } from '$lib/storage/db';
import {
	BENCH_PRESET,
	benchDeck,
	generateRecords,
	type CollectionCounts,
	type CollectionSpec
} from './generate';

const PAGE = 1000;

type Keyed = { id: string };
const byId = (a: Keyed, b: Keyed) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The generated records by table, each in key order (as a backup made from a database is). */
async function recordsByTable(spec: CollectionSpec) {
	const tables: Partial<Record<TableName, Keyed[]>> = {
		decks: [benchDeck(spec)],
		presets: [BENCH_PRESET],
		notes: [],
		cards: [],
		reviews: []
	};
	const counts = await generateRecords(spec, (store, record) => {
		tables[store]!.push(record);
	});
	Object.values(tables).forEach((records) => records.sort(byId));
	return { tables, counts };
}

/** The records as a backup zip, written by the app's own backup writer. */
async function pack(
	tables: Partial<Record<TableName, Keyed[]>>,
	schemaVersion: number,
	now: Date
): Promise<Uint8Array> {
	const sink = new BlobSink('application/zip');
	const writer = new BackupWriter({
		appVersion: 'bench',
		dbSchemaVersion: schemaVersion,
		now,
		onData: (chunk) => sink.add(chunk)
	});
	for (const table of TABLE_NAMES) {
		if (table === 'media') {
			continue;
		}
		const out = writer.table(table);
		const records = tables[table] ?? [];
		for (let start = 0; start < records.length; start += PAGE) {
			out.add(records.slice(start, start + PAGE));
		}
		out.end();
	}
	writer.finish();
	return new Uint8Array(await sink.finish().arrayBuffer());
}

export async function generate(spec: CollectionSpec): Promise<CollectionCounts> {
	const started = performance.now();
	const { tables, counts } = await recordsByTable(spec);
	const db = new EngramDB(spec.dbName);
	try {
		await db.open();
		const backup = await pack(tables, db.verno, new Date(spec.now));
		const restoreStart = performance.now();
		await restoreBackup(db, backup, 'replace');
		const restoreMs = performance.now() - restoreStart;
		return {
			...counts,
			ms: performance.now() - started,
			restoreMs,
			backupBytes: backup.length
		};
	} finally {
		db.close();
	}
}

const generator = { generate };

declare global {
	var engramGenerator: typeof generator;
}

globalThis.engramGenerator = generator;
