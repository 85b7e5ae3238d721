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
 *
 * The same backup is then kept as the day's automatic snapshot (a `daily` restore point), as the
 * app keeps its own (state/daily-snapshot.svelte.ts): otherwise the app, finding none, takes one
 * (a full backup, 20–60 s at 100k) a minute after a page opens, which ran during the exports.
 * Each run renews it (renewDailyPoint) when the app would find it due.
 */
import { TABLE_NAMES, type TableName } from '$lib/domain/backup/format';
import { BackupWriter } from '$lib/domain/backup/pack';
import { restoreBackup } from '$lib/storage/backup';
import {
	dailySnapshotDue,
	restorePointFile,
	saveRestorePoint,
	lastRestorePoint
} from '$lib/storage/restore-points';
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
): Promise<Uint8Array<ArrayBuffer>> {
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
		// What the app keeps as its daily snapshot: a backup of the collection, taken "now".
		const file = new Blob([backup], { type: 'application/zip' });
		await saveRestorePoint(db.name, file, 'daily', new Date(spec.now));
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

/** A daily point due within this long is renewed: no bench run lasts this long. */
const RUN_MARGIN_MS = 3_600_000;

/**
 * Keeps today's daily snapshot of collection `dbName` when the newest is (nearly) due, as
 * the app would take it: the collection has not changed since it was generated (every run
 * studies in a fresh copy), so the newest daily point's backup is what the app's backup would
 * hold, and it is kept again, dated `now`. Returns the newest daily point's date.
 */
export async function renewDailyPoint(dbName: string, now: number): Promise<number | undefined> {
	if (await dailySnapshotDue(dbName, new Date(now + RUN_MARGIN_MS))) {
		const newest = await lastRestorePoint(dbName, 'daily');
		const kept = newest && (await restorePointFile(dbName, newest.id));
		if (kept) {
			await saveRestorePoint(dbName, kept.file, 'daily', new Date(now));
		}
	}
	return (await lastRestorePoint(dbName, 'daily'))?.createdAt;
}

const generator = { generate, renewDailyPoint };

declare global {
	var engramGenerator: typeof generator;
}

globalThis.engramGenerator = generator;
